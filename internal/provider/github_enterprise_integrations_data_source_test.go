package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitHubEnterpriseIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_github_enterprise_integrations.all"
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `data "pulumicloud_github_enterprise_integrations" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("installation_id"), knownvalue.Int64Exact(emulator.SeedGHEInstallationID)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("is_self_hosted"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_url"),
					knownvalue.StringExact("https://"+emulator.SeedGHEHost+"/apps/pulumi/installations/new")),
			},
		}},
	})
}
