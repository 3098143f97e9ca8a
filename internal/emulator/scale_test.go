package emulator

import (
	"fmt"
	"net/http/httptest"
	"runtime"
	"testing"
)

// The emulator must never be what a benchmark measures: listing, reading
// and creating cost the same per integration at N = 1,000 as at N = 100.
// Bytes allocated are counted (deterministic), never time.

// withIntegrations is an emulator whose GitLab holds n integrations.
func withIntegrations(t testing.TB, n int) *Emulator {
	t.Helper()
	e, err := New(Options{Unseeded: true, ExtraGitLabGroups: n})
	if err != nil {
		t.Fatal(err)
	}
	o := e.orgs["acme"]
	for i := 1; i <= n; i++ {
		in := e.newIntegration(kindGitLab)
		in.GitLabGroupID = ExtraGitLabGroupBaseID + int64(i)
		o.Integrations = append(o.Integrations, in)
	}
	return e
}

// allocatedBy is the bytes f allocates.
func allocatedBy(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestListCostIsLinear(t *testing.T) {
	perItem := map[int]float64{}
	for _, n := range []int{100, 1000} {
		e := withIntegrations(t, n)
		bytes := allocatedBy(func() {
			if r := call(t, e, "GET", "/gitlab", ""); r.status != 200 {
				t.Fatalf("list: %d", r.status)
			}
		})
		perItem[n] = float64(bytes) / float64(n)
	}
	t.Logf("bytes allocated per listed item: N=100 %.0f, N=1000 %.0f", perItem[100], perItem[1000])
	if perItem[1000] > 2*perItem[100] {
		t.Fatalf("a list of 1,000 allocates %.0f bytes per item against %.0f at 100: quadratic", perItem[1000], perItem[100])
	}
}

func TestCreateCostIsFlatAndAccessStatusLinear(t *testing.T) {
	create, status := map[int]float64{}, map[int]float64{}
	for _, n := range []int{100, 1000} {
		e := withIntegrations(t, n)
		// Free the last group, so that it can be integrated again.
		o := e.orgs["acme"]
		o.remove(o.Integrations[n-1].ID)
		last := ExtraGitLabGroupBaseID + int64(n)
		create[n] = float64(allocatedBy(func() {
			if r := call(t, e, "POST", "/gitlab", fmt.Sprintf(`{"gitLabGroupId":%d}`, last)); r.status != 204 {
				t.Fatalf("create: %d %s", r.status, r.body)
			}
		}))
		status[n] = float64(allocatedBy(func() {
			if r := call(t, e, "GET", "/gitlab/access-status", ""); r.status != 200 {
				t.Fatalf("access status: %d", r.status)
			}
		})) / float64(n) // it answers every group
	}
	t.Logf("bytes allocated by a create: N=100 %.0f, N=1000 %.0f; by an access status per group: %.0f, %.0f",
		create[100], create[1000], status[100], status[1000])
	if create[1000] > 2*create[100] {
		t.Errorf("a create allocates %.0f bytes at N=1,000 against %.0f at 100", create[1000], create[100])
	}
	if status[1000] > 2*status[100] {
		t.Errorf("an access status allocates %.0f bytes per group at N=1,000 against %.0f at 100: quadratic", status[1000], status[100])
	}
}

func BenchmarkListGitLab(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			e := withIntegrations(b, n)
			for b.Loop() {
				req := httptest.NewRequest("GET", "/api/console/orgs/acme/integrations/gitlab", nil)
				req.Header.Set("Authorization", "token "+DefaultToken)
				e.Handler().ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
