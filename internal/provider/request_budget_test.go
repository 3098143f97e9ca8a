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
// destroy and one list to refresh, however many there are. The emulator adds
// latency, as a network would, so that creates overlap.
const scaleN = 24

// requestShape names what a request does: "list" (a GET of a kind's
// collection), "GET", "POST", "PATCH" or "DELETE" of an integration (or
// collection), and "<METHOD> repos" for a custom VCS integration's
// repositories.
func requestShape(r emulator.RequestRecord) string {
	_, collection := requestKind(r.Path)
	switch {
	case strings.HasSuffix(strings.TrimSuffix(r.Path, "/"), "/repos"):
		return r.Method + " repos"
	case r.Method == http.MethodGet && collection:
		return "list"
	}
	return r.Method
}

// phaseCounter counts the requests of each step of an acceptance test by
// requestShape: start() before a step, finish(phase) after it.
type phaseCounter struct {
	env    *testEnv
	mark   int
	phases map[string]map[string]int
}

func newPhaseCounter(env *testEnv) *phaseCounter {
	return &phaseCounter{env: env, phases: map[string]map[string]int{}}
}

func (p *phaseCounter) start() { p.mark = p.env.requestCount() }

func (p *phaseCounter) finish(phase string) {
	counts := map[string]int{}
	for _, r := range p.env.emu.Requests()[p.mark:] {
		counts[requestShape(r)]++
		counts["total"]++
	}
	p.phases[phase] = counts
}

func (p *phaseCounter) finishCheck(phase string) resource.TestCheckFunc {
	return func(*terraform.State) error { p.finish(phase); return nil }
}

// check holds phase's count of requests of shape what to lo..hi.
func (p *phaseCounter) check(t *testing.T, phase, what string, lo, hi int) {
	t.Helper()
	if n := p.phases[phase][what]; n < lo || n > hi {
		t.Errorf("%s: %d %s requests, want %d..%d (all: %v)", phase, n, what, lo, hi, p.phases[phase])
	}
}

// A burst of creates (Terraform's ten at a time) shares its look-ups: each
// create looks its key up before its POST in the list that answered the
// previous creates (other creates' POSTs only add), and looks its new
// integration up after its POST in a list that waits for the POSTs in flight
// and answers them all: about one list per wave of ten creates, against two
// per create unshared and one per two creates before. A refresh is one list
// whatever N: nothing was written, so the list answers for the whole run.
func TestAccGitLabIntegration_requestBudgetAtScale(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true, ExtraGitLabGroups: scaleN,
		Faults: emulator.FaultConfig{Latency: 10 * time.Millisecond}})
	config := env.providerConfig() + fmt.Sprintf(`
resource "pulumicloud_gitlab_integration" "g" {
  count           = %d
  gitlab_group_id = %d + count.index
}
`, scaleN, emulator.ExtraGitLabGroupBaseID+1)

	p := newPhaseCounter(env)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{PreConfig: p.start, Config: config, Check: p.finishCheck("create")},
			{PreConfig: p.start, RefreshState: true, Check: p.finishCheck("refresh")},
			{PreConfig: p.start, Config: config, Destroy: true},
		},
	})
	p.finish("destroy")

	for _, phase := range []string{"create", "refresh", "destroy"} {
		t.Logf("%-8s %d resources: %v", phase, scaleN, p.phases[phase])
	}
	p.check(t, "create", http.MethodPost, scaleN, scaleN)
	// The first look-up, then a list per wave of ten (three waves: four in
	// all), with room for two waves that Terraform's scheduling splits.
	p.check(t, "create", "list", 1, burstListBudget)
	p.check(t, "create", http.MethodGet, 0, 0)
	p.check(t, "refresh", "list", 1, 1)
	p.check(t, "refresh", http.MethodGet, 0, 0)
	p.check(t, "destroy", http.MethodDelete, scaleN, scaleN)
	p.check(t, "destroy", http.MethodGet, 0, 0)
	p.check(t, "destroy", "list", 0, 1)
}

// burstListBudget bounds the lists of scaleN parallel creates.
const burstListBudget = 6

// N repositories of one custom VCS integration read through one shared GET
// of the integration: a refresh costs one GET (and the integration's own
// read), not N; create and destroy cost one request per repository and a
// few per integration. A repository removed outside Terraform leaves the
// state only after a second GET, started after the shared one, confirms it.
func TestAccCustomVCSRepository_requestBudgetAtScale(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true, Faults: emulator.FaultConfig{Latency: 10 * time.Millisecond}})
	config := env.providerConfig() + customConfig("Scale", "https://git.example.com", "", false) + fmt.Sprintf(`
resource "pulumicloud_custom_vcs_repository" "r" {
  count          = %d
  integration_id = pulumicloud_custom_vcs_integration.test.integration_id
  name           = "team/repo-${count.index}"
}
`, scaleN)
	const gone = "pulumicloud_custom_vcs_repository.r[3]"

	p := newPhaseCounter(env)
	removeOne := func() {
		integrations := env.emu.Integrations(testOrg, "custom")
		if len(integrations) != 1 {
			t.Fatalf("the emulator holds %d custom integrations, want 1", len(integrations))
		}
		id, _ := integrations[0]["id"].(string)
		if err := env.client(t).RemoveCustomVCSRepository(t.Context(), testOrg, id, "team/repo-3"); err != nil {
			t.Fatal(err)
		}
		p.start()
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		AdditionalCLIOptions:     &resource.AdditionalCLIOptions{Plan: resource.PlanOptions{NoRefresh: true}},
		Steps: []resource.TestStep{
			{PreConfig: p.start, Config: config, Check: p.finishCheck("create")},
			{PreConfig: p.start, RefreshState: true, Check: p.finishCheck("refresh")},
			{
				PreConfig:          removeOne,
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(p.finishCheck("refresh, one removed"), func(s *terraform.State) error {
					if _, ok := s.RootModule().Resources[gone]; ok {
						return fmt.Errorf("%s is still in the state after the refresh", gone)
					}
					return nil
				}),
			},
			{PreConfig: p.start, Config: config, Check: p.finishCheck("re-create")},
			{PreConfig: p.start, Config: config, Destroy: true},
		},
	})
	p.finish("destroy")

	for _, phase := range []string{"create", "refresh", "refresh, one removed", "re-create", "destroy"} {
		t.Logf("%-20s %d repositories: %v", phase, scaleN, p.phases[phase])
	}
	p.check(t, "create", "POST repos", scaleN, scaleN)
	p.check(t, "create", "total", scaleN+1, scaleN+3)
	p.check(t, "refresh", http.MethodGet, 1, 2) // the shared GET (and the integration's own, when its kind GETs)
	p.check(t, "refresh", "total", 1, 3)
	// One more GET, after the shared one, confirms the missing repository.
	p.check(t, "refresh, one removed", http.MethodGet, p.phases["refresh"][http.MethodGet]+1, p.phases["refresh"][http.MethodGet]+1)
	p.check(t, "re-create", "POST repos", 1, 1)
	p.check(t, "destroy", "DELETE repos", scaleN, scaleN)
	p.check(t, "destroy", "total", scaleN+1, scaleN+4)
}
