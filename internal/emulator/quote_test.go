package emulator

import (
	"strings"
	"testing"
)

// QuoteRequestInErrors: an error answer quotes the request, secret and all,
// in its message and under a key of its own; a success is untouched, and
// without the option nothing is quoted.
func TestQuoteRequestInErrors(t *testing.T) {
	const token = "bb-quoted-7c1e"
	bad := `{"workspaceUuid":"{no-such-workspace}","workspaceSlug":"nope","workspaceAccessToken":"` + token + `"}`
	good := `{"workspaceUuid":"{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}","workspaceSlug":"acme-mobile","workspaceAccessToken":"` + token + `"}`

	e := newEmu(t, Options{QuoteRequestInErrors: true})
	r := call(t, e, "POST", "/bitbucket", bad)
	if r.status < 400 {
		t.Fatalf("status %d, want an error answer", r.status)
	}
	m := r.obj(t)
	msg, _ := m["message"].(string)
	quote, _ := m["request"].(string)
	if !strings.Contains(msg, "(request: POST /api/console/orgs/acme/integrations/bitbucket "+bad+")") || quote == "" || !strings.Contains(quote, token) {
		t.Errorf("error answer %s, want the request quoted in message and request", r.body)
	}
	if code, _ := m["code"].(float64); int(code) != r.status {
		t.Errorf("code %v, want %d: the error shape must stay the spec's", m["code"], r.status)
	}
	// A fault is an error answer too.
	e.FailNext(1, 503, 0, false)
	if r := call(t, e, "POST", "/bitbucket", good); r.status != 503 || !strings.Contains(string(r.body), token) {
		t.Errorf("fault: %d %s, want a 503 quoting the request", r.status, r.body)
	}
	if r := call(t, e, "POST", "/bitbucket", good); r.status != 204 || len(r.body) != 0 {
		t.Errorf("success: %d %q, want 204 with no body", r.status, r.body)
	}
	// The log still shows the secret redacted.
	for _, rec := range e.Requests() {
		if strings.Contains(rec.Body, token) {
			t.Errorf("the request log holds the secret: %s", rec.Body)
		}
	}

	plain := newEmu(t, Options{})
	if r := call(t, plain, "POST", "/bitbucket", bad); r.status < 400 || strings.Contains(string(r.body), token) {
		t.Errorf("without the option: %d %s, want an error that quotes nothing", r.status, r.body)
	}
}
