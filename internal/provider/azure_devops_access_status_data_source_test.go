package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAzureDevOpsAccessStatusFromAPI(t *testing.T) {
	m := azureDevOpsAccessStatusFromAPI("acme", &client.AzureDevOpsAccessStatus{
		HasUserToken: true, HasIntegration: true,
		AvailableOrgs: []client.AzureDevOpsOrganization{{ID: "o-1", Name: "acmecorp", AccountURL: "https://dev.azure.com/acmecorp"}},
	})
	if m.ID.ValueString() != "acme" || !m.HasUserToken.ValueBool() || !m.HasIntegration.ValueBool() ||
		len(m.AvailableOrgs) != 1 || m.AvailableOrgs[0].Name.ValueString() != "acmecorp" || m.AvailableOrgs[0].ID.ValueString() != "o-1" {
		t.Errorf("model = %+v", m)
	}
	if empty := azureDevOpsAccessStatusFromAPI("acme", &client.AzureDevOpsAccessStatus{}); empty.AvailableOrgs == nil ||
		empty.HasUserToken.ValueBool() || empty.HasIntegration.ValueBool() {
		t.Errorf("empty answer = %+v", empty)
	}
}

// TestAccAzureDevOpsAccessStatusDataSource reads the seeded status: an
// integration exists, the caller holds no Azure DevOps token yet. (The flip
// of has_user_token after the OAuth actions is proved by
// TestAccAzureDevOpsOAuthComplete_accessStatusFlips.)
func TestAccAzureDevOpsAccessStatusDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	status, err := env.client(t).GetAzureDevOpsAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "data.pulumicloud_azure_devops_access_status.this"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_azure_devops_access_status" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_integration"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_orgs"), adoOrganizationsKnownValue(status.AvailableOrgs)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_orgs"), knownvalue.ListSizeExact(len(emulator.SeedADOOrgs))),
			},
		}},
	})
}

// TestAccAzureDevOpsAccessStatusDataSource_noIntegration proves
// has_integration follows the organization's integrations.
func TestAccAzureDevOpsAccessStatusDataSource_noIntegration(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_azure_devops_access_status" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_access_status.this", tfjsonpath.New("has_integration"), knownvalue.Bool(false)),
			},
		}},
	})
}
