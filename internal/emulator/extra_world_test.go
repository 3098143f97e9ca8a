package emulator

import (
	"fmt"
	"strings"
	"testing"
)

// Options.ExtraBitbucketWorkspaces and ExtraADOProjects grow the world like
// ExtraGitLabGroups: the new natural keys can be integrated (once each),
// render with their names and are offered by the access status and setup
// endpoints; without the options they do not exist.
func TestExtraBitbucketWorkspacesAndADOProjects(t *testing.T) {
	ws := ExtraBitbucketWorkspaces(3)
	projects := ExtraADOProjects(3)
	if len(ws) != 3 || ws[2].Slug != "bench-ws-3" || len(projects) != 3 || projects[2].Name != "Bench 3" ||
		len(ExtraBitbucketWorkspaces(0)) != 0 || len(ExtraADOProjects(0)) != 0 {
		t.Fatalf("workspaces %v, projects %v", ws, projects)
	}
	bbBody := func(w BitbucketWorkspace) string {
		return fmt.Sprintf(`{"workspaceUuid":%q,"workspaceSlug":%q,"workspaceAccessToken":"t"}`, w.UUID, w.Slug)
	}
	adoBody := func(p ADOProject) string {
		return fmt.Sprintf(`{"organizationName":%q,"projectId":%q}`, ExtraADOOrgName, p.ID)
	}

	plain := newEmu(t, Options{Unseeded: true})
	wantError(t, call(t, plain, "POST", "/bitbucket", bbBody(ws[0])), 400, "")
	wantError(t, call(t, plain, "POST", "/azure-devops", adoBody(projects[0])), 400, "")

	e := newEmu(t, Options{Unseeded: true, ExtraBitbucketWorkspaces: 3, ExtraADOProjects: 3})
	for i := range 3 {
		if r := call(t, e, "POST", "/bitbucket", bbBody(ws[i])); r.status != 204 {
			t.Fatalf("create workspace %s: %d %s", ws[i].Slug, r.status, r.body)
		}
		if r := call(t, e, "POST", "/azure-devops", adoBody(projects[i])); r.status != 204 {
			t.Fatalf("create project %s: %d %s", projects[i].Name, r.status, r.body)
		}
	}
	wantError(t, call(t, e, "POST", "/bitbucket", bbBody(ws[1])), 409, "")
	wantError(t, call(t, e, "POST", "/azure-devops", adoBody(projects[1])), 409, "")

	id := findBy(t, e, "bitbucket", "workspaceSlug", "bench-ws-2")
	if m := call(t, e, "GET", "/bitbucket/"+id, "").obj(t); m["workspaceName"] != "Bench Workspace 2" {
		t.Fatalf("GET extra workspace integration: %v", m)
	}
	var adoID string
	for _, it := range e.Integrations(org, "azure-devops") {
		if p, _ := it["project"].(map[string]any); p != nil && p["id"] == projects[1].ID {
			adoID, _ = it["id"].(string)
		}
	}
	if m := call(t, e, "GET", "/azure-devops/"+adoID, "").obj(t); m["project"].(map[string]any)["name"] != "Bench 2" ||
		m["organization"].(map[string]any)["name"] != ExtraADOOrgName {
		t.Fatalf("GET extra project integration: %v", m)
	}
	if got := call(t, e, "GET", "/bitbucket/access-status", "").obj(t)["availableWorkspaces"].([]any); len(got) != len(SeedBitbucketWorkspaces) {
		t.Errorf("available workspaces after the creates: %d, want the %d seeded", len(got), len(SeedBitbucketWorkspaces))
	}
	orgs := string(call(t, e, "GET", "/azure-devops/setup/organizations", "").body)
	if !strings.Contains(orgs, ExtraADOOrgName) {
		t.Errorf("setup organizations %s lack %s", orgs, ExtraADOOrgName)
	}
	if r := call(t, e, "GET", "/azure-devops/setup/organizations/"+ExtraADOOrgName+"/projects", ""); len(r.arr(t)) != 3 {
		t.Errorf("projects of %s: %s", ExtraADOOrgName, r.body)
	}
}

// FaultConfig.AfterWriteShare makes that share of the random faults on
// writes fire after the write took effect; reads always fail before.
func TestAfterWriteShare(t *testing.T) {
	e := newEmu(t, Options{Unseeded: true, ExtraGitLabGroups: 40,
		Faults: FaultConfig{ErrorRate: 1, Codes: []int{503}, AfterWriteShare: 0.5, Seed: 3}})
	for i := int64(1); i <= 40; i++ {
		wantError(t, call(t, e, "POST", "/gitlab", fmt.Sprintf(`{"gitLabGroupId":%d}`, ExtraGitLabGroupBaseID+i)), 503, "")
	}
	wantError(t, call(t, e, "GET", "/gitlab", ""), 503, "")
	e.SetFaults(FaultConfig{})
	created := len(call(t, e, "GET", "/gitlab", "").obj(t)["integrations"].([]any))
	after := 0
	for _, r := range e.Requests() {
		switch {
		case r.Fault == "after":
			after++
			if r.Method == "GET" {
				t.Errorf("a read failed after: %+v", r)
			}
		case r.Fault == "" && r.Status == 503:
			t.Errorf("an injected fault is not marked: %+v", r)
		}
	}
	if after != created || created < 10 || created > 30 {
		t.Errorf("%d writes failed after taking effect and %d integrations exist; want equal, about half of 40", after, created)
	}
}
