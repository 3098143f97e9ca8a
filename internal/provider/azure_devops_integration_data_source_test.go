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

func TestAccAzureDevOpsIntegrationDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_azure_devops_integration.x"
	var seeded string
	for _, in := range env.emu.Integrations(testOrg, "azure-devops") {
		seeded, _ = in["id"].(string)
	}
	if err := env.emu.PatchIntegration(testOrg, "azure-devops", seeded, map[string]any{"disableCodeAccessForReviews": true}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `data "pulumicloud_azure_devops_integration" "x" { azure_devops_project_id = "` + emulator.SeedIntegratedADOProjectID + `" }`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("integration_id"), knownvalue.StringExact(seeded)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("azure_devops_organization"), knownvalue.StringExact(emulator.SeedIntegratedADOOrg)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("azure_devops_project").AtMapKey("name"), knownvalue.StringExact("Website")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("auth_user").AtMapKey("github_login"), knownvalue.StringExact("jdoe")),
					// not in the GET: taken from the list
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_code_access_for_reviews"), knownvalue.Bool(true)),
				},
			},
			{
				Config:      env.providerConfig() + `data "pulumicloud_azure_devops_integration" "x" { azure_devops_project_id = "` + adoPaymentsID + `" }`,
				ExpectError: regexp.MustCompile(`No Azure DevOps Integration Found`),
			},
		},
	})
}
