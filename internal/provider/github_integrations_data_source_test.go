package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitHubIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_github_integrations.all"
	var seeded string
	for _, in := range env.emu.Integrations(testOrg, "github") {
		seeded, _ = in["id"].(string)
	}
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfigNoOrg() + `data "pulumicloud_github_integrations" "all" { organization = "acme" }`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				// The API's GitHub list holds the self-hosted installation too;
				// it is GitHub Enterprise's, not listed here.
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("is_self_hosted"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("id"), knownvalue.StringExact(seeded)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("installation_id"), knownvalue.Int64Exact(emulator.SeedGitHubInstallationID)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("account_name"), knownvalue.StringExact(emulator.SeedGitHubAccountName)),
				// installationUrl is the list response's, not an item's.
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_url"), knownvalue.StringExact("https://github.com/apps/pulumi/installations/new")),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("permission_requirements"), knownvalue.ListSizeExact(4)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("disable_code_access_for_reviews"), knownvalue.Bool(false)),
			},
		}},
	})
}
