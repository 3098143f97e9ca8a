package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAzureDevOpsProjectsFromAPI(t *testing.T) {
	m := azureDevOpsProjectsFromAPI("acme", "acmecorp", []client.AzureDevOpsProject{{ID: "p-1", Name: "Payments"}})
	if m.ID.ValueString() != "acme/acmecorp" || m.AzureDevOpsOrganization.ValueString() != "acmecorp" ||
		len(m.Projects) != 1 || m.Projects[0].ID.ValueString() != "p-1" || m.Projects[0].Name.ValueString() != "Payments" {
		t.Errorf("model = %+v", m)
	}
	if empty := azureDevOpsProjectsFromAPI("acme", "x", nil); empty.Projects == nil {
		t.Error("no projects must be an empty (not null) list")
	}
}

func TestAzureDevOpsOrganizationPattern(t *testing.T) {
	for _, ok := range []string{"acmecorp", "acme-research", "A1", "x", "a-b-c"} {
		if !azureDevOpsOrganizationPattern.MatchString(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "-acme", "acme-", "acme/x", "acme corp", "..", "acme_corp", strings.Repeat("a", 51)} {
		if azureDevOpsOrganizationPattern.MatchString(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}

// adoProjectsKnownValue is the state the projects of a seeded ADO org must have.
func adoProjectsKnownValue(org emulator.ADOOrg) knownvalue.Check {
	return knownListExact(org.Projects, func(p emulator.ADOProject) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(p.ID), "name": knownvalue.StringExact(p.Name),
		})
	})
}

// TestAccAzureDevOpsProjectsDataSource lists the projects of both seeded
// organizations, the second named through pulumicloud_azure_devops_organizations.
func TestAccAzureDevOpsProjectsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_azure_devops_projects" "acmecorp" {
  azure_devops_organization = "acmecorp"
}

data "pulumicloud_azure_devops_organizations" "all" {}

data "pulumicloud_azure_devops_projects" "research" {
  azure_devops_organization = data.pulumicloud_azure_devops_organizations.all.organizations[1].name
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_projects.acmecorp", tfjsonpath.New("id"),
					knownvalue.StringExact(testOrg+"/acmecorp")),
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_projects.acmecorp", tfjsonpath.New("projects"),
					adoProjectsKnownValue(emulator.SeedADOOrgs[0])),
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_projects.acmecorp", tfjsonpath.New("projects").AtSliceIndex(2),
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(emulator.SeedIntegratedADOProjectID), "name": knownvalue.StringExact("Website"),
					})),
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_projects.research", tfjsonpath.New("azure_devops_organization"),
					knownvalue.StringExact("acme-research")),
				statecheck.ExpectKnownValue("data.pulumicloud_azure_devops_projects.research", tfjsonpath.New("projects"),
					adoProjectsKnownValue(emulator.SeedADOOrgs[1])),
			},
		}},
	})
}

// TestAccAzureDevOpsProjectsDataSource_invalid proves a malformed Azure
// DevOps organization name is refused before any request (it could not
// change the endpoint anyway: path segments are escaped), and an unknown
// one is reported with what to check.
func TestAccAzureDevOpsProjectsDataSource_invalid(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
data "pulumicloud_azure_devops_projects" "bad" {
  azure_devops_organization = "../setup"
}
`,
				ExpectError: regexp.MustCompile(`(?s)azure_devops_organization.*Azure\s+DevOps\s+organization\s+name`),
			},
			{
				PreConfig: func() { env.expectNoRequests(t, "an invalid organization name") },
				Config: env.providerConfig() + `
data "pulumicloud_azure_devops_projects" "missing" {
  azure_devops_organization = "no-such-org"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to List Azure DevOps Projects.*pulumicloud_azure_devops_organizations.*HTTP\s+404`),
			},
		},
	})
}
