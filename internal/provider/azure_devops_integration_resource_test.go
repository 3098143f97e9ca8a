package provider

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

const azureDevOpsAddr = "pulumicloud_azure_devops_integration.test"

// Seeded Azure DevOps projects (emulator.SeedADOOrgs).
const (
	adoPaymentsID = "8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41"
	adoMLID       = "c7f8091a-3c5d-4e6f-8a9b-bc2d3e4f5a63"
)

func TestAccAzureDevOpsIntegration_lifecycle(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var id string
	created := env.providerConfig() + azureDevOpsConfig("acmecorp", adoPaymentsID, `  disable_code_access_for_reviews = true`)
	updated := env.providerConfig() + azureDevOpsConfig("acmecorp", adoPaymentsID, `  disable_code_access_for_reviews = true
  disable_neo_summaries = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("azure-devops", "pulumicloud_azure_devops_integration"),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config:           created,
				ConfigPlanChecks: expectAction(azureDevOpsAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("azure_devops_project").AtMapKey("name"), knownvalue.StringExact("Payments")),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("azure_devops_org").AtMapKey("account_url"), knownvalue.StringExact("https://dev.azure.com/acmecorp")),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("installed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("valid"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("auth_user").AtMapKey("github_login"), knownvalue.StringExact("jdoe")),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("disable_code_access_for_reviews"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("integration_id"), knownvalue.NotNull()),
				},
				Check: resource.ComposeTestCheckFunc(
					captureAttr(azureDevOpsAddr, "integration_id", &id),
					func(*terraform.State) error { // the POST carried the create-only flag
						for _, in := range env.emu.Integrations(testOrg, "azure-devops") {
							if in["id"] == id && in["disableCodeAccessForReviews"] != true {
								return fmt.Errorf("disableCodeAccessForReviews = %v in the emulator", in["disableCodeAccessForReviews"])
							}
						}
						return nil
					},
				),
			},
			{
				Config:           updated,
				ConfigPlanChecks: expectAction(azureDevOpsAddr, plancheck.ResourceActionUpdate),
				Check:            env.emuCheck("azure-devops", &id, map[string]any{"disableNeoSummaries": true}),
			},
			// The GET answers neither the id nor disableCodeAccessForReviews:
			// the import takes them from the id and the list.
			{ResourceName: azureDevOpsAddr, ImportState: true, ImportStateVerify: true},
			{ // and an import {} block does the same
				ResourceName: azureDevOpsAddr, ImportState: true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportPlanChecks: resource.ImportPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(azureDevOpsAddr, plancheck.ResourceActionNoop)},
				},
			},
		}, outOfBand{
			env: env, kind: "azure-devops", addr: azureDevOpsAddr, config: updated,
			flip:     map[string]any{"disableNeoSummaries": false, "disablePRComments": true},
			restored: map[string]any{"disableNeoSummaries": true, "disablePRComments": false},
		}.steps(t, &id), []resource.TestStep{
			{ // the create-only flag replaces
				Config:           env.providerConfig() + azureDevOpsConfig("acmecorp", adoPaymentsID, `  disable_neo_summaries = true`),
				ConfigPlanChecks: expectAction(azureDevOpsAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("disable_code_access_for_reviews"), knownvalue.Bool(false)),
				},
			},
			{ // another project in another Azure DevOps organization: replace
				Config:           env.providerConfig() + azureDevOpsConfig("acme-research", adoMLID, ""),
				ConfigPlanChecks: expectAction(azureDevOpsAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(azureDevOpsAddr, tfjsonpath.New("azure_devops_project").AtMapKey("name"), knownvalue.StringExact("ML")),
				},
			},
			{ResourceName: azureDevOpsAddr, ImportState: true, ImportStateVerify: true},
		}),
	})
}

func TestAzureDevOpsIntegrationFromAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	get := &client.AzureDevOpsIntegration{ // a GET: no id, no disableCodeAccessForReviews
		Installed: true, Valid: true,
		Organization:      &client.AzureDevOpsOrganization{ID: "o1", Name: "acmecorp", AccountURL: "https://dev.azure.com/acmecorp", HasRequiredPermissions: true},
		Project:           &client.AzureDevOpsProject{ID: "8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41", Name: "Payments"},
		DisablePRComments: true,
	}
	var m azureDevOpsIntegrationModel
	configuredOrg := fwtype.CaseInsensitiveStringValue("AcmeCorp") // configured spelling
	configuredProject := fwtype.CaseInsensitiveStringValue("8D2C4E6F-1A3B-4C5D-8E7F-9A0B1C2D3E41")
	m.AzureDevOpsOrganization, m.AzureDevOpsProjectID = configuredOrg, configuredProject
	m.DisableCodeAccessForReviews = types.BoolValue(true) // from state
	if diags := azureDevOpsKind.fromAPI(ctx, get, &m); diags.HasError() {
		t.Fatal(diags)
	}
	// The configured spellings are kept by the framework, through the types'
	// semantic equality: the API's answers must be equal to them that way.
	for _, pair := range [][2]fwtype.CaseInsensitiveString{{configuredOrg, m.AzureDevOpsOrganization}, {configuredProject, m.AzureDevOpsProjectID}} {
		if same, _ := pair[0].StringSemanticEquals(ctx, pair[1]); !same {
			t.Errorf("configured spelling %v is not semantically equal to the answer %v", pair[0], pair[1])
		}
	}
	if !m.DisableCodeAccessForReviews.ValueBool() || !m.Installed.ValueBool() || !m.DisablePRComments.ValueBool() || !m.AuthUser.IsNull() {
		t.Errorf("unexpected mapping: %+v", m)
	}

	// After an import: nothing known; the list fills the create-only flag.
	var imported azureDevOpsIntegrationModel
	_ = azureDevOpsKind.fromAPI(ctx, get, &imported)
	if imported.AzureDevOpsOrganization.ValueString() != "acmecorp" || !imported.DisableCodeAccessForReviews.IsNull() {
		t.Errorf("unexpected import mapping: %+v", imported)
	}
	yes := true
	list := []client.AzureDevOpsIntegration{{ID: "a"}, {ID: "b", DisableCodeAccessForReviews: &yes}}
	if got := azureDevOpsCodeAccessFromList(list, "b"); !got.ValueBool() {
		t.Errorf("code access of b = %v", got)
	}
	if got := azureDevOpsCodeAccessFromList(list, "a"); !got.IsNull() {
		t.Errorf("code access of a (left out of the list) = %v, want null (not known)", got)
	}
}
