package emulator

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/spec"
)

// The emulator is held to the published OpenAPI document, read strictly (see
// package spec): every answer of every read endpoint, for every kind and
// every state the emulator can put an object in, must match its schema, with
// no property the schema lacks.

const integrationsPath = "/api/console/orgs/" + org + "/integrations"

func validator(t *testing.T) *spec.Validator {
	t.Helper()
	v, err := spec.Default()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// specCall sends a request the document allows (checked first) and fails the
// test unless the answer matches the document for that status.
func specCall(t *testing.T, e *Emulator, method, path, body string) resp {
	t.Helper()
	v := validator(t)
	uri := integrationsPath + path
	var b []byte
	h := map[string][]string{}
	if body != "" {
		b = []byte(body)
		h["Content-Type"] = []string{"application/json"}
	}
	if err := v.ValidateRequest(method, uri, h, b); err != nil {
		t.Fatalf("the test's own request breaks the document: %v", err)
	}
	r := call(t, e, method, path, body)
	if err := v.ValidateResponse(method, uri, r.status, r.header, r.body); err != nil {
		t.Errorf("answer breaks the document:\n%v\nbody: %s", err, r.body)
	}
	return r
}

// readAll GETs path and validates it, failing unless the status is 200.
func readAll(t *testing.T, e *Emulator, path string) resp {
	t.Helper()
	r := specCall(t, e, "GET", path, "")
	if r.status != 200 {
		t.Fatalf("GET %s = %d: %s", path, r.status, r.body)
	}
	return r
}

func ids(t *testing.T, r resp) []string {
	t.Helper()
	var out []string
	for _, it := range r.obj(t)["integrations"].([]any) {
		out = append(out, it.(map[string]any)["id"].(string))
	}
	return out
}

// ownIDs are the ids of a GitHub list's github.com items (isSelfHosted false).
func ownIDs(t *testing.T, r resp) []string {
	t.Helper()
	var out []string
	for _, it := range r.obj(t)["integrations"].([]any) {
		if m := it.(map[string]any); m["isSelfHosted"] == false {
			out = append(out, m["id"].(string))
		}
	}
	return out
}

// widenWorld puts objects into every state the renderers distinguish: GitLab
// on a group token as well as user auth, Bitbucket on user auth as well as a
// workspace token, a personal GitHub account, the ADO user token present, a
// Mercurial custom integration with no repositories.
func widenWorld(t *testing.T, e *Emulator) {
	t.Helper()
	for _, c := range []struct{ path, body string }{
		{"/gitlab", `{"gitLabGroupId":7001}`},
		{"/bitbucket", `{"workspaceUuid":"{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}","workspaceSlug":"acme-web","useUserAuth":true}`},
		{"/azure-devops", `{"organizationName":"acme-research","projectId":"c7f8091a-3c5d-4e6f-8a9b-bc2d3e4f5a63"}`},
		{"/custom", `{"name":"Forgejo","baseUrl":"https://forgejo.acme.example/ops","environment":"vcs/forgejo","vcsType":"hg"}`},
		{"/github/claim", `{"installationId":41000004}`},
	} {
		if r := specCall(t, e, "POST", c.path, c.body); r.status/100 != 2 {
			t.Fatalf("POST %s = %d: %s", c.path, r.status, r.body)
		}
	}
	s := specCall(t, e, "POST", "/azure-devops/oauth/initiate", `{"provider":{"name":"azure"}}`).obj(t)
	if r := specCall(t, e, "POST", "/azure-devops/oauth/complete",
		`{"provider":{"name":"azure"},"sessionID":"`+s["sessionID"].(string)+`","code":"c"}`); r.status != 200 {
		t.Fatalf("OAuth complete = %d: %s", r.status, r.body)
	}
}

// TestReadEndpointsMatchSpec drives every read endpoint of the document.
func TestReadEndpointsMatchSpec(t *testing.T) {
	e := newEmu(t, Options{PageSize: 7})
	widenWorld(t, e)
	covered := map[string]bool{}
	v := validator(t)
	mark := func(path string) {
		op, ok := v.Find("GET", integrationsPath+path)
		if !ok {
			t.Fatalf("GET %s is in no operation of the document", path)
		}
		covered[op.OperationID] = true
	}
	get := func(path string) resp {
		t.Helper()
		mark(path)
		return readAll(t, e, path)
	}

	summaries := get("").obj(t)["integrations"].([]any)
	providers := map[string]bool{}
	for _, s := range summaries {
		providers[s.(map[string]any)["vcsProvider"].(string)] = true
	}
	for _, p := range []string{"github", "github_enterprise", "gitlab", "bitbucket", "azure_devops", "custom"} {
		if !providers[p] {
			t.Errorf("GET /integrations has no %s integration", p)
		}
	}

	provider := map[string]string{
		"github": "github", "github-enterprise": "github_enterprise", "gitlab": "gitlab",
		"bitbucket": "bitbucket", "azure-devops": "azure_devops", "custom": "custom",
	}
	kinds := make([]string, 0, len(provider))
	for k := range provider {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, kind := range kinds {
		list := get("/" + kind)
		items := ids(t, list)
		if len(items) == 0 {
			t.Fatalf("no %s integrations", kind)
		}
		if kind == "github" { // its self-hosted items are read under github-enterprise
			items = ownIDs(t, list)
		}
		for _, id := range items {
			get("/" + kind + "/" + id)
			base := "/" + provider[kind] + "/" + url.PathEscape(id) + "/repos"
			// Every page, following the string token as the integer page.
			var repos []any
			for page, n := "", 0; ; n++ {
				path := base
				if page != "" {
					path += "?page=" + page
				}
				m := get(path).obj(t)
				repos = append(repos, m["repos"].([]any)...)
				next, _ := m["nextPageToken"].(string)
				if next == "" {
					break
				}
				if n > 100 {
					t.Fatalf("%s: more than 100 pages", base)
				}
				page = next
			}
			if len(repos) == 0 {
				continue
			}
			repoID := repos[0].(map[string]any)["id"].(string)
			get(base + "/" + url.PathEscape(repoID) + "/branches")
			get(base + "/destinations")
		}
	}

	for _, kind := range []string{"github", "gitlab", "bitbucket", "azure-devops"} {
		get("/" + kind + "/access-status")
	}
	for _, o := range get("/azure-devops/setup/organizations").arr(t) {
		get("/azure-devops/setup/organizations/" + url.PathEscape(o.(map[string]any)["name"].(string)) + "/projects")
	}
	if n := len(get("/github/claimable").obj(t)["installations"].([]any)); n == 0 {
		t.Error("the seeded world offers no claimable installation")
	}
	for _, id := range ids(t, get("/github-enterprise")) {
		get("/github-enterprise/" + id + "/user-auth")
		get("/github-enterprise/" + id + "/user-auth/authorize")
		get("/github-enterprise/" + id + "/user-auth/members")
	}

	// Every GET of the document was driven.
	for _, op := range v.Operations() {
		if op.Method == "GET" && !covered[op.OperationID] {
			t.Errorf("read endpoint %s (%s) not driven", op.OperationID, op.Path)
		}
	}
}

// TestWriteAnswersMatchSpec holds the answers of the writes that answer with
// a body (claim, custom create and update) and the 204s to the document.
func TestWriteAnswersMatchSpec(t *testing.T) {
	e := newEmu(t, Options{})
	ghe := firstID(t, e, "github-enterprise")
	gh := firstID(t, e, "github")
	custom := firstID(t, e, "custom")
	for _, c := range []struct {
		method, path, body string
		status             int
	}{
		{"POST", "/github", "", 200},
		{"POST", "/github/claim", `{"installationId":41000002}`, 200},
		{"POST", "/github/claim", `{"installationId":41000002}`, 200},
		{"PATCH", "/github/" + gh, `{"disableDraftPRComments":true,"individualAuthEnabled":true}`, 204},
		{"PATCH", "/github-enterprise/" + ghe, `{"disableDraftPRComments":true}`, 204},
		{"POST", "/custom", `{"name":"Gitea","baseUrl":"https://gitea.acme.example/org","environment":"vcs/gitea"}`, 201},
		{"PATCH", "/custom/" + custom, `{"name":"Renamed"}`, 200},
		{"PATCH", "/custom/" + custom, `{"regenerateWebhookSecret":true}`, 200},
		{"POST", "/custom/" + custom + "/repos", `{"name":"ops/new","displayName":"New"}`, 204},
		{"DELETE", "/custom/" + custom + "/repos", `{"name":"ops/new"}`, 204},
		{"DELETE", "/github-enterprise/" + ghe + "/user-auth", "", 204},
		{"DELETE", "/custom/" + custom, "", 204},
	} {
		if r := specCall(t, e, c.method, c.path, c.body); r.status != c.status {
			t.Errorf("%s %s = %d, want %d: %s", c.method, c.path, r.status, c.status, r.body)
		}
	}
}

// TestErrorAnswersMatchSpec produces every error status the document lists
// (the document gives them no body schema, so the status itself is what is
// checked) and fails if one is left out, so a newly documented error gets a
// case here.
func TestErrorAnswersMatchSpec(t *testing.T) {
	e := newEmu(t, Options{})
	gh, ghe := firstID(t, e, "github"), firstID(t, e, "github-enterprise")
	gl, bb := firstID(t, e, "gitlab"), firstID(t, e, "bitbucket")
	custom := firstID(t, e, "custom")
	if err := e.PatchIntegration(org, "github-enterprise", ghe, map[string]any{"usedByMultipleOrgs": true}); err != nil {
		t.Fatal(err)
	}
	if err := e.PatchIntegration(org, "gitlab", gl, map[string]any{"accessSuspended": true}); err != nil {
		t.Fatal(err)
	}
	repo := call(t, e, "GET", "/custom/"+custom+"/repos", "").obj(t)["repos"].([]any)[0].(map[string]any)["id"].(string)
	cases := []struct {
		method, path, body string
		status             int
		setup              func()
	}{
		{method: "POST", path: "/azure-devops", body: `{"organizationName":"acmecorp"}`, status: 400},
		{method: "POST", path: "/azure-devops", body: `{"organizationName":"acmecorp","projectId":"` + SeedIntegratedADOProjectID + `"}`, status: 409},
		{method: "POST", path: "/azure-devops/oauth/complete", body: `{"provider":{"name":"azure"},"sessionID":"unknown","code":"c"}`, status: 400},
		{method: "POST", path: "/azure-devops/oauth/initiate", body: `{"provider":{"name":"gcp"}}`, status: 400},
		{method: "DELETE", path: "/azure-devops/nope", status: 404},
		{method: "GET", path: "/azure-devops/nope", status: 404},
		{method: "PATCH", path: "/azure-devops/nope", body: `{}`, status: 404},
		{method: "PATCH", path: "/azure-devops/" + firstID(t, e, "azure-devops"), body: `{"disablePRComments":"yes"}`, status: 400},
		{method: "POST", path: "/bitbucket", body: `{"workspaceUuid":"{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}","workspaceSlug":"acme-web"}`, status: 400},
		{method: "POST", path: "/bitbucket", body: `{"workspaceUuid":"{2e8b3a4c-5d6f-4e7a-8b12-c3d4e5f6a7b3}","workspaceSlug":"acme-tools","useUserAuth":true}`, status: 409},
		{method: "GET", path: "/bitbucket/nope", status: 404},
		{method: "PATCH", path: "/bitbucket/nope", body: `{}`, status: 404},
		{method: "POST", path: "/custom", body: `{"name":"x","baseUrl":"https://x","environment":"p/e","vcsType":"svn"}`, status: 400},
		{method: "POST", path: "/custom", body: `{"name":"` + SeedCustomName + `","baseUrl":"https://x","environment":"p/e"}`, status: 409},
		{method: "DELETE", path: "/custom/nope", status: 404},
		{method: "GET", path: "/custom/nope", status: 404},
		{method: "PATCH", path: "/custom/" + custom, body: `{"environment":"no-slash"}`, status: 400},
		{method: "PATCH", path: "/custom/nope", body: `{}`, status: 404},
		{method: "DELETE", path: "/custom/" + custom + "/repos", body: `{"name":"not/there"}`, status: 404},
		{method: "POST", path: "/custom/nope/repos", body: `{"name":"a/b"}`, status: 404},
		{method: "POST", path: "/custom/" + custom + "/repos", body: `{"name":"` + repo + `"}`, status: 409},
		{method: "DELETE", path: "/github-enterprise/" + ghe, status: 400},
		{method: "DELETE", path: "/github-enterprise/nope", status: 404},
		{method: "GET", path: "/github-enterprise/nope", status: 404},
		{method: "PATCH", path: "/github-enterprise/nope", body: `{}`, status: 404},
		{method: "DELETE", path: "/github-enterprise/nope/user-auth", status: 404},
		{method: "GET", path: "/github-enterprise/nope/user-auth", status: 404},
		{method: "GET", path: "/github-enterprise/nope/user-auth/authorize", status: 404},
		{method: "GET", path: "/github-enterprise/nope/user-auth/members", status: 404},
		{method: "POST", path: "/github/claim", body: `{"installationId":41000003}`, status: 403, setup: func() { mustOK(t, e.SetCallerVerified(org, false)) }},
		{method: "POST", path: "/github/claim", body: `{"installationId":999}`, status: 404, setup: func() { mustOK(t, e.SetCallerVerified(org, true)) }},
		{method: "POST", path: "/github/claim", body: fmt.Sprintf(`{"installationId":%d}`, SeedOtherOrgInstallationID), status: 409},
		{method: "DELETE", path: "/github/" + gh, status: 400, setup: func() {
			if err := e.PatchIntegration(org, "github", gh, map[string]any{"usedByMultipleOrgs": true}); err != nil {
				t.Fatal(err)
			}
		}},
		{method: "DELETE", path: "/github/nope", status: 404},
		{method: "GET", path: "/github/nope", status: 404},
		{method: "PATCH", path: "/github/nope", body: `{}`, status: 404},
		{method: "POST", path: "/gitlab", body: `{"gitLabGroupId":9999}`, status: 400},
		{method: "POST", path: "/gitlab", body: `{"gitLabGroupId":7003}`, status: 409},
		{method: "DELETE", path: "/gitlab/nope", status: 404},
		{method: "GET", path: "/gitlab/nope", status: 404},
		{method: "PATCH", path: "/gitlab/nope", body: `{}`, status: 404},
		{method: "GET", path: "/github/" + gh + "/repos?page=0", status: 400},
		{method: "GET", path: "/gitlab/" + gl + "/repos", status: 403},
		{method: "GET", path: "/gitlab/nope/repos", status: 404},
		{method: "GET", path: "/generic/" + custom + "/repos", status: 400},
		{method: "GET", path: "/generic/" + custom + "/repos/destinations", status: 400},
		{method: "GET", path: "/bitbucket/nope/repos/destinations", status: 404},
		{method: "GET", path: "/generic/" + bb + "/repos/nope/branches", status: 400},
		{method: "GET", path: "/bitbucket/nope/repos/x/branches", status: 404},
	}
	v := validator(t)
	covered := map[string]bool{}
	for _, c := range cases {
		if c.setup != nil {
			c.setup()
		}
		uri := integrationsPath + c.path
		op, ok := v.Find(c.method, uri)
		if !ok {
			t.Fatalf("%s %s is in no operation", c.method, c.path)
		}
		r := call(t, e, c.method, c.path, c.body)
		if r.status != c.status {
			t.Errorf("%s %s = %d, want %d: %s", c.method, c.path, r.status, c.status, r.body)
			continue
		}
		if err := v.ValidateResponse(c.method, uri, r.status, r.header, r.body); err != nil {
			t.Errorf("%s %s: %v", c.method, c.path, err)
		}
		wantError(t, r, c.status, "")
		covered[fmt.Sprintf("%s %d", op.OperationID, c.status)] = true
	}

	// An unknown org needs a request outside the org's integrations.
	r := raw(t, e, "GET", "/api/console/orgs/nope/integrations", "", "token "+DefaultToken)
	if err := v.ValidateResponse("GET", "/api/console/orgs/nope/integrations", r.status, r.header, r.body); err != nil || r.status != 404 {
		t.Errorf("unknown org: %d %v", r.status, err)
	}
	covered["ListAllVCSIntegrations 404"] = true
	// The document gives GitHub access status both hasIntegration: false and
	// a 404 "GitHub App integration not found" with no way to tell when
	// each applies; the emulator answers the first (a 200) and the
	// provider must handle both.
	for _, skip := range []string{"GetGitHubAccess 404"} {
		if covered[skip] {
			t.Errorf("%s is produced now: take it out of the exceptions", skip)
		}
		covered[skip] = true
	}
	documented := map[string]bool{}
	for _, want := range documentedErrors(t) {
		documented[want] = true
		if !covered[want] {
			t.Errorf("documented error %s is never produced", want)
		}
	}
	for c := range covered {
		if !documented[c] {
			t.Errorf("%s is not an error the document lists", c)
		}
	}
}

// documentedErrors lists "OperationId status" for every non-2xx response of
// the document.
func documentedErrors(t *testing.T) []string {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string                     `json:"operationId"`
			Responses   map[string]json.RawMessage `json:"responses"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(spec.Document, &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, item := range doc.Paths {
		for _, op := range item {
			for status := range op.Responses {
				if status[0] != '2' {
					out = append(out, op.OperationID+" "+status)
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
