package provider

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Shared lists must never show a provider process data older than its own
// writes, nor hide from the next command what changed out of band.

// In one apply, a create lists GitLab integrations (after its POST) while
// pulumicloud_gitlab_integration.a still has its old settings; then a's
// update PATCHes them; then a data source reads a. The data source must see
// the PATCH, not the list taken before it.
func TestAccGitLabIntegration_readAfterOwnWriteSeesIt(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	base := env.providerConfig() + `
resource "pulumicloud_gitlab_integration" "a" {
  gitlab_group_id     = 7001
  disable_pr_comments = %t
  depends_on          = [%s]
}
`
	second := `
resource "pulumicloud_gitlab_integration" "c" {
  gitlab_group_id = 7002
}

data "pulumicloud_gitlab_integration" "a" {
  integration_id = pulumicloud_gitlab_integration.a.integration_id
  depends_on     = [pulumicloud_gitlab_integration.a]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{Config: fmt.Sprintf(base, false, "")},
			{
				// c is created first (a depends on it): its look-ups list a
				// with disable_pr_comments = false, seconds before a's PATCH.
				Config: fmt.Sprintf(base, true, "pulumicloud_gitlab_integration.c") + second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.c", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.a", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.a", tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

// The next command's refresh sees a change and a deletion made out of band
// between commands.
func TestAccGitLabIntegration_refreshSeesOutOfBandChanges(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true})
	config := env.providerConfig() + `
resource "pulumicloud_gitlab_integration" "g7001" {
  gitlab_group_id = 7001
}

resource "pulumicloud_gitlab_integration" "g7002" {
  gitlab_group_id = 7002
}

resource "pulumicloud_gitlab_integration" "g7003" {
  gitlab_group_id = 7003
}
`
	ids := map[string]*string{"7002": new(string), "7003": new(string)}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					captureAttr("pulumicloud_gitlab_integration.g7002", "integration_id", ids["7002"]),
					captureAttr("pulumicloud_gitlab_integration.g7003", "integration_id", ids["7003"]),
				),
			},
			{
				PreConfig: func() {
					if err := env.emu.PatchIntegration(testOrg, "gitlab", *ids["7002"], map[string]any{"disablePRComments": true}); err != nil {
						t.Fatal(err)
					}
					if !env.emu.DeleteIntegration(testOrg, "gitlab", *ids["7003"]) {
						t.Fatal("could not delete out of band")
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7001", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7002", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7003", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}

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
			{PreConfig: start, Config: config, Check: func(*terraformState) error { finish("create"); return nil }},
			{PreConfig: start, RefreshState: true, Check: func(*terraformState) error { finish("refresh"); return nil }},
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
