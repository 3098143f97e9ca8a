package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestVCSReposFromAPI(t *testing.T) {
	m := vcsReposFromAPI("acme", "gitlab", "i-1", []client.VCSRepo{
		{ID: "7003001", Owner: "acme/data", Name: "api-gateway"},
		{ID: "7003002", Owner: "acme/data", Name: "billing"},
	})
	if m.ID.ValueString() != "acme/gitlab/i-1" || m.Organization.ValueString() != "acme" ||
		m.VCSProvider.ValueString() != "gitlab" || m.IntegrationID.ValueString() != "i-1" {
		t.Errorf("identity fields = %+v", m)
	}
	if len(m.Repos) != 2 || m.Repos[1].ID.ValueString() != "7003002" || m.Repos[1].Owner.ValueString() != "acme/data" ||
		m.Repos[1].Name.ValueString() != "billing" {
		t.Errorf("repos = %+v", m.Repos)
	}
	if empty := vcsReposFromAPI("acme", "github", "x", nil); empty.Repos == nil {
		t.Error("no repositories must be an empty (not null) list")
	}
}

func TestVCSNotFoundHint(t *testing.T) {
	for code, want := range map[int]string{404: "pulumicloud_vcs_integrations", 400: "provider name", 403: "suspended", 500: ""} {
		got := vcsNotFoundHint(&client.APIError{StatusCode: code})
		if want == "" && got != "" || want != "" && !regexp.MustCompile(regexp.QuoteMeta(want)).MatchString(got) {
			t.Errorf("HTTP %d: hint %q, want it to mention %q", code, got, want)
		}
	}
}

// seededIntegrationID is the id of the org's only integration of a kind.
func seededIntegrationID(t *testing.T, env *testEnv, kind string) string {
	t.Helper()
	list := env.emu.Integrations(testOrg, kind)
	if len(list) != 1 {
		t.Fatalf("the seeded world has %d %s integrations, want 1", len(list), kind)
	}
	id, _ := list[0]["id"].(string)
	if id == "" {
		t.Fatalf("seeded %s integration has no id: %v", kind, list[0])
	}
	return id
}

// vcsReposKnownValue is the state a repository list must have, item by item.
func vcsReposKnownValue(repos []client.VCSRepo) knownvalue.Check {
	return knownListExact(repos, func(r client.VCSRepo) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":    knownvalue.StringExact(r.ID),
			"owner": knownvalue.StringExact(r.Owner),
			"name":  knownvalue.StringExact(r.Name),
		})
	})
}

// TestAccVCSReposDataSource reads every page of the seeded GitHub
// installation's repositories, with the integration id taken from
// pulumicloud_vcs_integrations, and compares the result with what the
// emulator holds; a GitLab integration on a small page size proves the
// same for another provider.
func TestAccVCSReposDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghID := seededIntegrationID(t, env, "github")
	glID := seededIntegrationID(t, env, "gitlab")
	c := env.client(t)
	ghRepos, err := c.ListVCSRepos(context.Background(), testOrg, client.VCSProviderGitHub, ghID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ghRepos) != emulator.SeedGitHubRepoCount || len(ghRepos) <= 2*emulator.DefaultPageSize {
		t.Fatalf("the emulator holds %d repositories, want %d (more than two pages of %d)",
			len(ghRepos), emulator.SeedGitHubRepoCount, emulator.DefaultPageSize)
	}
	glRepos, err := c.ListVCSRepos(context.Background(), testOrg, client.VCSProviderGitLab, glID)
	if err != nil {
		t.Fatal(err)
	}
	env.emu.ResetRequests()

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_integrations" "github" {
  vcs_provider = "github"
}

data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = data.pulumicloud_vcs_integrations.github.integrations[0].id
}

data "pulumicloud_vcs_repos" "gitlab" {
  organization   = %q
  vcs_provider   = "gitlab"
  integration_id = %q
}
`, testOrg, glID),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("id"),
					knownvalue.StringExact(testOrg+"/github/"+ghID)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("integration_id"), knownvalue.StringExact(ghID)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("repos"),
					knownvalue.ListSizeExact(emulator.SeedGitHubRepoCount)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("repos"), vcsReposKnownValue(ghRepos)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("repos").AtSliceIndex(0).AtMapKey("owner"),
					knownvalue.StringExact(emulator.SeedGitHubAccountName)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.gitlab", tfjsonpath.New("repos"), vcsReposKnownValue(glRepos)),
			},
			Check: func(_ *terraform.State) error {
				return checkRepoPages(env, "/github/"+ghID+"/repos", 3)
			},
		}},
	})
}

// checkRepoPages asserts that the provider fetched pages 1..n of a repos
// endpoint (the first without a page parameter, then page=2, page=3, ...).
func checkRepoPages(env *testEnv, suffix string, n int) error {
	want := map[string]bool{"": true}
	for p := 2; p <= n; p++ {
		want[fmt.Sprintf("page=%d", p)] = true
	}
	path := "/api/console/orgs/" + testOrg + "/integrations" + suffix
	for _, r := range env.emu.Requests() {
		if r.Method == "GET" && r.Path == path && r.Status == 200 {
			delete(want, r.RawQuery)
		}
	}
	if len(want) > 0 {
		return fmt.Errorf("pages never fetched from %s: %v (requests: %v)", path, want, env.emu.Requests())
	}
	return nil
}

// TestAccVCSReposDataSource_pageSize proves pagination on a small page
// size: a Bitbucket integration's repositories over many pages of 7.
func TestAccVCSReposDataSource_pageSize(t *testing.T) {
	env := newTestEnv(t, emulator.Options{PageSize: 7})
	id := seededIntegrationID(t, env, "bitbucket")
	repos, err := env.client(t).ListVCSRepos(context.Background(), testOrg, client.VCSProviderBitbucket, id)
	if err != nil {
		t.Fatal(err)
	}
	pages := (len(repos) + 6) / 7
	if pages < 3 {
		t.Fatalf("%d repositories make %d pages of 7, want at least 3", len(repos), pages)
	}
	env.emu.ResetRequests()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_repos" "bb" {
  vcs_provider   = "bitbucket"
  integration_id = %q
}
`, id),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.bb", tfjsonpath.New("repos"), knownvalue.ListSizeExact(len(repos))),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.bb", tfjsonpath.New("repos"), vcsReposKnownValue(repos)),
			},
			Check: func(_ *terraform.State) error { return checkRepoPages(env, "/bitbucket/"+id+"/repos", pages) },
		}},
	})
}

// TestAccVCSReposDataSource_invalid proves bad inputs are refused at plan
// time with no request, and that an unknown integration is reported with
// what to check.
func TestAccVCSReposDataSource_invalid(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_repos" "bad" {
  vcs_provider   = "svn"
  integration_id = "x"
}
`,
				ExpectError: regexp.MustCompile(`(?s)vcs_provider.*value must be one of`),
			},
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_repo_destinations" "bad" {
  vcs_provider   = "azure-devops"
  integration_id = "x"
}
`,
				ExpectError: regexp.MustCompile(`(?s)vcs_provider.*value must be one of`),
			},
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_repos" "empty" {
  vcs_provider   = "github"
  integration_id = ""
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Path Segment.*integration_id.*empty path segment`),
			},
			{
				PreConfig: func() { env.expectNoRequests(t, "invalid inputs") },
				Config: env.providerConfig() + `
data "pulumicloud_vcs_repos" "missing" {
  vcs_provider   = "gitlab"
  integration_id = "no-such-integration"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to List VCS Repositories.*gitlab\s+integration\s+no-such-integration.*pulumicloud_vcs_integrations.*HTTP\s+404`),
			},
		},
	})
}
