package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitLabIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_gitlab_integrations.all"
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `data "pulumicloud_gitlab_integrations" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
					statecheck.ExpectKnownValue(addr, item.AtMapKey("gitlab_group_id"), knownvalue.Int64Exact(emulator.SeedIntegratedGitLabGroupID)),
					statecheck.ExpectKnownValue(addr, item.AtMapKey("group_name"), knownvalue.StringExact("Data")),
					statecheck.ExpectKnownValue(addr, item.AtMapKey("installed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, item.AtMapKey("auth_user").AtMapKey("github_login"), knownvalue.StringExact("jdoe")),
					statecheck.ExpectKnownValue(addr, item.AtMapKey("id"), knownvalue.NotNull()),
				},
			},
			{ // an empty organization lists nothing, as an empty list
				PreConfig: func() {
					for _, in := range env.emu.Integrations(testOrg, "gitlab") {
						env.emu.DeleteIntegration(testOrg, "gitlab", in["id"].(string))
					}
				},
				Config: env.providerConfig() + `data "pulumicloud_gitlab_integrations" "all" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(0)),
				},
			},
		},
	})
}
