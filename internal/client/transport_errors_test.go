package client

import (
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A request that gets no answer says what failed (the name, the handshake,
// the connection) and is a *TransportError, never taken for an API answer.
func TestTransportErrorsSayWhatFailed(t *testing.T) {
	tlsSrv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, `{}`) }))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are the point
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, `{}`) }))
	defer plain.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	_ = ln.Close()

	for _, tc := range []struct {
		name, baseURL, failure, want string
	}{
		{"DNS", "https://no-such-host.invalid", FailureDNS, "the API host no-such-host.invalid could not be resolved (DNS lookup failed)"},
		{"untrusted certificate", tlsSrv.URL, FailureTLS, "the TLS handshake with " + strings.TrimPrefix(tlsSrv.URL, "https://") + " failed"},
		{"plain http on https", strings.Replace(plain.URL, "http://", "https://", 1), FailureTLS, "did not answer TLS"},
		{"connection refused", closed, FailureConnect, "could not connect to " + strings.TrimPrefix(closed, "http://")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := newTestClient(t, tc.baseURL, 0).ListGitLabIntegrations(bg, "acme")
			var te *TransportError
			if !errors.As(err, &te) || te.Failure != tc.failure {
				t.Fatalf("err %v (%T), want a %s *TransportError", err, err, tc.failure)
			}
			if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "GET /api/console/orgs/acme/integrations/gitlab") {
				t.Errorf("err %q, want it to name the request and say %q", err, tc.want)
			}
			if StatusCode(err) != 0 {
				t.Errorf("StatusCode = %d, want 0: nothing answered", StatusCode(err))
			}
		})
	}
}
