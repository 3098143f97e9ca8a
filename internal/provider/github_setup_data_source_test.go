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

func TestGitHubSetupFromAPI(t *testing.T) {
	m := gitHubSetupFromAPI("acme", &client.GitHubSetup{InstallationURL: "https://github.com/apps/pulumi/installations/new?state=s"})
	if m.ID.ValueString() != "acme" || m.Organization.ValueString() != "acme" ||
		m.InstallationURL.ValueString() != "https://github.com/apps/pulumi/installations/new?state=s" {
		t.Errorf("model = %+v", m)
	}
}

// TestAccGitHubSetupDataSource checks the install URL's shape, that it came
// from POST .../integrations/github, and that reading it created nothing.
func TestAccGitHubSetupDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	before, err := env.client(t).ListGitHubIntegrations(context.Background(), client.GitHubDotCom, testOrg)
	if err != nil {
		t.Fatal(err)
	}
	env.emu.ResetRequests()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_github_setup" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_github_setup.this", tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue("data.pulumicloud_github_setup.this", tfjsonpath.New("installation_url"),
					knownvalue.StringRegexp(regexp.MustCompile(`^https://github\.com/apps/[a-z0-9-]+/installations/new\?state=[^&\s]+$`))),
			},
			Check: func(*terraform.State) error {
				want := "/api/console/orgs/" + testOrg + "/integrations/github"
				posts := 0
				for _, r := range env.emu.Requests() {
					if r.Method == "POST" {
						if r.Path != want || r.Status != 200 {
							return fmt.Errorf("unexpected POST %s (HTTP %d)", r.Path, r.Status)
						}
						posts++
					}
				}
				if posts == 0 {
					return fmt.Errorf("no POST %s among %v", want, env.emu.Requests())
				}
				after, err := env.client(t).ListGitHubIntegrations(context.Background(), client.GitHubDotCom, testOrg)
				if err != nil {
					return err
				}
				if len(after.Integrations) != len(before.Integrations) {
					return fmt.Errorf("reading pulumicloud_github_setup changed the GitHub integrations from %d to %d", len(before.Integrations), len(after.Integrations))
				}
				return nil
			},
		}},
	})
}
