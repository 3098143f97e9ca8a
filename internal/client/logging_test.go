package client

import (
	"bytes"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// TestTokenNeverLogged drives requests that log (a success, a retried GET, a
// create carrying a secret, an API error, a transport error) and checks the
// log has the request lines and neither secret.
func TestTokenNeverLogged(t *testing.T) {
	const workspaceSecret = "bb-workspace-secret-77"
	var n atomic.Int64
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/drop"):
			dropConnection(t, w)
		case strings.HasSuffix(r.URL.Path, "/missing"):
			// An echoing server must not get the token into the log either.
			answer(w, 404, `{"code":404,"message":"no integration for `+r.Header.Get("Authorization")+`"}`)
		case r.Method == http.MethodGet && n.Add(1) == 1:
			w.Header().Set("Retry-After", "0")
			answer(w, 503, `{"code":503,"message":"busy"}`)
		case r.Method == http.MethodGet:
			answer(w, 200, gitLabJSON)
		default:
			w.WriteHeader(http.StatusNoContent)
		}
	})

	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(bg, &buf)
	c := newTestClient(t, rec.URL, 2)
	if _, err := c.GetGitLabIntegration(ctx, "acme", "int-1"); err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBitbucketIntegration(ctx, "acme", CreateBitbucketIntegrationRequest{
		WorkspaceUUID: "{u}", WorkspaceSlug: "ws", WorkspaceAccessToken: workspaceSecret,
	}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGitLabIntegration(ctx, "acme", "drop"); err == nil {
		t.Fatal("want a transport error")
	}

	if _, err := c.GetGitLabIntegration(ctx, "acme", "missing"); err == nil || strings.Contains(err.Error(), testToken) {
		t.Errorf("the API error repeats the token: %v", err)
	}

	out := buf.String()
	for _, secret := range []string{testToken, workspaceSecret} {
		if strings.Contains(out, secret) {
			t.Errorf("the log contains the secret %q:\n%s", secret, out)
		}
	}

	entries, err := tflogtest.MultilineJSONDecode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range entries {
		if e["@module"] != "provider."+logSubsystem {
			t.Errorf("entry outside the %s subsystem: %v", logSubsystem, e)
		}
		seen[e["@message"].(string)]++
	}
	for msg, want := range map[string]int{"response": 3, "retrying request": 3, "attempt answered": 1, "request failed": 1} {
		if seen[msg] < want {
			t.Errorf("%q logged %d times, want at least %d; log:\n%s", msg, seen[msg], want, out)
		}
	}
}
