package provider

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The fixtures below (one resource of each of the five VCS kinds, named "soak")
// serve the request budget and the ambiguous-write tests; the soak at
// organization scale (TestAccIntegrations_faultSoak) is further down.

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

// soakProviderConfig is the provider block with max_retries set (the
// ambiguous-write test); the soak itself runs with the defaults.
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

// soakCheckExactlyOne asserts that every kind has exactly one integration for
// its natural key, that it is the one in the state, and that its settings
// are the state's.
func (e *testEnv) soakCheckExactlyOne(s *terraform.State) error {
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
func (e *testEnv) soakCheckDestroyed(*terraform.State) error {
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
			Config: providerBlock + fiveIntegrations(true),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
			Check: resource.ComposeAggregateTestCheckFunc(env.soakCheckExactlyOne, func(*terraform.State) error {
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

// The fault soak at organization scale. Each round: SOAK_SIZE integrations
// spread over the kinds that can be created many times (soakManyKinds), plus
// the two GitHub kinds, which adopt their one connected installation each,
// and a data source that follows the GitHub installation's pages of
// repositories; applied, planned (empty), updated in place (every
// resource), planned (empty) and destroyed, against an emulator that fails
// SOAK_ERROR_RATE of all API requests with 429 (Retry-After), 500, 502 or
// 503, half of the failed writes after they took effect. The provider runs
// with its default settings and nothing is forgiven: every step must
// succeed, with exactly one integration per natural key, every declared
// setting in place, and nothing left after destroy.
//
// `make test` runs one round of 10 at 20 % (the defaults below); `make soak`
// runs SOAK_SIZE=50 SOAK_ROUNDS=2 unless told otherwise:
//
//	SOAK_SIZE        integrations per round (default 10)
//	SOAK_ERROR_RATE  share of API requests that fail (default 0.2)
//	SOAK_ROUNDS      independent rounds, each with its own emulator and seed (default 1)
//	SOAK_SEED        seed of round 0; round r uses SOAK_SEED+r (default 1)

const (
	soakDefaultSize      = 10
	soakDefaultErrorRate = 0.2
	soakDefaultSeed      = 1
	soakRetryAfter       = time.Second
	soakAfterWriteShare  = 0.5
)

// soakManyKind is a kind the soak creates many of. A new kind joins the
// soak by adding one to soakManyKinds, with room in the emulator's world for
// n natural keys (world).
type soakManyKind struct {
	typeName string // resource type
	emuKind  string // emulator per-kind path segment
	// world grows the emulator to hold n natural keys of the kind.
	world func(opts *emulator.Options, n int)
	// resources are the n resources: their create inputs and natural keys.
	resources func(n int) []soakResource
	// flags are the disable_* attributes the update step turns on, with the
	// API field each maps to.
	flags map[string]string
}

// soakResource is one declared integration of the soak.
type soakResource struct {
	typeName, emuKind, name string
	key                     string // the natural key, for messages
	inputs                  string // HCL lines of the create inputs
	// updatedInputs, when set, replaces inputs in the update step: for a
	// kind whose in-place settings are not disable_* flags.
	updatedInputs string
	// fields are attributes the state must share with the emulator's
	// integration (attribute: API field), besides the flags.
	fields  map[string]string
	matches func(item map[string]any) bool
	flags   map[string]string
}

func (r soakResource) addr() string { return r.typeName + "." + r.name }

var soakManyKinds = []soakManyKind{
	{
		typeName: "pulumicloud_gitlab_integration", emuKind: "gitlab",
		world: func(o *emulator.Options, n int) { o.ExtraGitLabGroups = n },
		resources: func(n int) []soakResource {
			out := make([]soakResource, 0, n)
			for _, g := range emulator.ExtraGitLabGroups(n) {
				out = append(out, soakResource{
					name: fmt.Sprintf("g%d", g.ID), key: fmt.Sprintf("group %d", g.ID),
					inputs:  fmt.Sprintf("  gitlab_group_id = %d", g.ID),
					matches: func(it map[string]any) bool { return it["gitLabGroupId"] == float64(g.ID) },
				})
			}
			return out
		},
		flags: commonSoakFlags,
	},
	{
		typeName: "pulumicloud_bitbucket_integration", emuKind: "bitbucket",
		world: func(o *emulator.Options, n int) { o.ExtraBitbucketWorkspaces = n },
		resources: func(n int) []soakResource {
			out := make([]soakResource, 0, n)
			for _, w := range emulator.ExtraBitbucketWorkspaces(n) {
				out = append(out, soakResource{
					name: w.Slug, key: "workspace " + w.Slug,
					inputs: fmt.Sprintf("  workspace_uuid                    = %q\n  workspace_slug                    = %q\n"+
						"  workspace_access_token_wo         = \"bb-soak-token\"\n  workspace_access_token_wo_version = 1", w.UUID, w.Slug),
					matches: func(it map[string]any) bool {
						u, _ := it["workspaceUuid"].(string)
						return sameWorkspaceUUID(u, w.UUID)
					},
				})
			}
			return out
		},
		flags: commonSoakFlags,
	},
	{
		typeName: "pulumicloud_azure_devops_integration", emuKind: "azure-devops",
		world: func(o *emulator.Options, n int) { o.ExtraADOProjects = n },
		resources: func(n int) []soakResource {
			out := make([]soakResource, 0, n)
			for i, p := range emulator.ExtraADOProjects(n) {
				out = append(out, soakResource{
					name: fmt.Sprintf("p%d", i+1), key: "project " + emulator.ExtraADOOrgName + "/" + p.Name,
					inputs: fmt.Sprintf("  azure_devops_organization = %q\n  azure_devops_project_id   = %q", emulator.ExtraADOOrgName, p.ID),
					matches: func(it map[string]any) bool {
						proj, _ := it["project"].(map[string]any)
						return proj != nil && proj["id"] == p.ID
					},
				})
			}
			return out
		},
		flags: commonSoakFlags,
	},
	{
		// Custom VCS integrations have no natural key in the world (any
		// name will do) and no disable_* flags: the update moves base_url.
		typeName: "pulumicloud_custom_vcs_integration", emuKind: "custom",
		world: func(*emulator.Options, int) {},
		resources: func(n int) []soakResource {
			out := make([]soakResource, 0, n)
			for i := 1; i <= n; i++ {
				name := fmt.Sprintf("Soak Forgejo %d", i)
				inputs := func(baseURL string) string {
					return fmt.Sprintf("  name        = %q\n  base_url    = %q\n  environment = \"vcs/forgejo\"", name, baseURL)
				}
				out = append(out, soakResource{
					name: fmt.Sprintf("c%d", i), key: "name " + name,
					inputs:        inputs(fmt.Sprintf("https://forgejo.example.com/soak-%d", i)),
					updatedInputs: inputs(fmt.Sprintf("https://forgejo.example.com/soak-%d-moved", i)),
					fields:        map[string]string{"name": "name", "base_url": "baseUrl"},
					matches:       func(it map[string]any) bool { return it["name"] == name },
				})
			}
			return out
		},
	},
}

// soakAdopted are the GitHub kinds: one connected installation each.
func soakAdopted() []soakResource {
	var out []soakResource
	for _, k := range soakKinds {
		if !strings.HasPrefix(k.emuKind, "github") {
			continue
		}
		id := emulator.SeedGitHubInstallationID
		if k.emuKind == "github-enterprise" {
			id = emulator.SeedGHEInstallationID
		}
		out = append(out, soakResource{typeName: k.typeName, emuKind: k.emuKind, name: "soak", key: k.key,
			inputs: fmt.Sprintf("  installation_id = %d", id), matches: k.matches, flags: k.flags})
	}
	return out
}

// soakWorld spreads size integrations over soakManyKinds (the first kinds
// take the remainder), sizes the emulator's world to fit, and lists every
// declared resource.
func soakWorld(size int, opts *emulator.Options) []soakResource {
	all := soakAdopted()
	for i, k := range soakManyKinds {
		n := size / len(soakManyKinds)
		if i < size%len(soakManyKinds) {
			n++
		}
		k.world(opts, n)
		for _, r := range k.resources(n) {
			r.typeName, r.emuKind, r.flags = k.typeName, k.emuKind, k.flags
			all = append(all, r)
		}
	}
	return all
}

// soakScaleConfig declares every resource, its flags on when updated, and
// the paging data source.
func soakScaleConfig(env *testEnv, resources []soakResource, updated bool) string {
	var b strings.Builder
	// The provider's defaults: no max_retries, no request_timeout.
	fmt.Fprintf(&b, "provider \"pulumicloud\" {\n  api_url      = %q\n  access_token = %q\n  organization = %q\n}\n",
		env.url, emulator.DefaultToken, testOrg)
	for _, r := range resources {
		inputs := r.inputs
		if updated && r.updatedInputs != "" {
			inputs = r.updatedInputs
		}
		fmt.Fprintf(&b, "\nresource %q %q {\n%s\n", r.typeName, r.name, inputs)
		for _, attr := range slices.Sorted(maps.Keys(r.flags)) {
			fmt.Fprintf(&b, "  %s = %t\n", attr, updated)
		}
		b.WriteString("}\n")
	}
	b.WriteString(`
data "pulumicloud_vcs_repos" "github" {
  vcs_provider   = "github"
  integration_id = pulumicloud_github_integration.soak.integration_id
}
`)
	return b.String()
}

type soakParams struct {
	size      int
	errorRate float64
	rounds    int
	seed      int64
}

func soakParamsFromEnv(t *testing.T) soakParams {
	t.Helper()
	p := soakParams{size: soakDefaultSize, errorRate: soakDefaultErrorRate, rounds: 1, seed: soakDefaultSeed}
	if v := os.Getenv("SOAK_SIZE"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 300 {
			t.Fatalf("SOAK_SIZE=%q: want an integer in [1, 300]", v)
		}
		p.size = n
	}
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

func TestAccIntegrations_faultSoak(t *testing.T) {
	p := soakParamsFromEnv(t)
	for round := range p.rounds {
		t.Run(fmt.Sprintf("round-%d", round), func(t *testing.T) {
			testAccFaultSoakRound(t, round, p, p.seed+int64(round))
		})
	}
}

func testAccFaultSoakRound(t *testing.T, round int, p soakParams, seed int64) {
	opts := emulator.Options{Faults: emulator.FaultConfig{
		ErrorRate:       p.errorRate,
		Codes:           []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable},
		RetryAfter:      soakRetryAfter,
		AfterWriteShare: soakAfterWriteShare,
		Seed:            seed,
	}}
	resources := soakWorld(p.size, &opts)
	env := newTestEnv(t, opts)
	created, updated := soakScaleConfig(env, resources, false), soakScaleConfig(env, resources, true)

	onEach := func(action plancheck.ResourceActionType) []plancheck.PlanCheck {
		var checks []plancheck.PlanCheck
		for _, r := range resources {
			checks = append(checks, plancheck.ExpectResourceAction(r.addr(), action))
		}
		return checks
	}
	flagChecks := func(on bool) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, r := range resources {
			for attr := range r.flags {
				checks = append(checks, statecheck.ExpectKnownValue(r.addr(), tfjsonpath.New(attr), knownvalue.Bool(on)))
			}
		}
		return append(checks,
			statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.github", tfjsonpath.New("repos"), knownvalue.ListSizeExact(emulator.SeedGitHubRepoCount)))
	}
	emptyPlan := []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.soakScaleDestroyed(resources),
		Steps: []resource.TestStep{
			{ // apply, then an empty plan
				Config: created,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: onEach(plancheck.ResourceActionCreate), PostApplyPostRefresh: emptyPlan,
				},
				ConfigStateChecks: flagChecks(false),
				Check:             env.soakScaleExactlyOne(resources),
			},
			{ // an update of every resource, then an empty plan (and, after the case, destroy)
				Config: updated,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: onEach(plancheck.ResourceActionUpdate), PostApplyPostRefresh: emptyPlan,
				},
				ConfigStateChecks: flagChecks(true),
				Check:             env.soakScaleExactlyOne(resources),
			},
		},
	})

	// The faults must really have happened, or the test proved nothing.
	st := soakStatsOf(env.emu.Requests())
	if p.errorRate > 0 && st.faults == 0 {
		t.Fatalf("seed %d: the emulator injected no faults in %d requests; the soak proved nothing", seed, st.requests)
	}
	t.Logf("soak round %d (seed %d, %d integrations, error rate %.2f, default settings): %d requests, %d faults (%s; %d after the write took effect), "+
		"%d create resends, longest wait %s (%s), 0 forgiven",
		round, seed, len(resources), p.errorRate, st.requests, st.faults, sortedCounts(st.byCode), st.after,
		st.resends, st.longestWait.Round(10*time.Millisecond), st.longestWhat)
}

// soakStats summarises a round from the emulator's request log.
type soakStats struct {
	requests, faults, after, resends int
	byCode                           map[int]int
	longestWait                      time.Duration // from a fault to the same request again
	longestWhat                      string
}

func soakStatsOf(reqs []emulator.RequestRecord) soakStats {
	st := soakStats{requests: len(reqs), byCode: map[int]int{}}
	creates := map[string]int{}                    // create POSTs per body (natural key)
	pending := map[string]emulator.RequestRecord{} // faulted, not yet sent again
	for _, r := range reqs {
		same := r.Method + " " + r.Path + "?" + r.RawQuery + " " + r.Body
		if f, ok := pending[same]; ok {
			if w := r.At.Sub(f.At); w > st.longestWait {
				st.longestWait, st.longestWhat = w, fmt.Sprintf("%s %s after %d", f.Method, f.Path, f.Status)
			}
			delete(pending, same)
		}
		if r.Fault != "" {
			st.faults++
			st.byCode[r.Status]++
			if r.Fault == "after" {
				st.after++
			}
			pending[same] = r
		}
		if _, collection := requestKind(r.Path); r.Method == http.MethodPost && collection {
			creates[r.Path+" "+r.Body]++
		}
	}
	for _, n := range creates {
		st.resends += n - 1
	}
	return st
}

// soakScaleExactlyOne asserts that every declared resource has exactly one
// integration for its natural key, that it is the one in the state, and that
// its settings are the state's.
func (e *testEnv) soakScaleExactlyOne(resources []soakResource) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		lists := map[string][]map[string]any{}
		for _, r := range resources {
			if _, ok := lists[r.emuKind]; !ok {
				lists[r.emuKind] = e.emu.Integrations(testOrg, r.emuKind)
			}
			var found []map[string]any
			for _, it := range lists[r.emuKind] {
				if r.matches(it) {
					found = append(found, it)
				}
			}
			if len(found) != 1 {
				return fmt.Errorf("%d %s integrations for %s, want exactly 1", len(found), r.emuKind, r.key)
			}
			rs, ok := s.RootModule().Resources[r.addr()]
			if !ok {
				return fmt.Errorf("%s is not in the state: a declared integration was lost", r.addr())
			}
			attrs := rs.Primary.Attributes
			if id := found[0]["id"]; attrs["integration_id"] != id || attrs["id"] != testOrg+"/"+attrs["integration_id"] {
				return fmt.Errorf("%s: id %q, integration_id %q in state; the emulator's id is %v", r.addr(), attrs["id"], attrs["integration_id"], id)
			}
			for attr, field := range r.flags {
				if attrs[attr] != fmt.Sprint(found[0][field]) {
					return fmt.Errorf("%s: %s = %s in state, %s = %v in the emulator", r.addr(), attr, attrs[attr], field, found[0][field])
				}
			}
			for attr, field := range r.fields {
				if attrs[attr] != fmt.Sprint(found[0][field]) {
					return fmt.Errorf("%s: %s = %s in state, %s = %v in the emulator", r.addr(), attr, attrs[attr], field, found[0][field])
				}
			}
		}
		return nil
	}
}

// soakScaleDestroyed is the CheckDestroy: no integration is left for any
// declared natural key.
func (e *testEnv) soakScaleDestroyed(resources []soakResource) resource.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range resources {
			for _, it := range e.emu.Integrations(testOrg, r.emuKind) {
				if r.matches(it) {
					return fmt.Errorf("the %s integration for %s (%v) is left after destroy", r.emuKind, r.key, it["id"])
				}
			}
		}
		return nil
	}
}
