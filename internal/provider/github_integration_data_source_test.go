package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitHubIntegrationDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("github", "pulumicloud_github_integration"),
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
resource "pulumicloud_github_integration" "r" {
  installation_id     = 41000001
  disable_pr_comments = true
}
data "pulumicloud_github_integration" "by_installation" {
  installation_id = pulumicloud_github_integration.r.installation_id
}
data "pulumicloud_github_integration" "by_account" {
  account_name = "ACME-INC"
  depends_on   = [pulumicloud_github_integration.r]
}
data "pulumicloud_github_integration" "by_id" {
  integration_id = pulumicloud_github_integration.r.integration_id
}
`,
				ConfigPlanChecks: emptyPlanAfterApply(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_github_integration.by_account", tfjsonpath.New("account_name"), knownvalue.StringExact("ACME-INC")),
					statecheck.ExpectKnownValue("data.pulumicloud_github_integration.by_account", tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.pulumicloud_github_integration.by_installation", tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
					statecheck.ExpectKnownValue("data.pulumicloud_github_integration.by_id", tfjsonpath.New("installation_id"), knownvalue.Int64Exact(41000001)),
					statecheck.ExpectKnownValue("data.pulumicloud_github_integration.by_id", tfjsonpath.New("permission_requirements"), knownvalue.ListSizeExact(4)),
					// the same attributes as the resource
					statecheck.CompareValuePairs("pulumicloud_github_integration.r", tfjsonpath.New("id"),
						"data.pulumicloud_github_integration.by_installation", tfjsonpath.New("id"), compare.ValuesSame()),
					statecheck.CompareValuePairs("pulumicloud_github_integration.r", tfjsonpath.New("gh_urls"),
						"data.pulumicloud_github_integration.by_id", tfjsonpath.New("gh_urls"), compare.ValuesSame()),
					statecheck.CompareValuePairs("pulumicloud_github_integration.r", tfjsonpath.New("integration_id"),
						"data.pulumicloud_github_integration.by_account", tfjsonpath.New("integration_id"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccGitHubIntegrationDataSource_notFound(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerConfig() + `data "pulumicloud_github_integration" "x" { installation_id = 41000002 }`,
			ExpectError: regexp.MustCompile(`(?s)No GitHub Integration Found.*installation_id = 41000002.*pulumicloud_github_integrations`),
		}},
	})
}
