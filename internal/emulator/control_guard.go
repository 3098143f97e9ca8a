package emulator

import (
	"crypto/subtle"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// The control surface changes the world without the API token, so it must
// not be reachable from a web page: a page may send a "simple" cross-origin
// POST (text/plain, no preflight) to localhost, and DNS rebinding lets a
// page on a foreign name talk to 127.0.0.1 as if same-origin. So the
// control surface answers only requests that name a loopback host, come
// from no foreign origin, send JSON when they write, and carry the control
// token when one is set (Options.ControlToken).

// ControlTokenHeader carries Options.ControlToken on control requests.
const ControlTokenHeader = "X-Emulator-Control-Token"

// guardControl refuses control requests that fail those checks.
func (e *Emulator) guardControl(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !isLoopbackHost(hostOnly(r.Host)) {
			writeError(w, http.StatusForbidden, "control surface: Host "+quoteHeader(r.Host)+
				" is not a loopback name; use localhost, 127.0.0.1 or [::1]")
			return
		}
		if origin := r.Header.Get("Origin"); origin != "" && !isLoopbackOrigin(origin) {
			writeError(w, http.StatusForbidden, "control surface: requests from origin "+quoteHeader(origin)+" are refused")
			return
		}
		if tok := e.opts.ControlToken; tok != "" &&
			subtle.ConstantTimeCompare([]byte(r.Header.Get(ControlTokenHeader)), []byte(tok)) != 1 {
			writeError(w, http.StatusUnauthorized, "control surface: send the control token in the "+ControlTokenHeader+" header")
			return
		}
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch:
			if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, "control surface: a write must send Content-Type: application/json")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// hostOnly is the host of a Host header value, without port or brackets.
func hostOnly(hostport string) string {
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		return h
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

// isLoopbackHost reports whether host is localhost or a loopback address.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// isLoopbackOrigin reports whether an Origin header names a page served
// from a loopback host ("null", a sandboxed or file page, is foreign).
func isLoopbackOrigin(origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && isLoopbackHost(u.Hostname())
}

// IsLoopbackAddr reports whether a listen address (host:port) binds only
// loopback: an empty host binds every interface.
func IsLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	return err == nil && host != "" && isLoopbackHost(host)
}

// quoteHeader quotes a header value for an error message, bounded.
func quoteHeader(v string) string {
	if len(v) > 100 {
		v = v[:100] + "…"
	}
	return `"` + strings.ToValidUTF8(v, "?") + `"`
}
