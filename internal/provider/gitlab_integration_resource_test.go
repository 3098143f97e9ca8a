package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const gitLabAddr = "pulumicloud_gitlab_integration.test"

func TestAccGitLabIntegration_lifecycle(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var id string
	updated := env.providerConfig() + gitLabConfig(7001, `  disable_pr_comments = true
  disable_neo_summaries = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config:           env.providerConfig() + gitLabConfig(7001, ""),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("integration_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^acme/[0-9a-f-]{36}$`))),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("group_path"), knownvalue.StringExact("acme/platform")),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("Platform")),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("installed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("valid"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("use_user_gitlab_auth"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("auth_user"), knownvalue.Null()),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("group_access_token_expiration"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("gitlab_org").AtMapKey("id"), knownvalue.Int64Exact(7001)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(false)),
				},
				Check: captureAttr(gitLabAddr, "integration_id", &id),
			},
			{
				Config:           updated,
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_neo_summaries"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_detailed_diff"), knownvalue.Bool(false)),
				},
				Check: env.emuCheck("gitlab", &id, map[string]any{"disablePRComments": true, "disableNeoSummaries": true}),
			},
			{
				ResourceName:      gitLabAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		}, outOfBand{
			env: env, kind: "gitlab", addr: gitLabAddr, config: updated,
			flip:     map[string]any{"disablePRComments": false, "disableDetailedDiff": true},
			restored: map[string]any{"disablePRComments": true, "disableDetailedDiff": false},
		}.steps(t, &id), []resource.TestStep{
			{ // another group: replace
				Config:           env.providerConfig() + gitLabConfig(7002, `  use_user_gitlab_auth = true`),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("group_path"), knownvalue.StringExact("acme/infra")),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("auth_user").AtMapKey("github_login"), knownvalue.StringExact("jdoe")),
				},
			},
			{
				ResourceName:      gitLabAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
		}),
	})
}

// A group that is already integrated: an import hint and no POST.
func TestAccGitLabIntegration_alreadyExists(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerConfig() + gitLabConfig(emulator.SeedIntegratedGitLabGroupID, ""),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import pulumicloud_gitlab_integration\.<name> acme/[0-9a-f-]{36}.*import \{`),
		}},
	})
	if n := env.countRequests(http.MethodPost, "/integrations/gitlab"); n != 0 {
		t.Errorf("%d POSTs for an existing group, want 0", n)
	}
}

// A 409 (the list missed it) gets the same import hint.
func TestAccGitLabIntegration_conflict(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodGet, "/integrations/gitlab",
		func(w http.ResponseWriter, _ *http.Request, _ *emulator.Emulator) bool {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"integrations":[]}`))
			return true
		}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerConfig() + gitLabConfig(emulator.SeedIntegratedGitLabGroupID, ""),
			ExpectError: regexp.MustCompile(`(?s)already exists.*terraform import pulumicloud_gitlab_integration\.<name> acme/[0-9a-f-]{36}.*HTTP 409`),
		}},
	})
}

// gitLabCount is how many GitLab integrations of groupID the emulator holds.
func (e *testEnv) gitLabCount(groupID int64) int {
	n := 0
	for _, in := range e.emu.Integrations(testOrg, "gitlab") {
		if in["gitLabGroupId"] == float64(groupID) {
			n++
		}
	}
	return n
}

// The POST takes effect and then answers 503: the create looks before
// anything else, finds it, and succeeds with exactly one integration and
// one POST.
func TestAccGitLabIntegration_ambiguousCreateSucceeded(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/gitlab",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusServiceUnavailable, 0, true)
			return false
		}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, `  disable_pr_comments = true`),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
			},
			Check: func(*terraform.State) error {
				if n := env.gitLabCount(7001); n != 1 {
					return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
				}
				if n := env.countRequests(http.MethodPost, "/integrations/gitlab"); n != 1 {
					return fmt.Errorf("%d POSTs, want 1 (the create took effect)", n)
				}
				return nil
			},
		}},
	})
}

// The POST is refused with 429 before taking effect: the create looks, does
// not find it, resends once, and ends with exactly one integration.
func TestAccGitLabIntegration_ambiguousCreateRefused(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/gitlab",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusTooManyRequests, time.Second, false)
			return false
		}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7002, ""),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			Check: func(*terraform.State) error {
				if n := env.gitLabCount(7002); n != 1 {
					return fmt.Errorf("%d integrations of group 7002, want exactly 1", n)
				}
				if n := env.countRequests(http.MethodPost, "/integrations/gitlab"); n != 2 {
					return fmt.Errorf("%d POSTs, want 2 (refused, then resent after looking)", n)
				}
				return nil
			},
		}},
	})
}

// The new integration shows in the list only after a while (eventual
// consistency): the create polls for it.
func TestAccGitLabIntegration_eventualConsistency(t *testing.T) {
	env := newTestEnv(t, emulator.Options{CreateVisibilityDelay: 2 * time.Second})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, ""),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("integration_id"), knownvalue.NotNull()),
			},
		}},
	})
}

// The POST takes effect and answers 503, and the list misses the new
// integration for longer than the provider looks: the resend answers 409,
// which after an ambiguous attempt means "ours". Still exactly one.
func TestAccGitLabIntegration_ambiguousCreateWithSlowList(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{CreateVisibilityDelay: 4 * time.Second}, onceMatching(http.MethodPost, "/integrations/gitlab",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusBadGateway, 0, true)
			return false
		}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, ""),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			Check: func(*terraform.State) error {
				if n := env.gitLabCount(7001); n != 1 {
					return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
				}
				if n := env.countRequests(http.MethodPost, "/integrations/gitlab"); n != 2 {
					return fmt.Errorf("%d POSTs, want 2 (ambiguous, then 409)", n)
				}
				return nil
			},
		}},
	})
}

// Moving an integration to another organization replaces it, whether the
// organization comes from the resource or from the provider's default.
func TestAccGitLabIntegration_organizationMoves(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Orgs: []string{testOrg, "beta"}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration")(s); err != nil {
				return err
			}
			for _, in := range env.emu.Integrations("beta", "gitlab") {
				if in["gitLabGroupId"] == float64(7001) {
					return fmt.Errorf("the GitLab integration of group 7001 is left in beta")
				}
			}
			return nil
		},
		Steps: []resource.TestStep{
			{
				Config:           env.providerConfig() + gitLabConfig(7001, ""),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				},
			},
			{
				Config:           env.providerConfig() + gitLabConfig(7001, `  organization = "beta"`),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("organization"), knownvalue.StringExact("beta")),
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^beta/`))),
				},
				Check: func(*terraform.State) error {
					if n := env.gitLabCount(7001); n != 0 {
						return fmt.Errorf("%d integrations left in %s", n, testOrg)
					}
					return nil
				},
			},
			{ // back to the provider's default
				Config:           env.providerConfig() + gitLabConfig(7001, ""),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				},
			},
			{ // an in-place change keeps the organization (no replacement)
				Config:           env.providerConfig() + gitLabConfig(7001, `  disable_pr_comments = true`),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionUpdate),
			},
		},
	})
}

// The integration vanishes between the refresh and the DELETE: the DELETE's
// 404 counts as done.
func TestAccGitLabIntegration_deleteNotFound(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, func(_ http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
		if r.Method == http.MethodDelete {
			parts := strings.Split(r.URL.Path, "/")
			emu.DeleteIntegration(testOrg, "gitlab", parts[len(parts)-1])
		}
		return false
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			for _, r := range env.emu.Requests() {
				if r.Method == http.MethodDelete && r.Status != http.StatusNotFound {
					return fmt.Errorf("DELETE answered %d, want the 404 this test arranges", r.Status)
				}
			}
			return env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration")(s)
		},
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, ""),
			ConfigPlanChecks: emptyPlanAfterApply(),
		}},
	})
}

func TestGitLabIntegrationFromAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := &client.GitLabIntegration{
		ID: "g1", GitLabGroupID: 7001, GroupName: "Platform", GroupPath: "acme/platform", Installed: true,
		GitLabOrg:                  &client.GitLabAppOrganization{ID: 7001, Name: "Platform", AvatarURL: "https://a", HasRequiredPermissions: true},
		GroupAccessTokenExpiration: "2025-03-14T09:26:53Z", DisableDetailedDiff: true,
	}
	var m gitLabIntegrationModel
	if diags := gitLabKind.fromAPI(ctx, a, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if m.GitLabGroupID.ValueInt64() != 7001 || m.GroupPath.ValueString() != "acme/platform" || m.Valid.ValueBool() ||
		!m.DisableDetailedDiff.ValueBool() || !m.AuthUser.IsNull() || m.GroupAccessTokenExpiration.ValueString() == "" {
		t.Errorf("unexpected mapping: %+v", m.gitLabIntegrationFields)
	}
	var org gitLabOrgModel
	if diags := m.GitLabOrg.As(ctx, &org, basetypes.ObjectAsOptions{}); diags.HasError() || org.ID.ValueInt64() != 7001 {
		t.Errorf("gitlab_org = %+v (%v)", org, diags)
	}
	// After an import the create-only choice is inferred (no auth user: a group token) ...
	if m.UseUserGitLabAuth.IsNull() || m.UseUserGitLabAuth.ValueBool() {
		t.Errorf("use_user_gitlab_auth = %v, want false", m.UseUserGitLabAuth)
	}
	// ... and otherwise kept from the state, whatever the API says.
	a.AuthUser = &client.User{ID: "u"}
	if _ = gitLabKind.fromAPI(ctx, a, &m); m.UseUserGitLabAuth.ValueBool() {
		t.Error("use_user_gitlab_auth changed from the state value")
	}
	if !gitLabKind.matches(&m, a) || gitLabKind.matches(&m, &client.GitLabIntegration{GitLabGroupID: 7002}) {
		t.Error("natural key matching is wrong")
	}
}
