package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// TestAccVCSRepoDestinationsDataSource reads the destinations of the seeded
// GitHub and Azure DevOps integrations and compares them with the API's, and
// proves the destinations endpoint (not the repos one) was called.
func TestAccVCSRepoDestinationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghID := seededIntegrationID(t, env, "github")
	adoID := seededIntegrationID(t, env, "azure-devops")
	c := env.client(t)
	ghDest, _, err := c.ListVCSRepoDestinations(context.Background(), testOrg, client.VCSProviderGitHub, ghID)
	if err != nil {
		t.Fatal(err)
	}
	adoDest, _, err := c.ListVCSRepoDestinations(context.Background(), testOrg, client.VCSProviderAzureDevOps, adoID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ghDest) == 0 || len(adoDest) == 0 {
		t.Fatalf("the emulator holds %d GitHub and %d Azure DevOps destinations; want some of each", len(ghDest), len(adoDest))
	}
	env.emu.ResetRequests()

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_repo_destinations" "github" {
  vcs_provider   = "github"
  integration_id = %q
}

data "pulumicloud_vcs_repo_destinations" "ado" {
  vcs_provider   = "azure_devops"
  integration_id = %q
}
`, ghID, adoID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repo_destinations.github", tfjsonpath.New("id"),
					knownvalue.StringExact(testOrg+"/github/"+ghID)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repo_destinations.github", tfjsonpath.New("repos"), vcsReposKnownValue(ghDest)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repo_destinations.github", tfjsonpath.New("repos").AtSliceIndex(0),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"owner": knownvalue.StringExact(emulator.SeedGitHubAccountName),
						"name":  knownvalue.StringExact("api-gateway"),
					})),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repo_destinations.ado", tfjsonpath.New("id"),
					knownvalue.StringExact(testOrg+"/azure_devops/"+adoID)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repo_destinations.ado", tfjsonpath.New("repos"), vcsReposKnownValue(adoDest)),
			},
			Check: func(*terraform.State) error {
				want := "/api/console/orgs/" + testOrg + "/integrations/github/" + ghID + "/repos/destinations"
				for _, r := range env.emu.Requests() {
					if r.Method == "GET" && r.Path == want && r.Status == 200 {
						return nil
					}
				}
				return fmt.Errorf("no GET %s among %v", want, env.emu.Requests())
			},
		}},
	})
}
