package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitHubEnterpriseIntegrationDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_github_enterprise_integration.x"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `data "pulumicloud_github_enterprise_integration" "x" { account_name = "platform" }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(emulator.SeedGHEInstallationID)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_self_hosted"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("gh_urls").AtMapKey("installation_url"),
						knownvalue.StringRegexp(regexp.MustCompile(`^https://`+regexp.QuoteMeta(emulator.SeedGHEHost)))),
				},
			},
			{ // a github.com installation is not a GitHub Enterprise integration
				Config:      env.providerConfig() + `data "pulumicloud_github_enterprise_integration" "x" { installation_id = 41000001 }`,
				ExpectError: regexp.MustCompile(`No GitHub Enterprise Integration Found`),
			},
		},
	})
}
