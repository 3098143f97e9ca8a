package provider

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The API requests each integration resource makes per lifecycle phase,
// counted (not timed) against a fault-free emulator. The budgets are the
// measured counts, so a regression such as an N+1, a second list, or a
// doubled read-back fails here.
//
// Measured (Terraform 1.11, one resource of each kind applied together),
// creating with every disable_* flag at its default, then setting some:
//
//	kind               create                  refresh  update        destroy
//	github             1: list                 1: list  2: PATCH GET  1: DELETE
//	github-enterprise  1: list                 1: list  2: PATCH GET  1: DELETE
//	gitlab             3: list POST list       1: list  2: PATCH GET  1: DELETE
//	bitbucket          3: list POST list       1: list  2: PATCH GET  1: DELETE
//	azure-devops       4: list POST list GET   1: GET   2: PATCH GET  1: DELETE
//
// and creating with some flags set, then clearing them:
//
//	kind               create                  refresh  update        destroy
//	github             2: list PATCH           1: list  2: PATCH GET  1: DELETE
//	github-enterprise  2: list PATCH           1: list  2: PATCH GET  1: DELETE
//	gitlab             4: list POST list PATCH 1: list  2: PATCH GET  1: DELETE
//	bitbucket          4: list POST list PATCH 1: list  2: PATCH GET  1: DELETE
//	azure-devops       4: list POST list GET   1: GET   2: PATCH GET  1: DELETE
//
// A refresh reads from the process's shared list (list_snapshot.go): one
// list per kind however many integrations there are, which
// TestAccGitLabIntegration_requestBudgetAtScale (below) holds for many resources;
// Azure DevOps GETs each, for the installed and authUser its list lacks.
// Create's look-ups share lists too; with one resource per kind, as here,
// there is nothing to share.
//
// The GitHub kinds adopt: their create is the look-up, and a settings PATCH
// when the installation's flags are not the configured ones. GitLab and
// Bitbucket cannot send the settings in the POST, so they PATCH after it when
// the new integration's flags differ. Their list items carry every field the
// GET answers, so the create maps the item it found instead of reading the
// integration back. Azure DevOps sends the settings in the POST, but its list
// items lack the GET's installed and authUser, so it reads back; it lists
// once more only after an import (its GET answers no
// disableCodeAccessForReviews), not counted here.

// requestBudget is an upper bound of requests per phase.
type requestBudget struct{ create, refresh, update, destroy int }

// requestBudgets are per kind, creating with the default flags (false) or
// with some flags set (true).
var requestBudgets = map[bool]map[string]requestBudget{
	false: {
		"github":            {create: 1, refresh: 1, update: 2, destroy: 1},
		"github-enterprise": {create: 1, refresh: 1, update: 2, destroy: 1},
		"gitlab":            {create: 3, refresh: 1, update: 2, destroy: 1},
		"bitbucket":         {create: 3, refresh: 1, update: 2, destroy: 1},
		"azure-devops":      {create: 4, refresh: 1, update: 2, destroy: 1},
	},
	true: {
		"github":            {create: 2, refresh: 1, update: 2, destroy: 1},
		"github-enterprise": {create: 2, refresh: 1, update: 2, destroy: 1},
		"gitlab":            {create: 4, refresh: 1, update: 2, destroy: 1},
		"bitbucket":         {create: 4, refresh: 1, update: 2, destroy: 1},
		"azure-devops":      {create: 4, refresh: 1, update: 2, destroy: 1},
	},
}

var budgetPhases = []string{"create", "refresh", "update", "destroy"}

func (b requestBudget) of(phase string) int {
	switch phase {
	case "create":
		return b.create
	case "refresh":
		return b.refresh
	case "update":
		return b.update
	default:
		return b.destroy
	}
}

// requestKind is the integration kind a request path addresses
// (".../integrations/<kind>[/<id>...]"), or "" for anything else, and
// whether it addresses the kind's collection (the list, the create).
func requestKind(path string) (kind string, collection bool) {
	_, rest, ok := strings.Cut(path, "/integrations/")
	if !ok {
		return "", false
	}
	kind, _, item := strings.Cut(rest, "/")
	return kind, !item
}

func TestAccIntegrations_requestBudget(t *testing.T) {
	t.Run("default flags", func(t *testing.T) { testRequestBudget(t, false) })
	t.Run("flags set", func(t *testing.T) { testRequestBudget(t, true) })
}

// testRequestBudget creates the five kinds with the disable_* flags at their
// defaults (or some set), refreshes, flips the flags, destroys, and holds the
// requests of each phase to requestBudgets[flagsSet].
func testRequestBudget(t *testing.T, flagsSet bool) {
	budgets := requestBudgets[flagsSet]
	env := newTestEnv(t, emulator.Options{})
	providerBlock := env.providerConfig()

	// Each phase's requests are env.emu.Requests()[mark:] at its end; the
	// plans run without refresh, so a phase holds only its own calls.
	var (
		mu       sync.Mutex
		mark     int
		measured = map[string][]emulator.RequestRecord{}
	)
	start := func() {
		mu.Lock()
		defer mu.Unlock()
		mark = env.requestCount()
	}
	finish := func(phase string) {
		mu.Lock()
		defer mu.Unlock()
		measured[phase] = env.emu.Requests()[mark:]
	}
	finishCheck := func(phase string) func(*terraform.State) error {
		return func(*terraform.State) error { finish(phase); return nil }
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		CheckDestroy:             env.soakCheckDestroyed,
		Steps: []resource.TestStep{
			{
				PreConfig:        start,
				Config:           providerBlock + fiveIntegrations(flagsSet),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gitLabSoakAddr, plancheck.ResourceActionCreate)}},
				Check:            resource.ComposeAggregateTestCheckFunc(finishCheck("create"), env.soakCheckExactlyOne),
			},
			{
				PreConfig:    start,
				RefreshState: true,
				Check:        finishCheck("refresh"),
			},
			{
				PreConfig:        start,
				Config:           providerBlock + fiveIntegrations(!flagsSet),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(gitLabSoakAddr, plancheck.ResourceActionUpdate)}},
				Check:            resource.ComposeAggregateTestCheckFunc(finishCheck("update"), env.soakCheckExactlyOne),
			},
			{
				PreConfig: start,
				Config:    providerBlock + fiveIntegrations(!flagsSet),
				Destroy:   true,
			},
		},
	})
	finish("destroy")

	// Count per phase and kind; nothing may go elsewhere.
	counts := map[string]map[string]int{}
	calls := map[string]map[string][]string{}
	for _, phase := range budgetPhases {
		counts[phase], calls[phase] = map[string]int{}, map[string][]string{}
		for _, r := range measured[phase] {
			kind, collection := requestKind(r.Path)
			if _, known := budgets[kind]; !known {
				t.Errorf("%s: a request outside the five kinds: %s %s", phase, r.Method, r.Path)
				continue
			}
			if r.Status >= 300 {
				t.Errorf("%s: %s %s answered %d against a fault-free emulator", phase, r.Method, r.Path, r.Status)
			}
			counts[phase][kind]++
			what := r.Method
			if r.Method == http.MethodGet && collection {
				what = "list"
			}
			calls[phase][kind] = append(calls[phase][kind], what)
		}
	}
	kinds := make([]string, 0, len(budgets))
	for k := range budgets {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		line := fmt.Sprintf("%-18s", kind)
		for _, phase := range budgetPhases {
			n, limit := counts[phase][kind], budgets[kind].of(phase)
			line += fmt.Sprintf("  %s %d/%d [%s]", phase, n, limit, strings.Join(calls[phase][kind], " "))
			if n > limit {
				t.Errorf("%s %s: %d requests (%s), budget %d", kind, phase, n, strings.Join(calls[phase][kind], ", "), limit)
			}
			if n == 0 {
				t.Errorf("%s %s: no requests at all; the measurement is broken", kind, phase)
			}
		}
		t.Log(line)
	}
}

const gitLabSoakAddr = "pulumicloud_gitlab_integration.soak"

// scaleN integrations of one kind cost about one request each to create or
// destroy and a few lists to refresh, however many there are. The bounds are
// loose where sharing depends on how Terraform schedules the creates (ten at a
// time); a regression to one look-up per resource breaks them all. The
// emulator adds latency, as a network would, so that creates overlap.
const scaleN = 24

func TestAccGitLabIntegration_requestBudgetAtScale(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true, ExtraGitLabGroups: scaleN,
		Faults: emulator.FaultConfig{Latency: 10 * time.Millisecond}})
	config := env.providerConfig() + fmt.Sprintf(`
resource "pulumicloud_gitlab_integration" "g" {
  count           = %d
  gitlab_group_id = %d + count.index
}
`, scaleN, emulator.ExtraGitLabGroupBaseID+1)

	mark := 0
	phases := map[string]map[string]int{}
	start := func() { mark = env.requestCount() }
	finish := func(phase string) {
		counts := map[string]int{}
		for _, r := range env.emu.Requests()[mark:] {
			_, collection := requestKind(r.Path)
			what := r.Method
			if r.Method == http.MethodGet && collection {
				what = "list"
			}
			counts[what]++
		}
		phases[phase] = counts
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{PreConfig: start, Config: config, Check: func(*terraform.State) error { finish("create"); return nil }},
			{PreConfig: start, RefreshState: true, Check: func(*terraform.State) error { finish("refresh"); return nil }},
			{PreConfig: start, Config: config, Destroy: true},
		},
	})
	finish("destroy")

	for _, phase := range []string{"create", "refresh", "destroy"} {
		t.Logf("%-8s %d resources: %v", phase, scaleN, phases[phase])
	}
	check := func(phase, what string, lo, hi int) {
		t.Helper()
		if n := phases[phase][what]; n < lo || n > hi {
			t.Errorf("%s: %d %s requests for %d resources, want %d..%d (all: %v)", phase, n, what, scaleN, lo, hi, phases[phase])
		}
	}
	check("create", http.MethodPost, scaleN, scaleN)
	check("create", "list", 1, scaleN) // at most one per resource, against two when unshared
	check("create", http.MethodGet, 0, 0)
	check("refresh", "list", 1, 2) // a second only if the refresh outlives the snapshot's TTL
	check("refresh", http.MethodGet, 0, 0)
	check("destroy", http.MethodDelete, scaleN, scaleN)
	check("destroy", http.MethodGet, 0, 0)
	check("destroy", "list", 0, 2)
}
