package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// NewGitHubEnterpriseIntegrationResource is the
// pulumicloud_github_enterprise_integration resource: the GitHub
// implementation (github_integration_resource.go) over the
// github-enterprise endpoints.
func NewGitHubEnterpriseIntegrationResource() resource.Resource {
	return newIntegrationResource[gitHubIntegrationModel, *gitHubIntegrationModel](gitHubKind(client.GitHubEnterpriseServer))
}
