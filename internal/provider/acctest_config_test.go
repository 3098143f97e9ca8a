package provider

// Configuration builders of the acceptance tests: the provider pointed at a
// test's emulator, and one resource of each kind.

import (
	"fmt"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// providerConfig is the provider block pointing at this emulator, with the
// default organization set.
func (e *testEnv) providerConfig() string {
	return fmt.Sprintf(`
provider "pulumicloud" {
  api_url      = %q
  access_token = %q
  organization = %q
  max_retries  = 2
}
`, e.url, emulator.DefaultToken, testOrg)
}

// providerConfigNoOrg is the provider block without a default organization.
func (e *testEnv) providerConfigNoOrg() string {
	return fmt.Sprintf(`
provider "pulumicloud" {
  api_url      = %q
  access_token = %q
}
`, e.url, emulator.DefaultToken)
}

func gitLabConfig(groupID int64, extra string) string {
	return fmt.Sprintf(`
resource "pulumicloud_gitlab_integration" "test" {
  gitlab_group_id = %d
%s
}
`, groupID, extra)
}

func bitbucketConfig(uuid, slug, auth string) string {
	return fmt.Sprintf(`
resource "pulumicloud_bitbucket_integration" "test" {
  workspace_uuid = %q
  workspace_slug = %q
%s
}
`, uuid, slug, auth)
}

func azureDevOpsConfig(adoOrg, projectID, extra string) string {
	return fmt.Sprintf(`
resource "pulumicloud_azure_devops_integration" "test" {
  azure_devops_organization = %q
  azure_devops_project_id   = %q
%s
}
`, adoOrg, projectID, extra)
}

// customConfig is a custom integration (with extra lines) and, when repo is
// set, one repository of it.
func customConfig(name, baseURL, extra string, repo bool) string {
	cfg := fmt.Sprintf(`
resource "pulumicloud_custom_vcs_integration" "test" {
  name        = %q
  base_url    = %q
  environment = "vcs/forgejo"
%s
}
`, name, baseURL, extra)
	if repo {
		cfg += `
resource "pulumicloud_custom_vcs_repository" "infra" {
  integration_id = pulumicloud_custom_vcs_integration.test.integration_id
  name           = "platform/infra"
  display_name   = "Infrastructure"
}
`
	}
	return cfg
}
