package provider

import (
	"fmt"
	"math"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The fault soak: one resource of each of the five kinds, and data sources
// that follow pages, applied, refreshed, updated in place and destroyed
// against an emulator that fails a share of all API requests (429/503 with
// Retry-After, 500, 502; always before the request takes effect). The
// promise under test: nothing the user declared is lost, and there are never
// two integrations for one natural key.
//
// `make test` runs one light round. `make soak` runs several heavier ones:
//
//	SOAK_ERROR_RATE  share of API requests that fail (default 0.2)
//	SOAK_ROUNDS      independent rounds, each with its own emulator and seed (default 1)
//	SOAK_SEED        seed of round 0; round r uses SOAK_SEED+r (default 1)

const (
	soakDefaultErrorRate = 0.2
	soakDefaultSeed      = 1
	soakRetryAfter       = time.Second
)

// soakKind is one of the five resources in the soak configuration, with its
// natural key as the emulator's list answers it.
type soakKind struct {
	typeName string // resource type
	emuKind  string // emulator per-kind path segment
	key      string // the natural key, for messages
	matches  func(item map[string]any) bool
	// flags are the disable_* attributes the update step turns on, with the
	// API field each maps to.
	flags map[string]string
}

func (k soakKind) addr() string { return k.typeName + ".soak" }

var commonSoakFlags = map[string]string{
	"disable_pr_comments":   "disablePRComments",
	"disable_neo_summaries": "disableNeoSummaries",
}

var soakKinds = []soakKind{
	{
		typeName: "pulumicloud_github_integration", emuKind: "github",
		key: fmt.Sprintf("installation %d", emulator.SeedGitHubInstallationID),
		matches: func(it map[string]any) bool {
			return it["installationID"] == float64(emulator.SeedGitHubInstallationID)
		},
		flags: map[string]string{
			"disable_pr_comments": "disablePRComments", "disable_neo_summaries": "disableNeoSummaries",
			"disable_code_access_for_reviews": "disableCodeAccessForReviews",
		},
	},
	{
		typeName: "pulumicloud_github_enterprise_integration", emuKind: "github-enterprise",
		key:     fmt.Sprintf("installation %d", emulator.SeedGHEInstallationID),
		matches: func(it map[string]any) bool { return it["installationID"] == float64(emulator.SeedGHEInstallationID) },
		flags:   commonSoakFlags,
	},
	{
		typeName: "pulumicloud_gitlab_integration", emuKind: "gitlab",
		key:     "group 7001",
		matches: func(it map[string]any) bool { return it["gitLabGroupId"] == float64(7001) },
		flags:   commonSoakFlags,
	},
	{
		typeName: "pulumicloud_bitbucket_integration", emuKind: "bitbucket",
		key: "workspace acme-web",
		matches: func(it map[string]any) bool {
			u, _ := it["workspaceUuid"].(string)
			return sameWorkspaceUUID(u, acmeWebUUID)
		},
		flags: commonSoakFlags,
	},
	{
		typeName: "pulumicloud_azure_devops_integration", emuKind: "azure-devops",
		key: "project acmecorp/Payments",
		matches: func(it map[string]any) bool {
			p, _ := it["project"].(map[string]any)
			return p != nil && p["id"] == adoPaymentsID
		},
		flags: commonSoakFlags,
	},
}

// soakConfig declares the five resources (settings on when updated) and two
// data sources: the GitHub installation's 60 repositories (three pages) and
// the GitLab list.
func soakConfig(providerBlock string, updated bool) string {
	return providerBlock + fiveIntegrations(updated) + `
data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = pulumicloud_github_integration.soak.integration_id
}

data "pulumicloud_gitlab_integrations" "all" {
  depends_on = [pulumicloud_gitlab_integration.soak]
}
`
}

// fiveIntegrations declares one resource of each kind, named "soak", with
// the disable_* settings on when updated. The GitHub kinds adopt the seeded,
// connected installations.
func fiveIntegrations(updated bool) string {
	on := "false"
	if updated {
		on = "true"
	}
	return fmt.Sprintf(`
resource "pulumicloud_github_integration" "soak" {
  installation_id                 = %[1]d
  disable_pr_comments             = %[6]s
  disable_neo_summaries           = %[6]s
  disable_code_access_for_reviews = %[6]s
}

resource "pulumicloud_github_enterprise_integration" "soak" {
  installation_id       = %[2]d
  disable_pr_comments   = %[6]s
  disable_neo_summaries = %[6]s
}

resource "pulumicloud_gitlab_integration" "soak" {
  gitlab_group_id       = 7001
  disable_pr_comments   = %[6]s
  disable_neo_summaries = %[6]s
}

resource "pulumicloud_bitbucket_integration" "soak" {
  workspace_uuid                    = %[3]q
  workspace_slug                    = "acme-web"
  workspace_access_token_wo         = "bb-soak-token"
  workspace_access_token_wo_version = 1
  disable_pr_comments               = %[6]s
  disable_neo_summaries             = %[6]s
}

resource "pulumicloud_azure_devops_integration" "soak" {
  azure_devops_organization = %[4]q
  azure_devops_project_id   = %[5]q
  disable_pr_comments       = %[6]s
  disable_neo_summaries     = %[6]s
}
`, emulator.SeedGitHubInstallationID, emulator.SeedGHEInstallationID, acmeWebUUID, "acmecorp", adoPaymentsID, on)
}

// soakProviderConfig is the provider block with room for retries.
func soakProviderConfig(env *testEnv, maxRetries int) string {
	return fmt.Sprintf(`
provider "pulumicloud" {
  api_url      = %q
  access_token = %q
  organization = %q
  max_retries  = %d
}
`, env.url, emulator.DefaultToken, testOrg, maxRetries)
}

// soakMaxRetries gives idempotent requests enough retries that, at error
// rate p, running out of them (p^(n+1) per request) is below one in 10^8:
// 11 at the default 0.2, at least 8, at most the provider's limit of 20.
func soakMaxRetries(p float64) int {
	if p <= 0 {
		return 8
	}
	n := int(math.Ceil(math.Log(1e-8)/math.Log(p))) - 1
	return min(max(n, 8), 20)
}

type soakParams struct {
	errorRate float64
	rounds    int
	seed      int64
}

func soakParamsFromEnv(t *testing.T) soakParams {
	t.Helper()
	p := soakParams{errorRate: soakDefaultErrorRate, rounds: 1, seed: soakDefaultSeed}
	if v := os.Getenv("SOAK_ERROR_RATE"); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 || f >= 0.9 {
			t.Fatalf("SOAK_ERROR_RATE=%q: want a number in [0, 0.9)", v)
		}
		p.errorRate = f
	}
	if v := os.Getenv("SOAK_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("SOAK_ROUNDS=%q: want a positive integer", v)
		}
		p.rounds = n
	}
	if v := os.Getenv("SOAK_SEED"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			t.Fatalf("SOAK_SEED=%q: want an integer", v)
		}
		p.seed = n
	}
	return p
}

// exhaustedCreate is the one error a soak apply may end with: every create
// attempt was refused (probability rate^maxCreateAttempts per create). The
// provider then asks for another apply, which the next step is.
var exhaustedCreate = regexp.MustCompile(`(?s)Unable\s+to\s+Create.*leaves\s+unknown\s+whether\s+it\s+took\s+effect.*not\s+in\s+the\s+organization's\s+list`)

func TestAccIntegrations_faultSoak(t *testing.T) {
	p := soakParamsFromEnv(t)
	for round := range p.rounds {
		t.Run(fmt.Sprintf("round-%d", round), func(t *testing.T) {
			testAccFaultSoakRound(t, p.errorRate, p.seed+int64(round))
		})
	}
}

func testAccFaultSoakRound(t *testing.T, errorRate float64, seed int64) {
	env := newTestEnv(t, emulator.Options{Faults: emulator.FaultConfig{
		ErrorRate:  errorRate,
		Codes:      []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable},
		RetryAfter: soakRetryAfter,
		Seed:       seed,
	}})
	providerBlock := soakProviderConfig(env, soakMaxRetries(errorRate))
	created, updated := soakConfig(providerBlock, false), soakConfig(providerBlock, true)

	// The create step may legitimately give up on one resource (see
	// exhaustedCreate); the re-apply after it must converge. Nothing else
	// is forgiven, and nothing at all outside the create step.
	var phase atomic.Value
	phase.Store("")
	var forgiven atomic.Int32

	onEach := func(action plancheck.ResourceActionType) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, k := range soakKinds {
			checks = append(checks, plancheck.ExpectResourceAction(k.addr(), action))
		}
		return checks
	}
	flagChecks := func(on bool) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, k := range soakKinds {
			checks = append(checks,
				statecheck.ExpectKnownValue(k.addr(), tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(k.addr(), tfjsonpath.New("integration_id"), knownvalue.NotNull()))
			for attr := range k.flags {
				checks = append(checks, statecheck.ExpectKnownValue(k.addr(), tfjsonpath.New(attr), knownvalue.Bool(on)))
			}
		}
		return append(checks,
			statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("repos"), knownvalue.ListSizeExact(emulator.SeedGitHubRepoCount)),
			statecheck.ExpectKnownValue("pulumicloud_bitbucket_integration.soak", tfjsonpath.New("workspace_access_token_wo"), knownvalue.Null()),
		)
	}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		ErrorCheck: func(err error) error {
			if phase.Load() == "create" && exhaustedCreate.MatchString(err.Error()) {
				forgiven.Add(1)
				t.Logf("seed %d: a create ran out of attempts (allowed in the create step; the next step re-applies and must converge): %v", seed, err)
				return nil
			}
			return err
		},
		CheckDestroy: env.soakCheckDestroyed,
		Steps: []resource.TestStep{
			{ // create all five (GitHub kinds adopt the connected installations)
				PreConfig:        func() { phase.Store("create") },
				Config:           created,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: onEach(plancheck.ResourceActionCreate)},
				ConfigStateChecks: append(flagChecks(false),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integrations.all", tfjsonpath.New("integrations"), knownvalue.NotNull())),
				Check: env.soakCheckExactlyOne,
			},
			{ // the same again: converges if the create gave up, else a no-op refresh under faults
				PreConfig:         func() { phase.Store("converge") },
				Config:            created,
				ConfigPlanChecks:  emptyPlanAfterApply(),
				ConfigStateChecks: flagChecks(false),
				Check:             env.soakCheckExactlyOne,
			},
			{ // in-place update under faults
				PreConfig: func() { phase.Store("update") },
				Config:    updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             onEach(plancheck.ResourceActionUpdate),
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: flagChecks(true),
				Check:             env.soakCheckExactlyOne,
			},
		},
	})

	// The faults must really have happened, or the test proved nothing.
	reqs := env.emu.Requests()
	faults := map[int]int{}
	posts := map[string]int{}
	for _, r := range reqs {
		if r.Status >= 429 {
			faults[r.Status]++
		}
		if r.Method == http.MethodPost {
			posts[r.Path[strings.LastIndex(r.Path, "/")+1:]+" "+strconv.Itoa(r.Status)]++
		}
	}
	total := 0
	for _, n := range faults {
		total += n
	}
	if errorRate > 0 && total == 0 {
		t.Fatalf("seed %d: the emulator injected no faults in %d requests; the soak proved nothing", seed, len(reqs))
	}
	t.Logf("seed %d, error rate %.2f, max_retries %d: %d requests, %d injected faults %v, create POSTs (kind status: n) %v, %d create(s) ran out of attempts",
		seed, errorRate, soakMaxRetries(errorRate), len(reqs), total, sortedCounts(faults), posts, forgiven.Load())
}

// soakCheckExactlyOne asserts that every kind has exactly one integration for
// its natural key, that it is the one in the state, and that its settings
// are the state's.
func (e *testEnv) soakCheckExactlyOne(s *terraformState) error {
	for _, k := range soakKinds {
		var found []map[string]any
		for _, it := range e.emu.Integrations(testOrg, k.emuKind) {
			if k.matches(it) {
				found = append(found, it)
			}
		}
		if len(found) != 1 {
			return fmt.Errorf("%d %s integrations for %s, want exactly 1", len(found), k.emuKind, k.key)
		}
		rs, ok := s.RootModule().Resources[k.addr()]
		if !ok {
			return fmt.Errorf("%s is not in the state: a declared integration was lost", k.addr())
		}
		attrs := rs.Primary.Attributes
		if id := found[0]["id"]; attrs["integration_id"] != id {
			return fmt.Errorf("%s: integration_id %q in state, the emulator's is %v", k.addr(), attrs["integration_id"], id)
		}
		if want := testOrg + "/" + attrs["integration_id"]; attrs["id"] != want {
			return fmt.Errorf("%s: id %q, want %q", k.addr(), attrs["id"], want)
		}
		for attr, field := range k.flags {
			if attrs[attr] != fmt.Sprint(found[0][field]) {
				return fmt.Errorf("%s: %s = %s in state, %s = %v in the emulator", k.addr(), attr, attrs[attr], field, found[0][field])
			}
		}
	}
	return nil
}

// soakCheckDestroyed is the CheckDestroy: no integration is left for any of
// the five natural keys.
func (e *testEnv) soakCheckDestroyed(*terraformState) error {
	for _, k := range soakKinds {
		for _, it := range e.emu.Integrations(testOrg, k.emuKind) {
			if k.matches(it) {
				return fmt.Errorf("the %s integration for %s (%v) is left after destroy", k.emuKind, k.key, it["id"])
			}
		}
	}
	return nil
}

func sortedCounts(m map[int]int) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d×%d", m[k], k))
	}
	return strings.Join(parts, " ")
}

// Every kind's first write takes effect and then answers 503 (the
// afterMutation fault: a VCS host's error passed through, a gateway timing
// out): the three creates each look, find their integration and stop, with
// one POST each; the GitHub kinds, which adopt rather than POST, have their
// settings PATCH answered so, and retry it. Exactly one integration per key.
func TestAccIntegrations_ambiguousWriteEveryKind(t *testing.T) {
	// A queued fault goes to whichever request the emulator serves next, so
	// a faulted write runs alone: every other request holds the read lock.
	var (
		mu       sync.RWMutex
		faultedM sync.Mutex
		faulted  = map[string]bool{}
	)
	// The write each kind's create makes first: the POST of the kinds that
	// create, the settings PATCH of the kinds that adopt.
	firstWriteOf := map[string]string{
		"gitlab": http.MethodPost, "bitbucket": http.MethodPost, "azure-devops": http.MethodPost,
		"github": http.MethodPatch, "github-enterprise": http.MethodPatch,
	}
	firstWrite := func(r *http.Request) bool {
		kind, collection := requestKind(r.URL.Path)
		if !strings.HasPrefix(r.URL.Path, "/api/console/orgs/"+testOrg+"/") || firstWriteOf[kind] != r.Method ||
			collection != (r.Method == http.MethodPost) {
			return false
		}
		faultedM.Lock()
		defer faultedM.Unlock()
		if faulted[kind] {
			return false
		}
		faulted[kind] = true
		return true
	}
	env := newProxiedTestEnv(t, emulator.Options{}, func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
		if firstWrite(r) {
			mu.Lock()
			defer mu.Unlock()
			emu.FailNext(1, http.StatusServiceUnavailable, 0, true)
		} else {
			mu.RLock()
			defer mu.RUnlock()
		}
		emu.Handler().ServeHTTP(w, r)
		return true
	})
	providerBlock := soakProviderConfig(env, 2)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.soakCheckDestroyed,
		Steps: []resource.TestStep{{
			Config: soakConfig(providerBlock, true),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: resource.ComposeAggregateTestCheckFunc(env.soakCheckExactlyOne, func(*terraformState) error {
				for _, kind := range []string{"gitlab", "bitbucket", "azure-devops"} {
					if n := env.countRequests(http.MethodPost, "/integrations/"+kind); n != 1 {
						return fmt.Errorf("%d %s POSTs, want 1 (the first took effect; the look found it)", n, kind)
					}
				}
				faultedM.Lock()
				defer faultedM.Unlock()
				if len(faulted) != 5 {
					return fmt.Errorf("faulted the first write of %d kinds (%v), want all 5", len(faulted), faulted)
				}
				injected := 0
				for _, r := range env.emu.Requests() {
					if r.Status == http.StatusServiceUnavailable && (r.Method == http.MethodPost || r.Method == http.MethodPatch) {
						injected++
					}
				}
				if injected != 5 {
					return fmt.Errorf("%d writes answered 503, want 5 (one per kind)", injected)
				}
				return nil
			}),
		}},
	})
}
