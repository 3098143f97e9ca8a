package emulator

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// controlRequest sends a control request with the given Host, Origin,
// Content-Type and control token ("" leaves a header out).
func controlRequest(e *Emulator, method, path, body, host, origin, contentType, token string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Host = host
	for k, v := range map[string]string{"Origin": origin, "Content-Type": contentType, ControlTokenHeader: token} {
		if v != "" {
			req.Header.Set(k, v)
		}
	}
	rec := httptest.NewRecorder()
	e.Handler().ServeHTTP(rec, req)
	return rec
}

// A web page cannot drive the control surface: a foreign Host (DNS
// rebinding), a foreign Origin, or a write that is not JSON (a "simple"
// cross-origin POST, sent without preflight) is refused and changes
// nothing; the same request from a loopback tool goes through.
func TestControlSurfaceRefusesWebPages(t *testing.T) {
	const path, body = "/_emulator/fail-next", `{"n":1,"code":503}`
	for _, tc := range []struct {
		name, host, origin, contentType string
		want                            int
	}{
		{"loopback tool", "127.0.0.1:8383", "", "application/json", http.StatusNoContent},
		{"localhost page", "localhost:8383", "http://localhost:3000", "application/json; charset=utf-8", http.StatusNoContent},
		{"IPv6 loopback", "[::1]:8383", "", "application/json", http.StatusNoContent},
		{"DNS rebinding", "attacker.example:8383", "http://attacker.example:8383", "application/json", http.StatusForbidden},
		{"rebinding without origin", "attacker.example", "", "application/json", http.StatusForbidden},
		{"foreign origin", "127.0.0.1:8383", "https://evil.example", "application/json", http.StatusForbidden},
		{"null origin", "127.0.0.1:8383", "null", "application/json", http.StatusForbidden},
		{"text/plain POST", "127.0.0.1:8383", "", "text/plain", http.StatusUnsupportedMediaType},
		{"form POST", "127.0.0.1:8383", "", "application/x-www-form-urlencoded", http.StatusUnsupportedMediaType},
		{"no content type", "127.0.0.1:8383", "", "", http.StatusUnsupportedMediaType},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEmu(t, Options{})
			rec := controlRequest(e, "POST", path, body, tc.host, tc.origin, tc.contentType, "")
			if rec.Code != tc.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tc.want, rec.Body)
			}
			// The fault was injected exactly when the request was accepted.
			api := call(t, e, "GET", "/gitlab", "")
			if injected := api.status == 503; injected != (tc.want == http.StatusNoContent) {
				t.Errorf("the next API request answered %d: the refused control request took effect, or the accepted one did not", api.status)
			}
		})
	}
	// Reads need no content type, and are guarded by Host too.
	e := newEmu(t, Options{})
	if rec := controlRequest(e, "GET", "/_emulator/requests", "", "127.0.0.1", "", "", ""); rec.Code != 200 {
		t.Errorf("loopback read: %d", rec.Code)
	}
	if rec := controlRequest(e, "GET", "/_emulator/requests", "", "192.168.1.20:8383", "", "", ""); rec.Code != http.StatusForbidden {
		t.Errorf("read through a foreign Host: %d, want 403", rec.Code)
	}
}

// With a control token set, control requests without it are refused.
func TestControlToken(t *testing.T) {
	e := newEmu(t, Options{ControlToken: "ctl-9d2f"})
	for _, tc := range []struct {
		token string
		want  int
	}{{"", http.StatusUnauthorized}, {"wrong", http.StatusUnauthorized}, {"ctl-9d2f", http.StatusNoContent}} {
		rec := controlRequest(e, "PUT", "/_emulator/faults", `{}`, "127.0.0.1", "", "application/json", tc.token)
		if rec.Code != tc.want {
			t.Errorf("token %q: status %d, want %d: %s", tc.token, rec.Code, tc.want, rec.Body)
		}
	}
}

func TestIsLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8383": true, "localhost:0": true, "[::1]:8383": true, "127.1.2.3:80": true,
		":0": false, ":8383": false, "0.0.0.0:8383": false, "[::]:8383": false, "192.168.1.2:8383": false,
		"example.com:80": false, "garbage": false,
	} {
		if got := IsLoopbackAddr(addr); got != want {
			t.Errorf("IsLoopbackAddr(%q) = %v, want %v", addr, got, want)
		}
	}
}
