package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const (
	claimPath       = "/api/console/orgs/" + testOrg + "/integrations/github/claim"
	gitHubSetupPath = "/api/console/orgs/" + testOrg + "/integrations/github"
	// The seeded world's github.com installations linked to no organization.
	unlinkedInstallation = int64(41000002)
	unlinkedAccount      = "acme-labs"
	absentInstallation   = int64(41000099)
)

// claimBodies are the installation ids of the claims the emulator served.
func claimBodies(t *testing.T, env *testEnv) []int64 {
	t.Helper()
	var ids []int64
	for _, r := range emulatorRequestsTo(env, "POST", claimPath) {
		var body struct {
			InstallationID int64 `json:"installationId"`
		}
		if err := json.Unmarshal([]byte(r.Body), &body); err != nil {
			t.Fatalf("claim body %q: %v", r.Body, err)
		}
		ids = append(ids, body.InstallationID)
	}
	return ids
}

// gitHubInstallations are the installation ids the organization has linked.
func gitHubInstallations(t *testing.T, env *testEnv) []int64 {
	t.Helper()
	list, err := env.client(t).ListGitHubIntegrations(context.Background(), client.GitHubDotCom, testOrg)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, in := range list.Integrations {
		ids = append(ids, in.InstallationID)
	}
	return ids
}

// An installation no organization has linked (from the Marketplace): the
// resource claims it, so it creates, and destroying disconnects it again.
func TestAccGitHubIntegration_claim(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	gc := gitHubDotComCase
	addr := gc.addr()
	cfg := env.providerConfig() + gc.config(unlinkedInstallation, `  disable_draft_pr_comments = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone(gc.kind, gc.typeName),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(unlinkedInstallation)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_name"), knownvalue.StringExact(unlinkedAccount)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_draft_pr_comments"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("individual_auth_enabled"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					if got := claimBodies(t, env); len(got) != 1 || got[0] != unlinkedInstallation {
						return fmt.Errorf("claims %v, want exactly one of %d", got, unlinkedInstallation)
					}
					if !slices.Contains(gitHubInstallations(t, env), unlinkedInstallation) {
						return fmt.Errorf("installation %d is not linked after the apply", unlinkedInstallation)
					}
					var id string
					for _, in := range env.emu.Integrations(testOrg, "github") {
						if n, _ := in["installationID"].(float64); int64(n) == unlinkedInstallation {
							id, _ = in["id"].(string)
						}
					}
					return env.emuCheck(gc.kind, &id, map[string]any{"disableDraftPRComments": true, "individualAuthEnabled": false})(nil)
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		},
	})
}

// An installation the organization has already: adopted, and no claim sent.
func TestAccGitHubIntegration_adoptsLinkedWithoutClaim(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	gc := gitHubDotComCase
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone(gc.kind, gc.typeName),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gc.config(gc.connected, ""),
			ConfigPlanChecks: expectAction(gc.addr(), plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(gc.addr(), tfjsonpath.New("account_name"), knownvalue.StringExact(gc.account)),
			},
			Check: func(*terraform.State) error {
				if got := claimBodies(t, env); len(got) != 0 {
					return fmt.Errorf("an adopt sent claims %v, want none", got)
				}
				return nil
			},
		}},
	})
}

// Each documented refusal of the claim is its own error, which says what to
// do, and leaves the organization as it was: one claim, no setup POST.
func TestAccGitHubIntegration_claimRefused(t *testing.T) {
	for _, tc := range []struct {
		name         string
		installation int64
		prepare      func(*testing.T, *testEnv)
		want         string
	}{
		{
			name: "403 unverified caller", installation: unlinkedInstallation,
			prepare: func(t *testing.T, env *testEnv) {
				if err := env.emu.SetCallerVerified(testOrg, false); err != nil {
					t.Fatal(err)
				}
			},
			want: `(?s)Unable\s+to\s+Create\s+GitHub\s+Integration.*could\s+not\s+verify.*Connect\s+a\s+GitHub\s+account.*Nothing\s+was\s+changed.*HTTP\s+403`,
		},
		{
			name: "404 unknown installation", installation: absentInstallation,
			// The install URL is the one the list answered.
			want: `(?s)Unable\s+to\s+Create\s+GitHub\s+Integration.*knows\s+no\s+installation\s+41000099.*` +
				`https://github\.com/apps/pulumi/installations/new.*pulumicloud_github_claimable_installations.*Nothing\s+was\s+changed.*HTTP\s+404`,
		},
		{
			name: "409 another organization", installation: emulator.SeedOtherOrgInstallationID,
			want: `(?s)Unable\s+to\s+Create\s+GitHub\s+Integration.*linked\s+to\s+another\s+Pulumi\s+organization.*contact\s+Pulumi\s+support.*Nothing\s+was\s+changed.*HTTP\s+409`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, emulator.Options{})
			if tc.prepare != nil {
				tc.prepare(t, env)
			}
			before := gitHubInstallations(t, env)
			env.emu.ResetRequests()
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{{
					Config:      env.providerConfig() + gitHubDotComCase.config(tc.installation, ""),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
			if got := claimBodies(t, env); len(got) != 1 || got[0] != tc.installation {
				t.Errorf("claims %v, want exactly one of %d (a refusal is not retried)", got, tc.installation)
			}
			for _, r := range emulatorRequestsTo(env, "POST", gitHubSetupPath) {
				t.Errorf("a failed create must not POST %s (Start GitHub Setup): %+v", gitHubSetupPath, r)
			}
			for _, r := range env.emu.Requests() {
				if r.Method != "GET" && r.Path != claimPath {
					t.Errorf("unexpected write %s %s", r.Method, r.Path)
				}
			}
			if after := gitHubInstallations(t, env); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("linked installations changed from %v to %v", before, after)
			}
		})
	}
}

// GitHub Enterprise Server has no claim: an installation the organization
// lacks is an error with the list's install URL, and nothing is sent.
func TestAccGitHubEnterpriseIntegration_notConnected(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	gc := gitHubEnterpriseCase
	env.emu.ResetRequests()
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + gc.config(gc.pending, ""),
			ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+GitHub\s+Enterprise\s+Integration.*no\s+GitHub\s+Enterprise\s+integration\s+for\s+installation\s+52000002.*` +
				regexp.QuoteMeta("https://"+emulator.SeedGHEHost+"/apps/pulumi/installations/new")),
		}},
	})
	for _, r := range env.emu.Requests() {
		if r.Method != "GET" {
			t.Errorf("a failed adopt sent %s %s", r.Method, r.Path)
		}
	}
}

func TestAccGitHubClaimableInstallationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	want, err := env.client(t).ListClaimableGitHubIntegrations(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) < 2 {
		t.Fatalf("the seeded world has %d claimable installations, want several", len(want))
	}
	const addr = "data.pulumicloud_github_claimable_installations.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `data "pulumicloud_github_claimable_installations" "test" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("installations"), knownListExact(want, func(in client.ClaimableGitHubIntegration) knownvalue.Check {
					return knownvalue.ObjectExact(map[string]knownvalue.Check{
						"installation_id":    knownvalue.Int64Exact(in.InstallationID),
						"account_login":      knownvalue.StringExact(in.AccountLogin),
						"account_avatar_url": knownvalue.StringExact(in.AccountAvatarURL),
						"is_organization":    knownvalue.Bool(in.IsOrganization),
					})
				})),
			},
		}},
	})
	// The data source is what the claim is for: every one is claimable, the
	// seeded, linked installation is not among them.
	for _, in := range want {
		if in.InstallationID == emulator.SeedGitHubInstallationID || strings.TrimSpace(in.AccountLogin) == "" {
			t.Errorf("claimable %+v", in)
		}
	}
}

// The claim linked the installation but answered 503: the create looks,
// finds it linked, and adopts it (the claim is idempotent, so a resend would
// have been safe too); one integration.
func TestAccGitHubIntegration_ambiguousClaimSucceeded(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/github/claim",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusServiceUnavailable, 0, true)
			return false
		}))
	gc := gitHubDotComCase
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone(gc.kind, gc.typeName),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gc.config(unlinkedInstallation, ""),
			ConfigPlanChecks: expectAction(gc.addr(), plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(gc.addr(), tfjsonpath.New("account_name"), knownvalue.StringExact(unlinkedAccount)),
			},
			Check: func(*terraform.State) error {
				n := 0
				for _, id := range gitHubInstallations(t, env) {
					if id == unlinkedInstallation {
						n++
					}
				}
				if n != 1 {
					return fmt.Errorf("installation %d linked %d times, want once", unlinkedInstallation, n)
				}
				return nil
			},
		}},
	})
}
