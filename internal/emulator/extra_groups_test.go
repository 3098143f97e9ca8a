package emulator

import (
	"fmt"
	"path/filepath"
	"testing"
)

// Options.ExtraGitLabGroups adds groups 8001..8000+n: they can be integrated,
// are answered with their path, offered by the access status, own repos, and
// (being world, not state) come back with the option after a restart.
func TestExtraGitLabGroups(t *testing.T) {
	if got := ExtraGitLabGroups(0); len(got) != 0 {
		t.Fatalf("ExtraGitLabGroups(0) = %v", got)
	}
	want := GitLabGroup{ID: 8003, Name: "Bench 3", Path: "acme/bench-3"}
	if got := ExtraGitLabGroups(3); len(got) != 3 || got[2] != want {
		t.Fatalf("ExtraGitLabGroups(3) = %v, want last %v", got, want)
	}

	// Without the option the extra ids are not GitLab groups.
	plain := newEmu(t, Options{Unseeded: true})
	wantError(t, call(t, plain, "POST", "/gitlab", `{"gitLabGroupId":8001}`), 400, "Missing or invalid GitLab group ID")

	file := filepath.Join(t.TempDir(), "state.json")
	e := newEmu(t, Options{Unseeded: true, ExtraGitLabGroups: 3, StateFile: file})
	status := call(t, e, "GET", "/gitlab/access-status", "").obj(t)
	if n := len(status["availableGroups"].([]any)); n != len(SeedGitLabGroupIDs)+3 {
		t.Fatalf("available groups = %d, want %d", n, len(SeedGitLabGroupIDs)+3)
	}
	for i := int64(1); i <= 3; i++ {
		if r := call(t, e, "POST", "/gitlab", fmt.Sprintf(`{"gitLabGroupId":%d}`, ExtraGitLabGroupBaseID+i)); r.status != 204 {
			t.Fatalf("create group %d: %d %s", ExtraGitLabGroupBaseID+i, r.status, r.body)
		}
	}
	wantError(t, call(t, e, "POST", "/gitlab", `{"gitLabGroupId":8004}`), 400, "Missing or invalid GitLab group ID")
	wantError(t, call(t, e, "POST", "/gitlab", `{"gitLabGroupId":8002}`), 409, "")

	id := findBy(t, e, "gitlab", "gitLabGroupId", float64(8002))
	m := call(t, e, "GET", "/gitlab/"+id, "").obj(t)
	if m["groupPath"] != "acme/bench-2" || m["groupName"] != "Bench 2" {
		t.Fatalf("GET extra group integration: %v", m)
	}
	repo := call(t, e, "GET", "/gitlab/"+id+"/repos", "").obj(t)["repos"].([]any)[0].(map[string]any)
	if repo["owner"] != "acme/bench-2" {
		t.Fatalf("repo owner = %v", repo["owner"])
	}
	status = call(t, e, "GET", "/gitlab/access-status", "").obj(t)
	if n := len(status["availableGroups"].([]any)); n != len(SeedGitLabGroupIDs) {
		t.Fatalf("available groups after creates = %d, want %d", n, len(SeedGitLabGroupIDs))
	}

	// Restarted from the state file with the option, the integrations render
	// as before; the groups themselves are never written to the file.
	e2 := newEmu(t, Options{Unseeded: true, ExtraGitLabGroups: 3, StateFile: file})
	if m := call(t, e2, "GET", "/gitlab/"+id, "").obj(t); m["groupPath"] != "acme/bench-2" {
		t.Fatalf("after restart: %v", m)
	}
}
