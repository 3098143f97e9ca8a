package provider

import "testing"

func TestAccGitHubEnterpriseIntegration_lifecycle(t *testing.T) {
	testAccGitHubLifecycle(t, gitHubEnterpriseCase)
}

func TestAccGitHubEnterpriseIntegration_deleteRefused(t *testing.T) {
	testAccGitHubDeleteRefused(t, gitHubEnterpriseCase)
}
