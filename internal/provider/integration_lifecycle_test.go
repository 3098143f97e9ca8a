package provider

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Unit tests of the shared lifecycle pieces (the acceptance helpers are in
// acctest_env_test.go, acctest_checks_test.go and acctest_steps_test.go).

func TestParseImportID(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, org, id string
		wantErr     string
	}{
		{in: "acme/3f1c0a52", org: "acme", id: "3f1c0a52"},
		{in: "my-org.x/abc_def", org: "my-org.x", id: "abc_def"},
		{in: " acme/abc ", org: "acme", id: "abc"},
		{in: "acme", wantErr: "not of the form"},
		{in: "acme/", wantErr: "not of the form"},
		{in: "/abc", wantErr: "not of the form"},
		{in: "", wantErr: "not of the form"},
		{in: "acme/a/b", wantErr: "more than one"},
		{in: "-acme/abc", wantErr: "valid organization"},
		{in: "ac me/abc", wantErr: "valid organization"},
	} {
		t2, err := integrationImport("gitlab_integration").parse(tc.in)
		org, id := t2.org, t2.integrationID
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("parse(%q) error = %v, want %q", tc.in, err, tc.wantErr)
			}
			continue
		}
		if err != nil || org != tc.org || id != tc.id {
			t.Errorf("parse(%q) = %q, %q, %v; want %q, %q", tc.in, org, id, err, tc.org, tc.id)
		}
	}
	if got := importID("acme", "x1"); got != "acme/x1" {
		t.Errorf("importID = %q", got)
	}
}

func TestCanonicalWorkspaceUUID(t *testing.T) {
	t.Parallel()
	a := "{0C6F1E2A-3B4D-4C5E-8F90-A1B2C3D4E5F1}"
	b := "0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1"
	if !sameWorkspaceUUID(a, b) {
		t.Errorf("%s and %s should be the same workspace", a, b)
	}
	if sameWorkspaceUUID(a, "1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2") {
		t.Error("different workspaces compared equal")
	}
	for _, ok := range []string{a, b, "{" + b + "}"} {
		if !workspaceUUIDPattern.MatchString(ok) {
			t.Errorf("%q should be a valid workspace UUID", ok)
		}
	}
	for _, bad := range []string{"", "{" + b, b + "}", "not-a-uuid", "{}", b + "0"} {
		if workspaceUUIDPattern.MatchString(bad) {
			t.Errorf("%q should not be a valid workspace UUID", bad)
		}
	}
}

func TestErrFromDiagsIsNotAmbiguous(t *testing.T) {
	t.Parallel()
	if err := errFromDiags(nil); err != nil {
		t.Fatalf("errFromDiags(nil) = %v", err)
	}
	var d diag.Diagnostics
	d.AddError("Value Conversion Error", "boom")
	err := errFromDiags(d)
	if err == nil || client.IsAmbiguous(err) {
		t.Fatalf("errFromDiags = %v (ambiguous %v); want a non-ambiguous error", err, client.IsAmbiguous(err))
	}
}

// basetypes.ObjectAsOptions{} reads an object into a struct strictly.

// The token version only forces a replacement when the prior state had one.
func TestRequiresReplaceIfPriorSet(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	m := requiresReplaceIfPriorSetInt64()
	for _, tc := range []struct {
		prior, plan types.Int64
		want        bool
	}{
		{types.Int64Null(), types.Int64Value(1), false}, // after an import
		{types.Int64Value(1), types.Int64Value(2), true},
		{types.Int64Value(1), types.Int64Value(1), false},
	} {
		req := planmodifier.Int64Request{
			StateValue: tc.prior, PlanValue: tc.plan, ConfigValue: tc.plan,
			State: tfsdk.State{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})},
			Plan:  tfsdk.Plan{Raw: tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})},
		}
		var resp planmodifier.Int64Response
		resp.PlanValue = tc.plan
		m.PlanModifyInt64(ctx, req, &resp)
		if resp.RequiresReplace != tc.want {
			t.Errorf("prior %v, plan %v: RequiresReplace = %v, want %v", tc.prior, tc.plan, resp.RequiresReplace, tc.want)
		}
	}
}

// resendWait honours a Retry-After counted from the failed answer (capped),
// and otherwise backs off by attempt (capped); up to a fifth of the Retry-After
// or backoff is added as jitter.
func TestResendWait(t *testing.T) {
	t.Parallel()
	withRA := func(code int, ra time.Duration) error {
		return fmt.Errorf("creating: %w", &client.APIError{Method: "POST", Path: "/p", StatusCode: code, RetryAfter: ra})
	}
	for _, tc := range []struct {
		name     string
		err      error
		attempt  int
		elapsed  time.Duration
		min, max time.Duration
	}{
		{"Retry-After, nothing elapsed", withRA(429, 5*time.Second), 1, 0, 5 * time.Second, 6 * time.Second},
		{"Retry-After, looking took part of it", withRA(429, 5*time.Second), 1, 3 * time.Second, 2 * time.Second, 3 * time.Second},
		{"Retry-After, looking took all of it", withRA(503, 2*time.Second), 2, 3 * time.Second, 0, 400 * time.Millisecond},
		{"Retry-After capped", withRA(429, time.Hour), 1, 0, maxCreateRetryWait, maxCreateRetryWait * 6 / 5},
		{"no Retry-After: backoff", withRA(502, 0), 1, 3 * time.Second, createBackoffUnit, createBackoffUnit * 6 / 5},
		{"no Retry-After: backoff grows", withRA(500, 0), 3, 0, 3 * createBackoffUnit, 3 * createBackoffUnit * 6 / 5},
		{"no Retry-After: backoff capped", withRA(500, 0), 1000, 0, maxCreateRetryWait, maxCreateRetryWait * 6 / 5},
		{"transport error: backoff", fmt.Errorf("POST /p: %w", context.DeadlineExceeded), 2, 0, 2 * createBackoffUnit, 2 * createBackoffUnit * 6 / 5},
	} {
		seen := map[time.Duration]bool{}
		for range 20 {
			got := resendWait(tc.err, tc.attempt, tc.elapsed)
			if got < tc.min || got > tc.max {
				t.Fatalf("%s: resendWait = %s, want within [%s, %s]", tc.name, got, tc.min, tc.max)
			}
			seen[got] = true
		}
		if len(seen) < 5 { // parallel creates refused together must not come back together
			t.Errorf("%s: %d distinct waits in 20; want jitter", tc.name, len(seen))
		}
	}
}

// A create refused with 429 and a Retry-After longer than the look is not
// resent before the Retry-After has passed (it used to be resent after a
// fixed second), and still ends with exactly one integration.
func TestAccGitLabIntegration_createHonoursRetryAfter(t *testing.T) {
	const retryAfter = 5 * time.Second
	var (
		mu    sync.Mutex
		posts []time.Time
	)
	failFirst := onceMatching(http.MethodPost, "/integrations/gitlab",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusTooManyRequests, retryAfter, false)
			return false
		})
	env := newProxiedTestEnv(t, emulator.Options{}, func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/integrations/gitlab") {
			mu.Lock()
			posts = append(posts, time.Now())
			mu.Unlock()
		}
		return failFirst(w, r, emu)
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, ""),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			Check: func(*terraform.State) error {
				mu.Lock()
				defer mu.Unlock()
				if len(posts) != 2 {
					return fmt.Errorf("%d POSTs, want 2 (refused, then resent after looking)", len(posts))
				}
				if gap := posts[1].Sub(posts[0]); gap < retryAfter {
					return fmt.Errorf("the create was resent %s after a 429 with Retry-After %s", gap, retryAfter)
				}
				if n := env.gitLabCount(7001); n != 1 {
					return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
				}
				return nil
			},
		}},
	})
}

func TestSetFlags(t *testing.T) {
	for _, tc := range []struct {
		name    string
		api     [2]bool
		planned [2]types.Bool
		want    [2]bool
		changed bool
	}{
		{"same", [2]bool{false, true}, [2]types.Bool{types.BoolValue(false), types.BoolValue(true)}, [2]bool{false, true}, false},
		{"second differs", [2]bool{false, false}, [2]types.Bool{types.BoolValue(false), types.BoolValue(true)}, [2]bool{false, true}, true},
		{"first differs", [2]bool{true, false}, [2]types.Bool{types.BoolValue(false), types.BoolValue(false)}, [2]bool{false, false}, true},
		{"unknown is a change, left as is", [2]bool{true, false}, [2]types.Bool{types.BoolUnknown(), types.BoolValue(false)}, [2]bool{true, false}, true},
		{"null is a change, left as is", [2]bool{false, true}, [2]types.Bool{types.BoolValue(false), types.BoolNull()}, [2]bool{false, true}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := tc.api[0], tc.api[1]
			changed := setFlags([]*bool{&a, &b}, tc.planned[0], tc.planned[1])
			if changed != tc.changed || [2]bool{a, b} != tc.want {
				t.Errorf("setFlags = %v, flags %v; want %v, %v", changed, [2]bool{a, b}, tc.changed, tc.want)
			}
		})
	}
}

// When the new integration's flags differ from the configuration, the create
// still PATCHes them; when that PATCH fails, the integration stays in the
// state (tainted), and the next apply replaces it: exactly one remains.
func TestAccGitLabIntegration_createSettingsPatchFails(t *testing.T) {
	var (
		once    sync.Once
		patches atomic.Int32
	)
	env := newProxiedTestEnv(t, emulator.Options{}, func(w http.ResponseWriter, r *http.Request, _ *emulator.Emulator) bool {
		handled := false
		if r.Method == http.MethodPatch && strings.Contains(r.URL.Path, "/integrations/gitlab/") {
			patches.Add(1)
			once.Do(func() {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				_, _ = w.Write([]byte(`{"code":403,"message":"forbidden by the test"}`))
				handled = true
			})
		}
		return handled
	})
	config := env.providerConfig() + gitLabConfig(7001, `  disable_pr_comments = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Unable to Configure GitLab Integration.*tainted.*forbidden by the test`),
			},
			{
				Config:           config,
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
				},
				Check: func(*terraform.State) error {
					if n := env.gitLabCount(7001); n != 1 {
						return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
					}
					if n := patches.Load(); n != 2 {
						return fmt.Errorf("%d PATCHes, want 2 (one per create: the flags differed both times)", n)
					}
					return nil
				},
			},
		},
	})
}
