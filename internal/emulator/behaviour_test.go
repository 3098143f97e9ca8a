package emulator

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAuth(t *testing.T) {
	e := newEmu(t, Options{Token: "s3cret"})
	const p = "/api/console/orgs/acme/integrations"
	wantError(t, raw(t, e, "GET", p, "", ""), 401, "")
	wantError(t, raw(t, e, "GET", p, "", "token "+DefaultToken), 401, "")
	wantError(t, raw(t, e, "GET", p, "", "Bearer s3cret"), 401, "")
	if r := raw(t, e, "GET", p, "", "token s3cret"); r.status != 200 {
		t.Fatalf("valid token: %d", r.status)
	}
	// Only the authenticated request is recorded: an unauthenticated caller
	// cannot grow the log.
	recs := e.Requests()
	if len(recs) != 1 || !recs[0].HasAuth || recs[0].Status != 200 {
		t.Fatalf("records = %+v", recs)
	}
	for _, rec := range recs {
		if strings.Contains(fmt.Sprint(rec), "s3cret") {
			t.Fatal("token recorded")
		}
	}
}

func TestNotFound(t *testing.T) {
	e := newEmu(t, Options{Orgs: []string{"acme", "beta"}})
	wantError(t, raw(t, e, "GET", "/api/console/orgs/nope/integrations/github", "", "token "+DefaultToken), 404, "Organization not found")
	if r := raw(t, e, "GET", "/api/console/orgs/beta/integrations/github", "", "token "+DefaultToken); r.status != 200 {
		t.Fatalf("second org: %d", r.status)
	}
	for _, c := range []struct{ method, path, msg string }{
		{"GET", "/github/nope", "GitHub App integration not found"},
		{"PATCH", "/gitlab/nope", "GitLab integration not found"},
		{"DELETE", "/bitbucket/nope", "BitBucket integration not found"},
		{"GET", "/azure-devops/nope", "Azure DevOps integration not found"},
		{"DELETE", "/github-enterprise/nope", "GitHub Enterprise integration not found"},
		{"GET", "/github/nope/repos", "VCS integration not found"},
		{"GET", "/github/nope/repos/destinations", ""},
		{"GET", "/azure-devops/setup/organizations/nope/projects", ""},
		{"GET", "/nothing/here/at/all/x/y", "Not found"},
	} {
		wantError(t, call(t, e, c.method, c.path, ""), 404, c.msg)
	}
	// A GHE id is not a github integration, and vice versa.
	ghe := firstID(t, e, "github-enterprise")
	wantError(t, call(t, e, "GET", "/github/"+ghe, ""), 404, "")
	wantError(t, call(t, e, "GET", "/github/"+ghe+"/repos", ""), 404, "")
	if r := call(t, e, "GET", "/github_enterprise/"+ghe+"/repos", ""); r.status != 200 {
		t.Fatalf("GHE repos via github_enterprise: %d", r.status)
	}
	gh := firstID(t, e, "github")
	wantError(t, call(t, e, "GET", "/github/"+gh+"/repos/999/branches", ""), 404, "Repository not found")
	wantError(t, call(t, e, "PUT", "/gitlab", "{}"), 405, "")
	wantError(t, call(t, e, "GET", "/azure-devops/"+firstID(t, e, "azure-devops")+"/repos", ""), 400, "Unknown VCS provider")
	// "generic" is not in the document's VCSProvider enum ("custom" is).
	wantError(t, call(t, e, "GET", "/generic/x/repos", ""), 400, "Unknown VCS provider")
	wantError(t, call(t, e, "GET", "/custom/x/repos", ""), 404, "VCS integration not found")
}

func TestCreateValidationAndConflicts(t *testing.T) {
	e := newEmu(t, Options{})
	for _, c := range []struct{ path, body, msg string }{
		{"/gitlab", `{}`, "Missing or invalid GitLab group ID"},
		{"/gitlab", `{"gitLabGroupId":9999}`, "Missing or invalid GitLab group ID"},
		{"/gitlab", `{"gitLabGroupId":"7001"}`, "Missing or invalid GitLab group ID"},
		{"/bitbucket", `{"workspaceSlug":"acme-web","useUserAuth":true}`, "Missing or invalid BitBucket workspace"},
		{"/bitbucket", `{"workspaceUuid":"{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}","useUserAuth":true}`, "Missing or invalid BitBucket workspace"},
		{"/bitbucket", `{"workspaceUuid":"{00000000-0000-4000-8000-000000000000}","workspaceSlug":"x","useUserAuth":true}`, "Missing or invalid BitBucket workspace"},
		{"/bitbucket", `{"workspaceUuid":"{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}","workspaceSlug":"acme-web"}`, "Missing or invalid BitBucket workspace"},
		{"/bitbucket", `{"workspaceUuid":"{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}","workspaceSlug":"acme-web","workspaceAccessToken":""}`, "Missing or invalid BitBucket workspace"},
		{"/azure-devops", `{"organizationName":"acmecorp"}`, "Missing Azure DevOps organization or project"},
		{"/azure-devops", `{"projectId":"8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41"}`, "Missing Azure DevOps organization or project"},
		{"/azure-devops", `{"organizationName":"acme-research","projectId":"8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41"}`, "Missing Azure DevOps organization or project"},
		{"/azure-devops/oauth/initiate", `{"provider":{"name":"gcp"}}`, "Invalid provider configuration"},
		{"/azure-devops/oauth/initiate", `{"provider":{"name":"azure","azure":{"apiName":"nope"}}}`, "Invalid provider configuration"},
		{"/azure-devops/oauth/complete", `{"provider":{"name":"azure"},"sessionID":"unknown","code":"x"}`, "Failed to complete OAuth"},
	} {
		wantError(t, call(t, e, "POST", c.path, c.body), 400, c.msg)
	}
	for _, c := range []struct{ path, body, msg string }{
		{"/gitlab", `{"gitLabGroupId":7003}`, "GitLab integration already exists for this group"},
		{"/bitbucket", `{"workspaceUuid":"2E8B3A4C-5D6F-4E7A-8B12-C3D4E5F6A7B3","workspaceSlug":"acme-tools","useUserAuth":true}`, "BitBucket integration already exists for this workspace"},
		{"/azure-devops", `{"organizationName":"acmecorp","projectId":"` + SeedIntegratedADOProjectID + `"}`, "Azure DevOps integration already exists for this project"},
	} {
		wantError(t, call(t, e, "POST", c.path, c.body), 409, c.msg)
	}
	// Empty code on complete, with a real session.
	sess := call(t, e, "POST", "/azure-devops/oauth/initiate", `{"provider":{"name":"azure"}}`).obj(t)["sessionID"].(string)
	wantError(t, call(t, e, "POST", "/azure-devops/oauth/complete", `{"provider":{"name":"azure"},"sessionID":"`+sess+`","code":""}`), 400, "Failed to complete OAuth")
	wantError(t, call(t, e, "PATCH", "/gitlab/"+firstID(t, e, "gitlab"), `{not json`), 400, "")
	if n := len(e.Integrations(org, "gitlab")) + len(e.Integrations(org, "bitbucket")) + len(e.Integrations(org, "azure-devops")); n != 3 {
		t.Fatalf("failed creates changed the world: %d integrations", n)
	}
}

func TestReposPagination(t *testing.T) {
	e := newEmu(t, Options{})
	gh := firstID(t, e, "github")
	seen := map[string]bool{}
	page, pages := "", 0
	for {
		q := ""
		if page != "" {
			q = "?page=" + page
		}
		m := call(t, e, "GET", "/github/"+gh+"/repos"+q, "").obj(t)
		pages++
		for _, x := range m["repos"].([]any) {
			seen[x.(map[string]any)["id"].(string)] = true
		}
		next, ok := m["nextPageToken"].(string)
		if !ok {
			break
		}
		page = next
	}
	if pages != 3 || len(seen) != SeedGitHubRepoCount {
		t.Fatalf("pages=%d repos=%d", pages, len(seen))
	}
	wantError(t, call(t, e, "GET", "/github/"+gh+"/repos?page=abc", ""), 400, "")
	wantError(t, call(t, e, "GET", "/github/"+gh+"/repos?page=0", ""), 400, "")
	if m := call(t, e, "GET", "/github/"+gh+"/repos?page=9", "").obj(t); len(m["repos"].([]any)) != 0 || m["nextPageToken"] != nil {
		t.Fatalf("past the end: %v", m)
	}

	// Non-seeded integrations have at least two pages, and branches.
	call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`)
	gl := findBy(t, e, "gitlab", "gitLabGroupId", float64(7001))
	m := call(t, e, "GET", "/gitlab/"+gl+"/repos", "").obj(t)
	if m["nextPageToken"] != "2" {
		t.Fatalf("gitlab repos should span pages: %v", m["nextPageToken"])
	}
	repo := m["repos"].([]any)[0].(map[string]any)
	if repo["owner"] != "acme/platform" {
		t.Errorf("owner = %v", repo["owner"])
	}
	if r := call(t, e, "GET", "/gitlab/"+gl+"/repos/"+repo["id"].(string)+"/branches", ""); r.status != 200 {
		t.Fatalf("branches: %d", r.status)
	}
	// Bitbucket repo ids carry braces; an escaped path segment must work.
	bb := firstID(t, e, "bitbucket")
	brepo := call(t, e, "GET", "/bitbucket/"+bb+"/repos", "").obj(t)["repos"].([]any)[0].(map[string]any)["id"].(string)
	esc := strings.NewReplacer("{", "%7B", "}", "%7D").Replace(brepo)
	if r := call(t, e, "GET", "/bitbucket/"+bb+"/repos/"+esc+"/branches", ""); r.status != 200 {
		t.Fatalf("bitbucket branches: %d %s", r.status, r.body)
	}
}

func TestPatchFalseHonoured(t *testing.T) {
	e := newEmu(t, Options{})
	gh := firstID(t, e, "github")
	call(t, e, "PATCH", "/github/"+gh, `{"disablePRComments":true,"disableNeoSummaries":true,"disableCodeAccessForReviews":true}`)
	call(t, e, "PATCH", "/github/"+gh, `{"disablePRComments":false,"unknownField":1}`)
	m, _ := e.Integration(org, "github", gh)
	if m["disablePRComments"] != false || m["disableNeoSummaries"] != true || m["disableCodeAccessForReviews"] != true {
		t.Fatalf("after PATCH false: %v", m)
	}
	// GitLab takes only three flags.
	gl := firstID(t, e, "gitlab")
	call(t, e, "PATCH", "/gitlab/"+gl, `{"disableDetailedDiff":true,"disableCodeAccessForReviews":true}`)
	call(t, e, "PATCH", "/gitlab/"+gl, `{"disableDetailedDiff":false}`)
	if m, _ := e.Integration(org, "gitlab", gl); m["disableDetailedDiff"] != false {
		t.Fatalf("gitlab: %v", m)
	}
}

func TestPersistence(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	e := newEmu(t, Options{StateFile: file})
	call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`)
	call(t, e, "POST", "/bitbucket", `{"workspaceUuid":"{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}","workspaceSlug":"acme-mobile","workspaceAccessToken":"ATBB-super-secret"}`)
	gh := firstID(t, e, "github")
	call(t, e, "PATCH", "/github/"+gh, `{"disableDetailedDiff":true}`)
	call(t, e, "DELETE", "/azure-devops/"+firstID(t, e, "azure-devops"), "")

	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "super-secret") {
		t.Fatal("bitbucket token persisted")
	}
	e2 := newEmu(t, Options{StateFile: file})
	if findBy(t, e2, "gitlab", "gitLabGroupId", float64(7001)) == "" || findBy(t, e2, "bitbucket", "workspaceSlug", "acme-mobile") == "" {
		t.Fatal("creates lost across restart")
	}
	if m, _ := e2.Integration(org, "github", gh); m["disableDetailedDiff"] != true {
		t.Fatalf("patch lost: %v", m)
	}
	if len(e2.Integrations(org, "azure-devops")) != 0 {
		t.Fatal("delete lost")
	}
	if matches, _ := filepath.Glob(file + ".tmp-*"); len(matches) != 0 {
		t.Fatalf("temp files left: %v", matches)
	}
}

func TestBitbucketTokenNeverEchoed(t *testing.T) {
	e := newEmu(t, Options{})
	const secret = "ATBB-never-echo-me"
	r := call(t, e, "POST", "/bitbucket", `{"workspaceUuid":"{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}","workspaceSlug":"acme-mobile","workspaceAccessToken":"`+secret+`"}`)
	if r.status != 204 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	id := findBy(t, e, "bitbucket", "workspaceSlug", "acme-mobile")
	for _, p := range []string{"", "/bitbucket", "/bitbucket/" + id, "/bitbucket/access-status"} {
		if r := call(t, e, "GET", p, ""); strings.Contains(string(r.body), secret) || strings.Contains(string(r.body), "workspaceAccessToken") {
			t.Fatalf("GET %s echoed the token: %s", p, r.body)
		}
	}
	if m, _ := e.Integration(org, "bitbucket", id); m["authType"] != "workspace_token" || m["authUser"] != nil {
		t.Fatalf("token auth: %v", m)
	}
}

func TestGitHubDeleteUsedByMultipleOrgs(t *testing.T) {
	e := newEmu(t, Options{})
	for _, kind := range []string{"github", "github-enterprise"} {
		id := firstID(t, e, kind)
		if err := e.PatchIntegration(org, kind, id, map[string]any{"usedByMultipleOrgs": true}); err != nil {
			t.Fatal(err)
		}
		wantError(t, call(t, e, "DELETE", "/"+kind+"/"+id, ""), 400, "GitHub app is used by multiple Pulumi organizations.")
		if _, ok := e.Integration(org, kind, id); !ok {
			t.Fatal("400 delete removed the integration")
		}
		if !e.DeleteIntegration(org, kind, id) {
			t.Fatal("out-of-band delete should bypass the rule")
		}
	}
}

func TestFaultsFireBeforeMutation(t *testing.T) {
	e := newEmu(t, Options{Faults: FaultConfig{ErrorRate: 1, Codes: []int{503}, RetryAfter: 1500 * time.Millisecond}})
	r := call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`)
	wantError(t, r, 503, "")
	if r.header.Get("Retry-After") != "2" {
		t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	// Control routes are never faulted.
	if r := raw(t, e, "GET", "/_emulator/healthz", "", ""); r.status != 200 {
		t.Fatalf("healthz faulted: %d", r.status)
	}
	e.SetFaults(FaultConfig{})
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) != "" {
		t.Fatal("a faulted create left an integration")
	}

	// A seeded error rate is deterministic and roughly right.
	e.SetFaults(FaultConfig{ErrorRate: 0.5, Seed: 7})
	failed := 0
	for range 200 {
		if call(t, e, "GET", "/github", "").status != 200 {
			failed++
		}
	}
	if failed < 60 || failed > 140 {
		t.Fatalf("%d/200 failed at rate 0.5", failed)
	}
}

func TestFailNext(t *testing.T) {
	e := newEmu(t, Options{})
	e.FailNext(1, 500, 0, false)
	wantError(t, call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`), 500, "")
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) != "" {
		t.Fatal("before-mutation fault applied the create")
	}
	e.FailNext(1, 429, 3*time.Second, true)
	r := call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`)
	wantError(t, r, 429, "")
	if r.header.Get("Retry-After") != "3" {
		t.Fatalf("Retry-After = %q", r.header.Get("Retry-After"))
	}
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) == "" {
		t.Fatal("after-mutation fault did not apply the create")
	}
	if r := call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`); r.status != 409 {
		t.Fatalf("retry after ambiguous failure: %d", r.status)
	}
}

func TestVisibilityDelay(t *testing.T) {
	e := newEmu(t, Options{CreateVisibilityDelay: time.Hour})
	now := time.Now()
	e.now = func() time.Time { return now }
	call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`)
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) != "" {
		t.Fatal("visible before the delay")
	}
	// Already committed, so a duplicate is still a conflict.
	wantError(t, call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7001}`), 409, "")
	e.now = func() time.Time { return now.Add(time.Hour) }
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) == "" {
		t.Fatal("not visible after the delay")
	}
}

func TestConnectGitHubInstallation(t *testing.T) {
	e := newEmu(t, Options{})
	if len(e.Integrations(org, "github")) != 1 {
		t.Fatal("pending installations must not be listed")
	}
	id, err := e.ConnectGitHubInstallation(org, false, PendingGitHubInstallationIDs[2], "")
	if err != nil {
		t.Fatal(err)
	}
	m, ok := e.Integration(org, "github", id)
	if !ok || m["accountName"] != "jdoe" || m["isOrganization"] != false {
		t.Fatalf("connected = %v", m)
	}
	again, _ := e.ConnectGitHubInstallation(org, false, PendingGitHubInstallationIDs[2], "")
	if again != id {
		t.Fatal("reconnect should be idempotent")
	}
	gheID, err := e.ConnectGitHubInstallation(org, true, 52999999, "synth")
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := e.Integration(org, "github-enterprise", gheID); m["accountName"] != "synth" || m["isSelfHosted"] != true {
		t.Fatalf("synthesised = %v", m)
	}
	// Deleting puts the installation back to pending; it can be reconnected.
	call(t, e, "DELETE", "/github/"+id, "")
	id2, err := e.ConnectGitHubInstallation(org, false, PendingGitHubInstallationIDs[2], "")
	if err != nil || id2 == id {
		t.Fatalf("reconnect after delete: %v %v", id2, err)
	}
}

func TestUnseeded(t *testing.T) {
	e := newEmu(t, Options{Unseeded: true, PageSize: 10})
	if items := call(t, e, "GET", "", "").obj(t)["integrations"].([]any); len(items) != 0 {
		t.Fatalf("unseeded org has %d integrations", len(items))
	}
	if r := call(t, e, "POST", "/gitlab", `{"gitLabGroupId":7003}`); r.status != 204 {
		t.Fatalf("create in unseeded: %d", r.status)
	}
	id, err := e.ConnectGitHubInstallation(org, false, SeedGitHubInstallationID, "")
	if err != nil {
		t.Fatal(err)
	}
	if m := call(t, e, "GET", "/github/"+id+"/repos", "").obj(t); len(m["repos"].([]any)) != 10 || m["nextPageToken"] != "2" {
		t.Fatalf("page size: %v", m)
	}
}

func TestControlHTTP(t *testing.T) {
	e := newEmu(t, Options{})
	gl := firstID(t, e, "gitlab")
	if r := raw(t, e, "PATCH", "/_emulator/orgs/acme/integrations/gitlab/"+gl, `{"valid":false,"groupName":"Renamed"}`, ""); r.status != 204 {
		t.Fatalf("control patch: %d %s", r.status, r.body)
	}
	m := call(t, e, "GET", "/gitlab/"+gl, "").obj(t)
	if m["valid"] != false || m["groupName"] != "Renamed" {
		t.Fatalf("out-of-band patch not visible: %v", m)
	}
	if r := raw(t, e, "GET", "/_emulator/orgs/acme/integrations/gitlab/"+gl, "", ""); r.status != 200 || r.obj(t)["id"] != gl {
		t.Fatalf("control get: %d", r.status)
	}
	r := raw(t, e, "POST", "/_emulator/orgs/acme/github/installations", `{"installationID":41000002,"accountName":"ignored"}`, "")
	newID, _ := r.obj(t)["id"].(string)
	if m, ok := e.Integration(org, "github", newID); !ok || m["accountName"] != "acme-labs" {
		t.Fatalf("control connect: %s", r.body)
	}
	if r := raw(t, e, "DELETE", "/_emulator/orgs/acme/integrations/gitlab/"+gl, "", ""); r.status != 204 {
		t.Fatalf("control delete: %d", r.status)
	}
	if r := raw(t, e, "DELETE", "/_emulator/orgs/acme/integrations/gitlab/"+gl, "", ""); r.status != 404 {
		t.Fatalf("control delete twice: %d", r.status)
	}
	if r := raw(t, e, "PUT", "/_emulator/faults", `{"errorRate":1,"codes":[502],"latencyMs":1}`, ""); r.status != 204 {
		t.Fatalf("faults: %d", r.status)
	}
	wantError(t, call(t, e, "GET", "/github", ""), 502, "")
	raw(t, e, "PUT", "/_emulator/faults", `{}`, "")
	if r := raw(t, e, "GET", "/_emulator/requests", "", ""); r.status != 200 || len(r.arr(t)) != 2 {
		t.Fatalf("requests: %s", r.body)
	}
	raw(t, e, "DELETE", "/_emulator/requests", "", "")
	if len(e.Requests()) != 0 {
		t.Fatal("requests not reset")
	}
}

func TestStartAndClose(t *testing.T) {
	e := newEmu(t, Options{})
	base, err := e.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("base = %s", base)
	}
	req, _ := http.NewRequest("GET", base+"/api/console/orgs/acme/integrations/gitlab", nil)
	req.Header.Set("Authorization", "token "+DefaultToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("over TCP: %d", res.StatusCode)
	}
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestConcurrentRequests is mainly for -race: API, control and fault paths at once.
func TestConcurrentRequests(t *testing.T) {
	e := newEmu(t, Options{StateFile: filepath.Join(t.TempDir(), "s.json"), CheckSpec: true,
		Faults: FaultConfig{ErrorRate: 0.2, Latency: time.Millisecond, Seed: 3}})
	gh := firstID(t, e, "github")
	done := make(chan struct{})
	for i := range 16 {
		go func() {
			defer func() { done <- struct{}{} }()
			for range 10 {
				call(t, e, "PATCH", "/github/"+gh, fmt.Sprintf(`{"disablePRComments":%v}`, i%2 == 0))
				call(t, e, "GET", "/github/"+gh+"/repos?page=2", "")
				_ = e.Integrations(org, "github")
				_ = e.Requests()
			}
		}()
	}
	for range 16 {
		<-done
	}
	if n := len(e.Requests()); n != 320 {
		t.Fatalf("recorded %d requests, want 320", n)
	}
	if v := e.SpecViolations(); len(v) != 0 {
		t.Fatalf("spec violations under concurrency: %+v", v)
	}
}
