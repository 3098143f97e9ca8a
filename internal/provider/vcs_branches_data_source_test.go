package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestVCSBranchesFromAPI(t *testing.T) {
	m := vcsBranchesFromAPI("acme", "github", "i-1", "700000001", []client.VCSBranch{
		{Name: "main", IsProtected: true},
		{Name: "release/1.0", IsProtected: false},
	})
	if m.ID.ValueString() != "acme/github/i-1/700000001" || m.RepoID.ValueString() != "700000001" ||
		m.IntegrationID.ValueString() != "i-1" || m.VCSProvider.ValueString() != "github" || m.Organization.ValueString() != "acme" {
		t.Errorf("identity fields = %+v", m)
	}
	if len(m.Branches) != 2 || m.Branches[0].Name.ValueString() != "main" || !m.Branches[0].IsProtected.ValueBool() ||
		m.Branches[1].Name.ValueString() != "release/1.0" || m.Branches[1].IsProtected.ValueBool() {
		t.Errorf("branches = %+v", m.Branches)
	}
	if empty := vcsBranchesFromAPI("acme", "github", "i", "r", nil); empty.Branches == nil {
		t.Error("no branches must be an empty (not null) list")
	}
}

// vcsBranchesKnownValue is the state a branch list must have, item by item.
func vcsBranchesKnownValue(branches []client.VCSBranch) knownvalue.Check {
	return knownListExact(branches, func(b client.VCSBranch) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"name":         knownvalue.StringExact(b.Name),
			"is_protected": knownvalue.Bool(b.IsProtected),
		})
	})
}

// TestAccVCSBranchesDataSource chains repos into branches (repo_id from
// pulumicloud_vcs_repos) and checks the seeded branches: main and
// release/1.0 protected, develop not.
func TestAccVCSBranchesDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghID := seededIntegrationID(t, env, "github")
	c := env.client(t)
	repos, err := c.ListVCSRepos(context.Background(), testOrg, client.VCSProviderGitHub, ghID)
	if err != nil {
		t.Fatal(err)
	}
	first, second := repos[0].ID, repos[1].ID
	firstBranches, err := c.ListVCSBranches(context.Background(), testOrg, client.VCSProviderGitHub, ghID, first)
	if err != nil {
		t.Fatal(err)
	}
	secondBranches, err := c.ListVCSBranches(context.Background(), testOrg, client.VCSProviderGitHub, ghID, second)
	if err != nil {
		t.Fatal(err)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = %[1]q
}

data "pulumicloud_vcs_branches" "first" {
  vcs_provider   = "github"
  integration_id = %[1]q
  repo_id        = data.pulumicloud_vcs_repos.github.repos[0].id
}

data "pulumicloud_vcs_branches" "second" {
  vcs_provider   = "github"
  integration_id = %[1]q
  repo_id        = %[2]q
}
`, ghID, second),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_branches.first", tfjsonpath.New("id"),
					knownvalue.StringExact(testOrg+"/github/"+ghID+"/"+first)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_branches.first", tfjsonpath.New("repo_id"), knownvalue.StringExact(first)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_branches.first", tfjsonpath.New("branches"), vcsBranchesKnownValue(firstBranches)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_branches.second", tfjsonpath.New("branches"), vcsBranchesKnownValue(secondBranches)),
				// The seeded branches, independent of the client.
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_branches.second", tfjsonpath.New("branches"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("main"), "is_protected": knownvalue.Bool(true)}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("develop"), "is_protected": knownvalue.Bool(false)}),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("release/1.0"), "is_protected": knownvalue.Bool(true)}),
				})),
			},
		}},
	})
}

// TestAccVCSBranchesDataSource_invalid proves bad inputs are refused before
// any request, and an unknown repository is reported with what to check.
func TestAccVCSBranchesDataSource_invalid(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghID := seededIntegrationID(t, env, "github")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_branches" "bad" {
  vcs_provider   = "GitHub"
  integration_id = "x"
  repo_id        = "1"
}
`,
				ExpectError: regexp.MustCompile(`(?s)vcs_provider.*value must be one of`),
			},
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_branches" "bad" {
  vcs_provider   = "github"
  integration_id = "x"
  repo_id        = ""
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Path Segment.*repo_id.*empty path segment`),
			},
			{
				PreConfig: func() { env.expectNoRequests(t, "invalid inputs") },
				Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_branches" "missing" {
  vcs_provider   = "github"
  integration_id = %q
  repo_id        = "no-such-repo"
}
`, ghID),
				ExpectError: regexp.MustCompile(`(?s)Unable to List VCS Branches.*repo_id.*HTTP\s+404`),
			},
		},
	})
}
