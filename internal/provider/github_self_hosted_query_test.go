package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// TestAccGitHubIntegrations_querySelfHostedOnce (Terraform 1.14+): the
// API's GitHub list holds the self-hosted installations too (isSelfHosted,
// as the document allows: it "lists all GitHub App integrations"), here two
// of them beside the github.com one. `terraform query` over both GitHub list
// resources yields each integration once: the github.com one as
// pulumicloud_github_integration, the self-hosted ones as
// pulumicloud_github_enterprise_integration only, with is_self_hosted saying
// which they are.
func TestAccGitHubIntegrations_querySelfHostedOnce(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	if _, err := env.emu.ConnectGitHubInstallation(testOrg, true, emulator.PendingGHEInstallationIDs[0], ""); err != nil {
		t.Fatal(err)
	}
	gitHub := env.integrationWhere(t, "github", "installationID", float64(emulator.SeedGitHubInstallationID))
	selfHosted := []string{
		env.integrationWhere(t, "github-enterprise", "installationID", float64(emulator.SeedGHEInstallationID)),
		env.integrationWhere(t, "github-enterprise", "installationID", float64(emulator.PendingGHEInstallationIDs[0])),
	}
	identity := func(id string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"organization": knownvalue.StringExact(testOrg), "integration_id": knownvalue.StringExact(id)}
	}
	selfHostedIs := func(list, id string, want bool) querycheck.QueryResultCheck {
		return querycheck.ExpectResourceKnownValues(list, queryfilter.ByResourceIdentity(identity(id)), []querycheck.KnownValueCheck{
			{Path: tfjsonpath.New("is_self_hosted"), KnownValue: knownvalue.Bool(want)},
		})
	}
	const gh, ghe = "pulumicloud_github_integration.all", "pulumicloud_github_enterprise_integration.all"
	checks := []querycheck.QueryResultCheck{
		querycheck.ExpectLength(gh, 1),
		querycheck.ExpectIdentity(gh, identity(gitHub)),
		selfHostedIs(gh, gitHub, false),
		querycheck.ExpectLength(ghe, len(selfHosted)),
	}
	for _, id := range selfHosted {
		checks = append(checks, querycheck.ExpectIdentity(ghe, identity(id)), selfHostedIs(ghe, id, true))
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: "locals {}\n"},
			{
				Query: true,
				Config: env.queryProviderConfig() + `
list "pulumicloud_github_integration" "all" {
  provider         = pulumicloud
  include_resource = true
}
list "pulumicloud_github_enterprise_integration" "all" {
  provider         = pulumicloud
  include_resource = true
}
`,
				QueryResultChecks: checks,
			},
		},
	})
	if n := len(env.emu.Integrations(testOrg, "github-enterprise")); n != len(selfHosted) {
		t.Fatalf("the world has %d self-hosted integrations, want %d", n, len(selfHosted))
	}
}

// The API's GitHub list holds the self-hosted installation, but
// pulumicloud_github_integration never adopts it as its own: its create
// finds no GitHub integration for the installation and claims it, which
// Pulumi Cloud refuses (it knows no github.com installation of that id).
// The integration stays GitHub Enterprise's, untouched.
func TestAccGitHubIntegration_neverAdoptsSelfHosted(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghe := env.integrationWhere(t, "github-enterprise", "installationID", float64(emulator.SeedGHEInstallationID))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + gitHubDotComCase.config(emulator.SeedGHEInstallationID, `  disable_pr_comments = true`),
			ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+GitHub\s+Integration.*` +
				words("Pulumi Cloud knows no installation 52000001")),
		}},
	})
	if n := env.countRequests("PATCH", "/integrations/github/"+ghe) + env.countRequests("PATCH", "/integrations/github-enterprise/"+ghe); n != 0 {
		t.Errorf("%d PATCHes of the self-hosted integration: it was adopted as a GitHub integration", n)
	}
	if in, ok := env.emu.Integration(testOrg, "github-enterprise", ghe); !ok || in["disablePRComments"] != false {
		t.Errorf("the self-hosted integration after the refused create: %v (exists %v), want it untouched", in, ok)
	}
}
