package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const org = "acme"

func newEmu(t *testing.T, opts Options) *Emulator {
	t.Helper()
	e, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return e
}

type resp struct {
	status int
	header http.Header
	body   []byte
}

// obj decodes the body as a JSON object.
func (r resp) obj(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v: %s", err, r.body)
	}
	return m
}

func (r resp) arr(t *testing.T) []any {
	t.Helper()
	var a []any
	if err := json.Unmarshal(r.body, &a); err != nil {
		t.Fatalf("body is not a JSON array: %v: %s", err, r.body)
	}
	return a
}

// call sends an authenticated API request (path relative to the org's integrations).
func call(t *testing.T, e *Emulator, method, path, body string) resp {
	t.Helper()
	return raw(t, e, method, "/api/console/orgs/"+org+"/integrations"+path, body, "token "+DefaultToken)
}

func raw(t *testing.T, e *Emulator, method, url, body, auth string) resp {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, url, rd)
	req.Host = "127.0.0.1:8383" // httptest's example.com is no loopback name: the control surface refuses it
	if auth != "" {
		req.Header.Set("Authorization", auth)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.Handler().ServeHTTP(rec, req)
	return resp{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// wantError asserts a JSON error answer with that code and message.
func wantError(t *testing.T, r resp, code int, message string) {
	t.Helper()
	if r.status != code {
		t.Fatalf("status = %d, want %d: %s", r.status, code, r.body)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	m := r.obj(t)
	if int(m["code"].(float64)) != code || (message != "" && m["message"] != message) {
		t.Fatalf("error body = %s, want code %d message %q", r.body, code, message)
	}
}

func firstID(t *testing.T, e *Emulator, kind string) string {
	t.Helper()
	list := e.Integrations(org, kind)
	if len(list) == 0 {
		t.Fatalf("no %s integrations", kind)
	}
	return list[0]["id"].(string)
}

// findBy returns the id of the list item whose field equals want.
func findBy(t *testing.T, e *Emulator, kind, field string, want any) string {
	t.Helper()
	for _, m := range e.Integrations(org, kind) {
		if m[field] == want {
			return m["id"].(string)
		}
	}
	return ""
}

func wantKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			t.Errorf("missing field %q in %v", k, m)
		}
	}
}
