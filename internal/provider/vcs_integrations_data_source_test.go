package provider

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestVCSIntegrationsFromAPI(t *testing.T) {
	list := []client.VCSIntegrationSummary{
		{ID: "a", Name: "acme-inc", AvatarURL: "https://a/1", VCSProvider: "github", HasIndividualAccess: true},
		{ID: "b", Name: "platform", VCSProvider: "github_enterprise", Host: "ghe.example"},
		{ID: "c", Name: "Data", VCSProvider: "gitlab"},
		{ID: "d", Name: "Gitea", VCSProvider: "custom", BaseURL: "https://gitea.example/acme"},
	}

	all := vcsIntegrationsFromAPI("acme", "", list)
	if all.ID.ValueString() != "acme" || all.Organization.ValueString() != "acme" || !all.VCSProvider.IsNull() {
		t.Errorf("unfiltered: id %s, organization %s, vcs_provider %s", all.ID, all.Organization, all.VCSProvider)
	}
	if len(all.Integrations) != 4 {
		t.Fatalf("unfiltered: %d integrations, want 4", len(all.Integrations))
	}
	want := vcsIntegrationSummaryModel{
		ID: types.StringValue("b"), Name: types.StringValue("platform"), AvatarURL: types.StringValue(""),
		VCSProvider: types.StringValue("github_enterprise"), HasIndividualAccess: types.BoolValue(false),
		Host: types.StringValue("ghe.example"), BaseURL: types.StringValue(""),
	}
	if all.Integrations[1] != want {
		t.Errorf("item 1 = %+v, want %+v", all.Integrations[1], want)
	}
	if !all.Integrations[0].HasIndividualAccess.ValueBool() || all.Integrations[0].AvatarURL.ValueString() != "https://a/1" {
		t.Errorf("item 0 = %+v", all.Integrations[0])
	}

	ghe := vcsIntegrationsFromAPI("acme", "github_enterprise", list)
	if ghe.ID.ValueString() != "acme/github_enterprise" || len(ghe.Integrations) != 1 || ghe.Integrations[0].ID.ValueString() != "b" {
		t.Errorf("filtered: %+v", ghe)
	}

	// "generic" is the deprecated name of "custom": the same filter.
	for _, p := range []string{"custom", "generic"} {
		c := vcsIntegrationsFromAPI("acme", p, list)
		if c.ID.ValueString() != "acme/"+p || len(c.Integrations) != 1 || c.Integrations[0].BaseURL.ValueString() != "https://gitea.example/acme" {
			t.Errorf("filtered by %s: %+v", p, c)
		}
	}

	none := vcsIntegrationsFromAPI("acme", "bitbucket", list)
	if none.Integrations == nil || len(none.Integrations) != 0 {
		t.Errorf("no match must be an empty (not null) list, got %#v", none.Integrations)
	}
}

// vcsSummaryKnownValue is the state an integration summary must have.
func vcsSummaryKnownValue(s client.VCSIntegrationSummary) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":                    knownvalue.StringExact(s.ID),
		"name":                  knownvalue.StringExact(s.Name),
		"avatar_url":            knownvalue.StringExact(s.AvatarURL),
		"vcs_provider":          knownvalue.StringExact(s.VCSProvider),
		"has_individual_access": knownvalue.Bool(s.HasIndividualAccess),
		"host":                  knownvalue.StringExact(s.Host),
		"base_url":              knownvalue.StringExact(s.BaseURL),
	})
}

func TestAccVCSIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	all, err := env.client(t).ListVCSIntegrations(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 6 {
		t.Fatalf("the seeded world has %d integrations, want 6 (one per kind)", len(all))
	}
	var allChecks, gheChecks, customChecks []knownvalue.Check
	for _, s := range all {
		allChecks = append(allChecks, vcsSummaryKnownValue(s))
		switch s.VCSProvider {
		case client.VCSProviderGitHubEnterprise:
			gheChecks = append(gheChecks, vcsSummaryKnownValue(s))
		case client.VCSProviderCustom:
			customChecks = append(customChecks, vcsSummaryKnownValue(s))
		}
	}
	if len(customChecks) != 1 {
		t.Fatalf("the seeded world has %d custom integrations, want 1", len(customChecks))
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_vcs_integrations" "all" {}

data "pulumicloud_vcs_integrations" "ghe" {
  vcs_provider = "github_enterprise"
}

data "pulumicloud_vcs_integrations" "custom" {
  vcs_provider = "custom"
}

# The docs page's name: a deprecated alias of custom (with a warning).
data "pulumicloud_vcs_integrations" "generic" {
  vcs_provider = "generic"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.all", tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.all", tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.all", tfjsonpath.New("vcs_provider"), knownvalue.Null()),
				// Exactly what the API lists, field by field, in order.
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.all", tfjsonpath.New("integrations"), knownvalue.ListExact(allChecks)),
				// Anchors on the seeded world, independent of the client.
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.all", tfjsonpath.New("integrations").AtSliceIndex(0),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"vcs_provider": knownvalue.StringExact("github"),
						"name":         knownvalue.StringExact(emulator.SeedGitHubAccountName),
						"host":         knownvalue.StringExact(""),
					})),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.ghe", tfjsonpath.New("id"), knownvalue.StringExact(testOrg+"/github_enterprise")),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.ghe", tfjsonpath.New("integrations"), knownvalue.ListExact(gheChecks)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.ghe", tfjsonpath.New("integrations").AtSliceIndex(0).AtMapKey("host"),
					knownvalue.StringExact(emulator.SeedGHEHost)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.custom", tfjsonpath.New("integrations"), knownvalue.ListExact(customChecks)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.custom", tfjsonpath.New("integrations").AtSliceIndex(0).AtMapKey("name"),
					knownvalue.StringExact(emulator.SeedCustomName)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.generic", tfjsonpath.New("integrations"), knownvalue.ListExact(customChecks)),
				statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.generic", tfjsonpath.New("vcs_provider"), knownvalue.StringExact("generic")),
			},
		}},
	})
}

// TestAccVCSIntegrationsDataSource_invalidProvider proves an unknown
// vcs_provider is refused at plan time, before any request.
func TestAccVCSIntegrationsDataSource_invalidProvider(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_vcs_integrations" "bad" {
  vcs_provider = "github-enterprise"
}
`,
			ExpectError: regexp.MustCompile(`(?s)vcs_provider.*value must be one of`),
		}},
	})
	env.expectNoRequests(t, "an invalid vcs_provider")
}

// myDataSourceConfigs is one minimal configuration of each of this file
// group's data sources, without an organization.
var myDataSourceConfigs = map[string]string{
	"pulumicloud_vcs_integrations":           ``,
	"pulumicloud_vcs_repos":                  `vcs_provider = "github"` + "\n" + `integration_id = "x"`,
	"pulumicloud_vcs_repo_destinations":      `vcs_provider = "github"` + "\n" + `integration_id = "x"`,
	"pulumicloud_vcs_branches":               `vcs_provider = "github"` + "\n" + `integration_id = "x"` + "\n" + `repo_id = "1"`,
	"pulumicloud_github_access_status":       ``,
	"pulumicloud_gitlab_access_status":       ``,
	"pulumicloud_bitbucket_access_status":    ``,
	"pulumicloud_azure_devops_access_status": ``,
	"pulumicloud_azure_devops_organizations": ``,
	"pulumicloud_azure_devops_projects":      `azure_devops_organization = "acmecorp"`,
	"pulumicloud_github_setup":               ``,
}

// TestAccVCSDataSources_missingOrganization proves that every one of these
// data sources, with no organization of its own and none in the provider,
// fails at plan time naming the attribute, before any request.
func TestAccVCSDataSources_missingOrganization(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var steps []resource.TestStep
	for typ, body := range myDataSourceConfigs {
		steps = append(steps, resource.TestStep{
			Config:      env.providerConfigNoOrg() + "data \"" + typ + "\" \"this\" {\n" + body + "\n}\n",
			ExpectError: regexp.MustCompile(`(?s)Missing Pulumi Organization.*organization`),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: steps})
	env.expectNoRequests(t, "data sources without an organization")
}

// TestAccVCSDataSources_organizationOverride proves a data source's own
// organization wins over the provider's default, and works without one.
func TestAccVCSDataSources_organizationOverride(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Orgs: []string{testOrg, "beta"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
data "pulumicloud_vcs_integrations" "bad" {
  organization = "not a valid org!"
}
`,
				ExpectError: regexp.MustCompile(`(?s)organization.*Pulumi\s+organization\s+name`),
			},
			{
				Config: env.providerConfig() + `
data "pulumicloud_github_access_status" "beta" {
  organization = "beta"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_github_access_status.beta", tfjsonpath.New("organization"), knownvalue.StringExact("beta")),
					statecheck.ExpectKnownValue("data.pulumicloud_github_access_status.beta", tfjsonpath.New("id"), knownvalue.StringExact("beta")),
				},
			},
			{
				Config: env.providerConfigNoOrg() + `
data "pulumicloud_vcs_integrations" "beta" {
  organization = "beta"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.beta", tfjsonpath.New("organization"), knownvalue.StringExact("beta")),
					statecheck.ExpectKnownValue("data.pulumicloud_vcs_integrations.beta", tfjsonpath.New("integrations"), knownvalue.ListSizeExact(6)),
				},
			},
		},
	})
	for _, r := range env.emu.Requests() {
		if !strings.HasPrefix(r.Path, "/api/console/orgs/beta/") {
			t.Errorf("request to %s, want only organization beta's endpoints", r.Path)
		}
	}
}
