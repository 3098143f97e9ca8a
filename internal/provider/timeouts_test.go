package provider

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// postFaults answers the GitLab create POSTs with 503 (Retry-After 1 s,
// before anything is created) while remaining > 0, counting it down; every
// other request reaches the emulator. It logs the GitLab requests in order,
// its own answers included.
type postFaults struct {
	remaining atomic.Int64
	mu        sync.Mutex
	log       []string // "GET" (a list) or "POST"
}

func (f *postFaults) hook(w http.ResponseWriter, r *http.Request, _ *emulator.Emulator) bool {
	if !strings.HasSuffix(r.URL.Path, "/integrations/gitlab") || (r.Method != http.MethodPost && r.Method != http.MethodGet) {
		return false
	}
	f.mu.Lock()
	f.log = append(f.log, r.Method)
	f.mu.Unlock()
	if r.Method != http.MethodPost || f.remaining.Add(-1) < 0 {
		return false
	}
	w.Header().Set("Retry-After", "1")
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write([]byte(`{"code":503,"message":"the test's gateway is down"}`))
	return true
}

// posts counts the create POSTs and checks that every one but the first
// follows a list of the GitLab integrations (the look before a resend).
func (f *postFaults) posts() (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	looked, posts := false, 0
	for _, m := range f.log {
		if m == http.MethodGet {
			looked = true
			continue
		}
		if posts > 0 && !looked {
			return posts, fmt.Errorf("create POST %d was sent without looking the group up first", posts+1)
		}
		posts++
		looked = false
	}
	return posts, nil
}

// The resends of a create are bounded by time, not by a count: five
// ambiguous failures in a row (the old limit) and the sixth POST succeeds.
func TestAccGitLabIntegration_createResendsBeyondFiveAttempts(t *testing.T) {
	var faults postFaults
	faults.remaining.Store(5)
	env := newProxiedTestEnv(t, emulator.Options{}, faults.hook)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{{
			Config:           env.providerConfig() + gitLabConfig(7001, ""),
			ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
			Check: func(*terraform.State) error {
				n, err := faults.posts()
				if err != nil {
					return err
				}
				if n != 6 {
					return fmt.Errorf("%d create POSTs, want 6 (five refused, then one that worked)", n)
				}
				if n := env.gitLabCount(7001); n != 1 {
					return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
				}
				return nil
			},
		}},
	})
}

// A create that keeps failing ends at its timeout (timeouts.create) with
// one error naming the last answer, how long it tried and that applying
// again is safe; applying again once the service has recovered converges.
func TestAccGitLabIntegration_createTimeout(t *testing.T) {
	var faults postFaults
	faults.remaining.Store(1 << 30) // persistently
	env := newProxiedTestEnv(t, emulator.Options{}, faults.hook)
	config := func(timeout string) string {
		return env.providerConfig() + gitLabConfig(7001, fmt.Sprintf("  timeouts = { create = %q }", timeout))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{
				Config: config("8s"),
				ExpectError: regexp.MustCompile(`(?s)Unable to Create GitLab Integration.*` + words(
					"did not succeed within the create timeout: it tried for") + `\s+\d+s\s+\(\d+\s+attempts.*` +
					words("the last attempt got HTTP 503. It is not in the organization's list, so nothing was created.") + `.*` +
					words("Running terraform apply again is safe") + `.*timeouts.create.*` + words("the test's gateway is down")),
			},
			{
				PreConfig: func() {
					if n, err := faults.posts(); err != nil || n < 2 {
						t.Errorf("%d create POSTs before the timeout (%v); want it resent, each after a look", n, err)
					}
					if n := env.gitLabCount(7001); n != 0 {
						t.Errorf("%d integrations of group 7001 after the failed create, want 0", n)
					}
					faults.remaining.Store(0) // the service recovers
				},
				Config:           config("1m"),
				ConfigPlanChecks: expectAction(gitLabAddr, plancheck.ResourceActionCreate),
				Check: func(*terraform.State) error {
					if n := env.gitLabCount(7001); n != 1 {
						return fmt.Errorf("%d integrations of group 7001, want exactly 1", n)
					}
					return nil
				},
			},
		},
	})
}

// A timeouts value that is not a duration fails at plan time, before any request.
func TestAccGitLabIntegration_invalidTimeout(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerConfig() + gitLabConfig(7001, `  timeouts = { create = "soon" }`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Value Time Duration.*"soon"`),
		}},
	})
	env.expectNoRequests(t, "an invalid timeout")
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{10 * time.Minute: "10m", 90 * time.Second: "1m30s", time.Hour: "60m"} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %q, want %q", d, got, want)
		}
	}
}

// words matches text with any white space (line breaks) between its words.
func words(text string) string {
	parts := strings.Fields(text)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, `\s+`)
}

// The timeouts travel in the kind's model as the lifecycle reads and writes
// it: read from a plan, written back unchanged, and the plan itself left as
// it was.
func TestTimeoutsAroundTheModel(t *testing.T) {
	ctx := t.Context()
	s := gitLabResourceSchema()
	typ, _ := s.Type().TerraformType(ctx).(tftypes.Object)
	attrs := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		attrs[name] = tftypes.NewValue(at, nil)
	}
	tt, _ := typ.AttributeTypes["timeouts"].(tftypes.Object)
	attrs["timeouts"] = tftypes.NewValue(tt, map[string]tftypes.Value{
		"create": tftypes.NewValue(tftypes.String, "90s"), "read": tftypes.NewValue(tftypes.String, nil),
		"update": tftypes.NewValue(tftypes.String, nil), "delete": tftypes.NewValue(tftypes.String, nil),
	})
	attrs["gitlab_group_id"] = tftypes.NewValue(tftypes.Number, 7001)
	raw := tftypes.NewValue(typ, attrs)
	before := raw.Copy()

	var m gitLabIntegrationModel
	plan := tfsdk.Plan{Schema: s, Raw: raw}
	if diags := plan.Get(ctx, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if m.GitLabGroupID.ValueInt64() != 7001 {
		t.Errorf("model gitlab_group_id = %v", m.GitLabGroupID)
	}
	to := m.operationTimeouts()
	if d, _ := to.Create(ctx, time.Hour); d != 90*time.Second {
		t.Errorf("create timeout %s, want 90s", d)
	}
	if d, _ := to.Read(ctx, time.Hour); d != time.Hour {
		t.Errorf("read timeout %s, want the default", d)
	}
	if !raw.Equal(before) {
		t.Error("reading the model changed the plan it read")
	}
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(typ, nil)}
	if diags := state.Set(ctx, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if !state.Raw.Equal(before) {
		t.Errorf("writing the model wrote %v, want %v", state.Raw, before)
	}
}
