package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestAPIErrorDecoding(t *testing.T) {
	huge := strings.Repeat("x", 1<<20)
	for _, tc := range []struct {
		name, body  string
		wantMessage string
		wantError   string // substring of Error()
	}{
		{"JSON", `{"code":409,"message":"GitLab integration already exists for this group"}`,
			"GitLab integration already exists for this group", "HTTP 409: GitLab integration already exists for this group"},
		{"JSON with padding", "  {\"code\": 404, \"message\": \"  not found  \"}\n", "not found", "HTTP 409: not found"},
		{"JSON without message", `{"code":409}`, `{"code":409}`, `HTTP 409: {"code":409}`},
		{"not JSON", "<html><body>Bad Gateway</body></html>\n", "<html><body>Bad Gateway</body></html>", "HTTP 409: <html>"},
		{"empty", "", "", "HTTP 409: Conflict"},
		{"whitespace", " \n\t", "", "HTTP 409: Conflict"},
		{"invalid UTF-8", "bad \xff\xfe bytes", "bad \uFFFD bytes", "HTTP 409: bad \uFFFD bytes"},
		{"invalid UTF-8 in JSON", "{\"message\":\"m\xffm\"}", "m\uFFFDm", "HTTP 409: m\uFFFDm"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				w.WriteHeader(http.StatusConflict)
				_, _ = w.Write([]byte(tc.body))
			})
			_, err := newTestClient(t, rec.URL, 0).GetGitLabIntegration(bg, "acme", "int-1")
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("err %v, want *APIError", err)
			}
			if apiErr.StatusCode != 409 || apiErr.Message != tc.wantMessage {
				t.Errorf("status %d message %q, want 409 %q", apiErr.StatusCode, apiErr.Message, tc.wantMessage)
			}
			if !strings.Contains(err.Error(), tc.wantError) {
				t.Errorf("Error() = %q, want it to contain %q", err.Error(), tc.wantError)
			}
			if !strings.HasPrefix(err.Error(), "GET /api/console/orgs/acme/integrations/gitlab/int-1: ") {
				t.Errorf("Error() = %q does not name the request", err.Error())
			}
		})
	}

	t.Run("huge body", func(t *testing.T) {
		rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, 502, huge) })
		_, err := newTestClient(t, rec.URL, 0).ListGitLabIntegrations(bg, "acme")
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("err %v, want *APIError", err)
		}
		if n := len(apiErr.Message); n > maxErrorMessage+len("…") || !strings.HasSuffix(apiErr.Message, "…") {
			t.Errorf("message of %d bytes, want at most %d and marked as cut", n, maxErrorMessage+len("…"))
		}
	})
}

func TestDecodeErrorMessageCutsOnRuneBoundary(t *testing.T) {
	msg := decodeErrorMessage([]byte(strings.Repeat("é", maxErrorMessage)))
	if !utf8.ValidString(msg) || len(msg) > maxErrorMessage+len("…") {
		t.Errorf("cut message: valid %v, %d bytes", utf8.ValidString(msg), len(msg))
	}
}

func TestErrorPredicates(t *testing.T) {
	apiErr := func(code int) error { return &APIError{Method: "GET", Path: "/p", StatusCode: code} }
	wrapped := func(err error) error { return fmt.Errorf("reading: %w", err) }
	for _, tc := range []struct {
		name                               string
		err                                error
		status                             int
		notFound, conflict, bad, ambiguous bool
	}{
		{"nil", nil, 0, false, false, false, false},
		{"404", apiErr(404), 404, true, false, false, false},
		{"wrapped 404", wrapped(apiErr(404)), 404, true, false, false, false},
		{"409", wrapped(apiErr(409)), 409, false, true, false, false},
		{"400", apiErr(400), 400, false, false, true, false},
		{"403", apiErr(403), 403, false, false, false, false},
		{"429", apiErr(429), 429, false, false, false, true},
		{"500", apiErr(500), 500, false, false, false, true},
		{"503", wrapped(apiErr(503)), 503, false, false, false, true},
		{"transport", errors.New("connection reset"), 0, false, false, false, true},
		{"deadline", wrapped(context.DeadlineExceeded), 0, false, false, false, true},
		{"refused before sending", fmt.Errorf("%w: empty path segment", ErrInvalidRequest), 0, false, false, false, false},
	} {
		if got := StatusCode(tc.err); got != tc.status {
			t.Errorf("%s: StatusCode %d, want %d", tc.name, got, tc.status)
		}
		if IsNotFound(tc.err) != tc.notFound || IsConflict(tc.err) != tc.conflict || IsBadRequest(tc.err) != tc.bad ||
			IsAmbiguous(tc.err) != tc.ambiguous {
			t.Errorf("%s: IsNotFound %v IsConflict %v IsBadRequest %v IsAmbiguous %v", tc.name,
				IsNotFound(tc.err), IsConflict(tc.err), IsBadRequest(tc.err), IsAmbiguous(tc.err))
		}
	}
}

func TestSuccessWithUndecodableAnswer(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, "<html>captive portal</html>") })
	_, err := newTestClient(t, rec.URL, 0).ListGitLabIntegrations(bg, "acme")
	if err == nil || !strings.Contains(err.Error(), "decoding the answer") {
		t.Fatalf("err %v, want a decoding error", err)
	}
}

// A create is never resent by the transport, so the caller that resends it
// (after looking it up) needs the server's Retry-After: the APIError carries
// it, capped like the transport's own waits.
func TestAPIErrorRetryAfter(t *testing.T) {
	future := time.Now().Add(8 * time.Second).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		name       string
		status     int
		retryAfter string
		want       time.Duration // exact unless between is set
		between    [2]time.Duration
	}{
		{name: "429 seconds", status: 429, retryAfter: "7", want: 7 * time.Second},
		{name: "503 seconds", status: 503, retryAfter: "2", want: 2 * time.Second},
		{name: "429 HTTP date", status: 429, retryAfter: future, between: [2]time.Duration{5 * time.Second, 8 * time.Second}},
		{name: "429 capped", status: 429, retryAfter: "3600", want: 10 * time.Second},
		{name: "429 huge", status: 429, retryAfter: "99999999999999999999", want: 10 * time.Second},
		{name: "429 without", status: 429, want: 0},
		{name: "429 garbage", status: 429, retryAfter: "soon", want: 0},
		{name: "429 negative", status: 429, retryAfter: "-5", want: 0},
		{name: "500 ignores it", status: 500, retryAfter: "7", want: 0},
		{name: "409 ignores it", status: 409, retryAfter: "7", want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				if tc.retryAfter != "" {
					w.Header().Set("Retry-After", tc.retryAfter)
				}
				answer(w, tc.status, `{"code":1,"message":"slow down"}`)
			})
			c, err := New(Config{BaseURL: rec.URL, Token: testToken, Retry: RetryPolicy{RetryAfterCap: 10 * time.Second}})
			if err != nil {
				t.Fatal(err)
			}
			err = c.CreateGitLabIntegration(bg, "acme", CreateGitLabIntegrationRequest{GitLabGroupID: 1})
			var apiErr *APIError
			if !errors.As(err, &apiErr) || apiErr.StatusCode != tc.status {
				t.Fatalf("err %v, want an *APIError with HTTP %d", err, tc.status)
			}
			if rec.count() != 1 {
				t.Errorf("%d requests, want 1 (a create is never resent by the transport)", rec.count())
			}
			got := apiErr.RetryAfter
			if tc.between != [2]time.Duration{} {
				if got < tc.between[0] || got > tc.between[1] {
					t.Errorf("RetryAfter %s, want between %s and %s", got, tc.between[0], tc.between[1])
				}
			} else if got != tc.want {
				t.Errorf("RetryAfter %s, want %s", got, tc.want)
			}
			if wrapped := fmt.Errorf("creating: %w", err); RetryAfter(wrapped) != got {
				t.Errorf("RetryAfter(wrapped) = %s, want %s", RetryAfter(wrapped), got)
			}
		})
	}
	if RetryAfter(nil) != 0 || RetryAfter(errors.New("connection reset")) != 0 {
		t.Error("RetryAfter of a non-API error must be 0")
	}
}

// The default cap is DefaultRetryPolicy's.
func TestAPIErrorRetryAfterDefaultCap(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "86400")
		answer(w, 429, "")
	})
	c, err := New(Config{BaseURL: rec.URL, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	// A 429 is retried by time: a deadline shorter than the (capped) wait
	// hands the answer straight back.
	ctx, cancel := context.WithTimeout(bg, time.Second)
	defer cancel()
	_, err = c.ListGitLabIntegrations(ctx, "acme")
	if got := RetryAfter(err); got != DefaultRetryPolicy.RetryAfterCap {
		t.Errorf("RetryAfter %s, want the default cap %s", got, DefaultRetryPolicy.RetryAfterCap)
	}
}
