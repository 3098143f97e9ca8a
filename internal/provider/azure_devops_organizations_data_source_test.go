package provider

import (
	"context"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAzureDevOpsOrganizationsFromAPI(t *testing.T) {
	m := azureDevOpsOrganizationsFromAPI("acme", []client.AzureDevOpsOrganization{
		{ID: "o-1", Name: "acmecorp", AccountURL: "https://dev.azure.com/acmecorp", HasRequiredPermissions: true},
		{Name: "bare"},
	})
	if m.ID.ValueString() != "acme" || m.Organization.ValueString() != "acme" || len(m.Organizations) != 2 {
		t.Fatalf("model = %+v", m)
	}
	o := m.Organizations[0]
	if o.ID.ValueString() != "o-1" || o.Name.ValueString() != "acmecorp" || o.AccountURL.ValueString() != "https://dev.azure.com/acmecorp" ||
		!o.HasRequiredPermissions.ValueBool() {
		t.Errorf("organization = %+v", o)
	}
	if b := m.Organizations[1]; b.ID.ValueString() != "" || b.AccountURL.ValueString() != "" || b.HasRequiredPermissions.ValueBool() {
		t.Errorf("absent optional fields must map to zero values, got %+v", b)
	}
	if empty := azureDevOpsOrganizationsFromAPI("acme", nil); empty.Organizations == nil {
		t.Error("no organizations must be an empty (not null) list")
	}
}

// adoOrganizationsKnownValue is the state a list of Azure DevOps organizations must have.
func adoOrganizationsKnownValue(orgs []client.AzureDevOpsOrganization) knownvalue.Check {
	return knownListExact(orgs, func(o client.AzureDevOpsOrganization) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":                       knownvalue.StringExact(o.ID),
			"name":                     knownvalue.StringExact(o.Name),
			"account_url":              knownvalue.StringExact(o.AccountURL),
			"has_required_permissions": knownvalue.Bool(o.HasRequiredPermissions),
		})
	})
}

func TestAccAzureDevOpsOrganizationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	orgs, err := env.client(t).ListAzureDevOpsOrganizations(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	const addr = "data.pulumicloud_azure_devops_organizations.this"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_azure_devops_organizations" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organizations"), adoOrganizationsKnownValue(orgs)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("organizations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name":        knownvalue.StringExact(emulator.SeedIntegratedADOOrg),
						"id":          knownvalue.StringExact(emulator.SeedADOOrgs[0].ID),
						"account_url": knownvalue.StringRegexp(regexp.MustCompile(`^https://dev\.azure\.com/acmecorp/?$`)),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact("acme-research")}),
				})),
			},
		}},
	})
}
