package emulator

import (
	"fmt"
	"path/filepath"
	"testing"
)

func claimable(t *testing.T, e *Emulator) map[int64]bool {
	t.Helper()
	out := map[int64]bool{}
	for _, it := range call(t, e, "GET", "/github/claimable", "").obj(t)["installations"].([]any) {
		out[int64(it.(map[string]any)["installationId"].(float64))] = true
	}
	return out
}

func claim(t *testing.T, e *Emulator, id int64) resp {
	t.Helper()
	return call(t, e, "POST", "/github/claim", fmt.Sprintf(`{"installationId":%d}`, id))
}

// Installations move between states out of band (the HTTP control), and the
// claim answers follow: unlinked → claimable and claimed (then idempotent),
// another org → 409, absent → 404, unverified caller → 403 and nothing
// claimable. A failed claim changes nothing.
func TestClaimFollowsInstallationState(t *testing.T) {
	e := newEmu(t, Options{})
	const fresh = 43000001
	put := func(id int64, body string) {
		t.Helper()
		if r := raw(t, e, "PUT", fmt.Sprintf("/_emulator/orgs/acme/github/installations/%d", id), body, ""); r.status != 204 {
			t.Fatalf("control PUT installation %d: %d %s", id, r.status, r.body)
		}
	}
	wantError(t, claim(t, e, fresh), 404, "GitHub App installation not found")
	put(fresh, `{"state":"unlinked","accountName":"marketplace-co"}`)
	if !claimable(t, e)[fresh] {
		t.Fatal("a Marketplace installation is not claimable")
	}

	if r := raw(t, e, "PUT", "/_emulator/orgs/acme/github/caller", `{"verified":false}`, ""); r.status != 204 {
		t.Fatalf("control caller: %d %s", r.status, r.body)
	}
	if len(claimable(t, e)) != 0 {
		t.Error("an unverified caller is offered installations")
	}
	wantError(t, claim(t, e, fresh), 403, "")
	before := len(e.Integrations(org, "github"))
	raw(t, e, "PUT", "/_emulator/orgs/acme/github/caller", `{"verified":true}`, "")
	if len(e.Integrations(org, "github")) != before {
		t.Fatal("a 403 claim changed the integrations")
	}

	r := claim(t, e, fresh)
	if r.status != 200 || r.obj(t)["accountName"] != "marketplace-co" {
		t.Fatalf("claim: %d %s", r.status, r.body)
	}
	id := r.obj(t)["id"].(string)
	if again := claim(t, e, fresh); again.status != 200 || again.obj(t)["id"] != id {
		t.Fatalf("second claim: %d %s", again.status, again.body)
	}
	if claimable(t, e)[fresh] {
		t.Error("a claimed installation is still claimable")
	}
	if m := call(t, e, "GET", "/github/"+id, ""); m.status != 200 {
		t.Fatalf("claimed integration: %d", m.status)
	}

	// Linked here, then moved to another org: the integration goes and a
	// claim answers 409; uninstalled, 404.
	put(fresh, `{"state":"other-org"}`)
	if _, ok := e.Integration(org, "github", id); ok {
		t.Fatal("an installation moved to another org is still integrated here")
	}
	wantError(t, claim(t, e, fresh), 409, "The installation is already linked to another organization")
	wantError(t, claim(t, e, SeedOtherOrgInstallationID), 409, "")
	put(fresh, `{"state":"absent"}`)
	wantError(t, claim(t, e, fresh), 404, "")
	// An Enterprise installation can't be claimed through /github.
	wantError(t, claim(t, e, PendingGHEInstallationIDs[0]), 404, "")

	for _, body := range []string{`{"state":"linked"}`, `{}`} {
		if r := raw(t, e, "PUT", "/_emulator/orgs/acme/github/installations/1", body, ""); r.status != 400 {
			t.Errorf("control PUT %s: %d, want 400", body, r.status)
		}
	}
	if r := raw(t, e, "PUT", "/_emulator/orgs/nope/github/caller", `{"verified":true}`, ""); r.status != 404 {
		t.Errorf("control caller for an unknown org: %d", r.status)
	}
}

// Destinations: one page by default; paged on request; and a server that
// ignores ?page, answering the first page (with its token) every time.
func TestDestinationsPaging(t *testing.T) {
	e := newEmu(t, Options{})
	gh := firstID(t, e, "github")
	dest := func(query string) map[string]any {
		t.Helper()
		r := call(t, e, "GET", "/github/"+gh+"/repos/destinations"+query, "")
		if r.status != 200 {
			t.Fatalf("destinations%s: %d %s", query, r.status, r.body)
		}
		return r.obj(t)
	}
	names := func(m map[string]any) string {
		out := ""
		for _, r := range m["repos"].([]any) {
			out += r.(map[string]any)["id"].(string) + " "
		}
		return out
	}
	one := dest("")
	if len(one["repos"].([]any)) != destinationCount || one["nextPageToken"] != nil {
		t.Fatalf("single page: %v", one)
	}

	if r := raw(t, e, "PUT", "/_emulator/destinations", `{"mode":"paged","pageSize":3}`, ""); r.status != 204 {
		t.Fatalf("control destinations: %d %s", r.status, r.body)
	}
	p1, p2 := dest(""), dest("?page=2")
	if len(p1["repos"].([]any)) != 3 || p1["nextPageToken"] != "2" || len(p2["repos"].([]any)) != 1 || p2["nextPageToken"] != nil {
		t.Fatalf("paged: %v then %v", p1, p2)
	}
	if names(p1)+names(p2) != names(one) {
		t.Fatalf("pages %q + %q are not the single page %q", names(p1), names(p2), names(one))
	}

	if err := e.SetDestinationsPaging(DestinationsIgnorePage, 0); err != nil {
		t.Fatal(err)
	}
	a, b := dest(""), dest("?page=2")
	if a["nextPageToken"] != "2" || b["nextPageToken"] != "2" || names(a) != names(b) || len(a["repos"].([]any)) != defaultDestinationsPageSize {
		t.Fatalf("ignore-page: %v then %v", a, b)
	}
	if r := raw(t, e, "PUT", "/_emulator/destinations", `{"mode":"sometimes"}`, ""); r.status != 400 {
		t.Fatalf("bad mode: %d", r.status)
	}
}

// Custom VCS: validation, name conflicts (409 on create, 400 on rename), the
// configured repositories as the integration's repos, drift from the control
// surface, and persistence (with only the secret's digest).
func TestCustomVCS(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	e := newEmu(t, Options{StateFile: file})
	const ok = `"baseUrl":"https://git.acme.example/x","environment":"p/e"`
	for _, body := range []string{
		`{` + ok + `}`,
		`{"name":" ",` + ok + `}`,
		`{"name":"n","baseUrl":"git.acme.example/x","environment":"p/e"}`,
		`{"name":"n","baseUrl":"https://git.acme.example/x","environment":"p"}`,
		`{"name":"n","baseUrl":"https://git.acme.example/x","environment":"p/e/x"}`,
		`{"name":"n",` + ok + `,"vcsType":"svn"}`,
		`{"name":1}`,
	} {
		wantError(t, call(t, e, "POST", "/custom", body), 400, "Invalid request: missing required fields or invalid vcsType")
	}
	wantError(t, call(t, e, "POST", "/custom", `{"name":"`+SeedCustomName+`",`+ok+`}`), 409, "")

	r := call(t, e, "POST", "/custom", `{"name":"Other",`+ok+`,"vcsType":"hg"}`)
	if r.status != 201 || r.obj(t)["vcsType"] != "hg" {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	other, secret := r.obj(t)["id"].(string), r.obj(t)["webhookSecret"].(string)
	seeded := firstID(t, e, "custom")
	wantError(t, call(t, e, "PATCH", "/custom/"+other, `{"name":"`+SeedCustomName+`"}`), 400, "")
	wantError(t, call(t, e, "PATCH", "/custom/"+other, `{"baseUrl":"nope"}`), 400, "")

	for _, name := range []string{"ops/a", "ops/b"} {
		if r := call(t, e, "POST", "/custom/"+other+"/repos", `{"name":"`+name+`"}`); r.status != 204 {
			t.Fatalf("add %s: %d %s", name, r.status, r.body)
		}
	}
	wantError(t, call(t, e, "POST", "/custom/"+other+"/repos", `{"name":"ops/a"}`), 409, "")
	wantError(t, call(t, e, "POST", "/custom/"+other+"/repos", `{}`), 400, "")
	wantError(t, call(t, e, "DELETE", "/custom/"+other+"/repos", `{"name":"ops/zzz"}`), 404, "")
	repos := call(t, e, "GET", "/custom/"+other+"/repos", "").obj(t)["repos"].([]any)
	if len(repos) != 2 || repos[1].(map[string]any)["owner"] != "ops" || repos[1].(map[string]any)["name"] != "b" {
		t.Fatalf("custom repos: %v", repos)
	}
	if b := call(t, e, "GET", "/custom/"+other+"/repos/ops%2Fa/branches", ""); b.status != 200 {
		t.Fatalf("branches of a custom repo: %d %s", b.status, b.body)
	}

	if err := e.PatchIntegration(org, "custom", seeded, map[string]any{"environment": "vcs/drifted"}); err != nil {
		t.Fatal(err)
	}
	if err := e.PatchIntegration(org, "custom", seeded, map[string]any{"name": 3}); err == nil {
		t.Fatal("a non-string name was accepted")
	}
	if err := e.PatchIntegration(org, "custom", seeded, map[string]any{"webhookSecret": "x"}); err == nil {
		t.Fatal("the webhook secret was patchable")
	}
	if m := call(t, e, "GET", "/custom/"+seeded, "").obj(t); m["environment"] != "vcs/drifted" {
		t.Fatalf("drift not visible: %v", m)
	}
	// The provider's update takes drift back (it is stored, not laid over).
	call(t, e, "PATCH", "/custom/"+seeded, `{"environment":"`+SeedCustomEnvironment+`"}`)
	if m := call(t, e, "GET", "/custom/"+seeded, "").obj(t); m["environment"] != SeedCustomEnvironment {
		t.Fatalf("update after drift: %v", m)
	}

	check := raw(t, e, "POST", "/_emulator/orgs/acme/custom/"+other+"/webhook-secret/check", `{"secret":"`+secret+`"}`, "")
	if check.status != 200 || check.obj(t)["matches"] != true {
		t.Fatalf("control secret check: %d %s", check.status, check.body)
	}
	e2 := newEmu(t, Options{StateFile: file})
	if !e2.WebhookSecretMatches(org, other, secret) || e2.WebhookSecretMatches(org, other, "") {
		t.Fatal("the secret's digest did not survive a restart")
	}
	if m := call(t, e2, "GET", "/custom/"+other, "").obj(t); len(m["repositories"].([]any)) != 2 || m["name"] != "Other" {
		t.Fatalf("after restart: %v", m)
	}
	if r := call(t, e2, "DELETE", "/custom/"+other, ""); r.status != 204 {
		t.Fatalf("delete: %d", r.status)
	}
	wantError(t, call(t, e2, "GET", "/custom/"+other, ""), 404, "Custom VCS integration not found")
	wantError(t, call(t, e2, "GET", "/custom/"+other+"/repos", ""), 404, "")
}

// Created and claimed integrations honour the visibility delay too.
func TestVisibilityDelayClaimAndCustom(t *testing.T) {
	e := newEmu(t, Options{CreateVisibilityDelay: 1 << 40})
	r := call(t, e, "POST", "/custom", `{"name":"Hidden","baseUrl":"https://g.example/x","environment":"p/e"}`)
	if r.status != 201 {
		t.Fatalf("create: %d %s", r.status, r.body)
	}
	wantError(t, call(t, e, "GET", "/custom/"+r.obj(t)["id"].(string), ""), 404, "")
	c := claim(t, e, PendingGitHubInstallationIDs[0])
	if c.status != 200 {
		t.Fatalf("claim: %d %s", c.status, c.body)
	}
	wantError(t, call(t, e, "GET", "/github/"+c.obj(t)["id"].(string), ""), 404, "")
}
