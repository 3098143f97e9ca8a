package emulator

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverReachTheLog sends every secret the document's requests
// carry through its endpoint, and receives every secret the emulator hands
// out, then searches everything the control surface serves (and the state
// file) for each value. The request log still shows that the field was sent.
func TestSecretsNeverReachTheLog(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	e := newEmu(t, Options{StateFile: file})
	secrets := map[string]string{}

	const token = "ATBB-workspace-token-do-not-log"
	secrets["workspaceAccessToken"] = token
	if r := call(t, e, "POST", "/bitbucket", `{"workspaceUuid":"{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}","workspaceSlug":"acme-mobile","workspaceAccessToken":"`+token+`"}`); r.status != 204 {
		t.Fatalf("bitbucket create: %d %s", r.status, r.body)
	}

	const code = "oauth-code-do-not-log"
	secrets["code"] = code
	session := call(t, e, "POST", "/azure-devops/oauth/initiate", `{"provider":{"name":"azure"}}`).obj(t)["sessionID"].(string)
	if r := call(t, e, "POST", "/azure-devops/oauth/complete", `{"provider":{"name":"azure"},"sessionID":"`+session+`","code":"`+code+`"}`); r.status != 200 {
		t.Fatalf("OAuth complete: %d %s", r.status, r.body)
	}
	// A secret in a malformed body, and in a query string.
	const stray = "stray-secret-do-not-log"
	secrets["malformed body"] = stray
	call(t, e, "POST", "/azure-devops/oauth/complete", `{"code":"`+stray+`",`)
	call(t, e, "GET", "/github?code="+stray, "")

	created := call(t, e, "POST", "/custom", `{"name":"Forgejo","baseUrl":"https://forgejo.acme.example/ops","environment":"vcs/forgejo"}`)
	if created.status != 201 {
		t.Fatalf("custom create: %d %s", created.status, created.body)
	}
	m := created.obj(t)
	id := m["id"].(string)
	secrets["webhookSecret (create)"] = m["webhookSecret"].(string)
	regen := call(t, e, "PATCH", "/custom/"+id, `{"regenerateWebhookSecret":true}`).obj(t)
	secrets["webhookSecret (regenerate)"] = regen["webhookSecret"].(string)
	// A client that echoes the secret back must not get it logged either.
	call(t, e, "PATCH", "/custom/"+id, `{"name":"Forgejo","webhookSecret":"`+secrets["webhookSecret (regenerate)"]+`"}`)

	var served strings.Builder
	get := func(path string) {
		r := raw(t, e, "GET", path, "", "")
		if r.status != 200 {
			t.Fatalf("control GET %s = %d: %s", path, r.status, r.body)
		}
		served.Write(r.body)
	}
	get("/_emulator/requests")
	for _, kind := range []string{"github", "github-enterprise", "gitlab", "bitbucket", "azure-devops", "custom"} {
		get("/_emulator/orgs/acme/integrations/" + kind)
		for _, it := range e.Integrations(org, kind) {
			get("/_emulator/orgs/acme/integrations/" + kind + "/" + it["id"].(string))
		}
	}
	state, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for what, secret := range secrets {
		if secret == "" {
			t.Fatalf("%s: no secret to look for", what)
		}
		if strings.Contains(served.String(), secret) {
			t.Errorf("%s reached the control surface", what)
		}
		if strings.Contains(string(state), secret) {
			t.Errorf("%s reached the state file", what)
		}
	}
	for _, path := range []string{"/custom", "/custom/" + id} {
		if r := call(t, e, "GET", path, ""); strings.Contains(string(r.body), "webhookSecret") {
			t.Errorf("GET %s answers a webhook secret: %s", path, r.body)
		}
	}
	// What was sent stays visible, as redacted, and can be checked by value.
	var bitbucket, complete string
	for _, rec := range e.Requests() {
		switch {
		case rec.Path == integrationsPath+"/bitbucket":
			bitbucket = rec.Body
		case rec.Path == integrationsPath+"/azure-devops/oauth/complete" && rec.Status == 200:
			complete = rec.Body
		}
	}
	if !strings.Contains(bitbucket, `"workspaceAccessToken":"`+Redacted+`"`) || !strings.Contains(bitbucket, `"workspaceSlug":"acme-mobile"`) {
		t.Errorf("bitbucket create recorded as %s", bitbucket)
	}
	if !strings.Contains(complete, `"code":"`+Redacted+`"`) || !strings.Contains(complete, session) {
		t.Errorf("OAuth complete recorded as %s", complete)
	}
	for _, sent := range []string{token, code, stray, secrets["webhookSecret (regenerate)"]} {
		if !e.SecretReceived(sent) {
			t.Errorf("SecretReceived(%q) = false for a secret that was sent", sent)
		}
	}
	if e.SecretReceived(secrets["webhookSecret (create)"]) || e.SecretReceived("") {
		t.Error("SecretReceived is true for a value no request carried")
	}
	if !e.WebhookSecretMatches(org, id, secrets["webhookSecret (regenerate)"]) || e.WebhookSecretMatches(org, id, secrets["webhookSecret (create)"]) {
		t.Error("the emulator does not hold the regenerated secret (and only it)")
	}
}

// A body without a secret is recorded exactly as sent.
func TestRequestBodyRecordedAsSent(t *testing.T) {
	e := newEmu(t, Options{})
	const body = `{ "gitLabGroupId": 7001,  "useUserGitLabAuth": true }`
	call(t, e, "POST", "/gitlab", body)
	if got := e.Requests()[0].Body; got != body {
		t.Fatalf("recorded %q, want %q", got, body)
	}
}

// With CheckSpec the emulator reports requests and answers that break the
// document, and nothing for ones that don't; a secret in a bad request does
// not reach the report.
func TestCheckSpec(t *testing.T) {
	e := newEmu(t, Options{CheckSpec: true})
	widenWorld(t, e) // valid requests, all kinds of answers
	for _, kind := range []string{"github", "gitlab", "bitbucket", "azure-devops", "custom", "github-enterprise"} {
		call(t, e, "GET", "/"+kind, "")
	}
	if v := e.SpecViolations(); len(v) != 0 {
		t.Fatalf("valid traffic reported: %+v", v)
	}

	const token = "ATBB-checked-token-do-not-log"
	call(t, e, "POST", "/bitbucket", `{"workspaceUuid":"{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}","workspaceSlug":"acme-mobile","workspaceAccessToken":"`+token+`","extra":true}`)
	call(t, e, "GET", "/generic/x/repos", "")
	call(t, e, "GET", "/no/such/operation/here/at/all", "")
	call(t, e, "PATCH", "/github/"+firstID(t, e, "github"), `{"disablePRComments":"yes"}`)
	got := e.SpecViolations()
	if len(got) != 4 {
		t.Fatalf("want 4 violations, got %+v", got)
	}
	for i, v := range got {
		if !v.Request || v.Error == "" {
			t.Errorf("violation %d: %+v, want a request violation", i, v)
		}
	}
	if !strings.Contains(got[0].Error, "extra") {
		t.Errorf("the unknown property is not named: %s", got[0].Error)
	}
	r := raw(t, e, "GET", "/_emulator/spec-violations", "", "")
	if r.status != 200 || len(r.arr(t)) != 4 || strings.Contains(string(r.body), token) {
		t.Fatalf("control spec-violations: %d %s", r.status, r.body)
	}

	// An answer that breaks the document (an out-of-band field the schema
	// lacks) is reported too.
	e.ResetRequests()
	if err := e.PatchIntegration(org, "gitlab", firstID(t, e, "gitlab"), map[string]any{"notInTheSchema": 1}); err != nil {
		t.Fatal(err)
	}
	call(t, e, "GET", "/gitlab/"+firstID(t, e, "gitlab"), "")
	if got := e.SpecViolations(); len(got) != 1 || got[0].Request || got[0].Status != 200 || !strings.Contains(got[0].Error, "notInTheSchema") {
		t.Fatalf("answer violation: %+v", got)
	}
}
