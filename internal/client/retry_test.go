package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// idempotentCalls are the retried methods: a GET, a PATCH and a DELETE.
var idempotentCalls = map[string]func(*Client) error{
	"GET": func(c *Client) error {
		_, err := c.GetGitLabIntegration(bg, "acme", "int-1")
		return err
	},
	"PATCH": func(c *Client) error {
		return c.UpdateGitLabIntegration(bg, "acme", "int-1", UpdateGitLabIntegrationRequest{DisablePRComments: ptr(false)})
	},
	"DELETE": func(c *Client) error { return c.DeleteGitLabIntegration(bg, "acme", "int-1") },
}

// postCalls are every POST the client makes: none may ever be resent.
var postCalls = map[string]func(*Client) error{
	"CreateGitLabIntegration": func(c *Client) error {
		return c.CreateGitLabIntegration(bg, "acme", CreateGitLabIntegrationRequest{GitLabGroupID: 1})
	},
	"CreateBitbucketIntegration": func(c *Client) error {
		return c.CreateBitbucketIntegration(bg, "acme", CreateBitbucketIntegrationRequest{WorkspaceUUID: "{u}", WorkspaceSlug: "s"})
	},
	"CreateAzureDevOpsIntegration": func(c *Client) error {
		return c.CreateAzureDevOpsIntegration(bg, "acme", CreateAzureDevOpsIntegrationRequest{OrganizationName: "o", ProjectID: "p"})
	},
	"StartGitHubSetup": func(c *Client) error { _, err := c.StartGitHubSetup(bg, "acme"); return err },
	"InitiateAzureDevOpsOAuth": func(c *Client) error {
		_, err := c.InitiateAzureDevOpsOAuth(bg, "acme", InitiateAzureDevOpsOAuthRequest{Provider: azureProvider})
		return err
	},
	"CompleteAzureDevOpsOAuth": func(c *Client) error {
		return c.CompleteAzureDevOpsOAuth(bg, "acme", CompleteAzureDevOpsOAuthRequest{Provider: azureProvider, SessionID: "s", Code: "c"})
	},
}

// failThenAnswer fails the first `failures` attempts with fail, then answers
// 200 with gitLabJSON (or 204 for bodies that want nothing).
func failThenAnswer(t *testing.T, failures int64, fail func(http.ResponseWriter)) *recorder {
	var n atomic.Int64
	return newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) <= failures {
			fail(w)
			return
		}
		if r.Method == http.MethodGet {
			answer(w, 200, gitLabJSON)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}

func TestRetryIdempotentRequests(t *testing.T) {
	failures := map[string]func(t *testing.T) func(http.ResponseWriter){
		"429": func(*testing.T) func(http.ResponseWriter) { return status(429, "0") },
		"500": func(*testing.T) func(http.ResponseWriter) { return status(500, "") },
		"502": func(*testing.T) func(http.ResponseWriter) { return status(502, "") },
		"503": func(*testing.T) func(http.ResponseWriter) { return status(503, "") },
		"transport error": func(t *testing.T) func(http.ResponseWriter) {
			return func(w http.ResponseWriter) { dropConnection(t, w) }
		},
	}
	for method, call := range idempotentCalls {
		for name, fail := range failures {
			t.Run(method+" after "+name, func(t *testing.T) {
				rec := failThenAnswer(t, 2, fail(t))
				if err := call(newTestClient(t, rec.URL, 3)); err != nil {
					t.Fatalf("want success after retries, got %v", err)
				}
				if rec.count() != 3 {
					t.Errorf("%d attempts, want 3", rec.count())
				}
				// A retried PATCH resends the same body.
				for _, r := range rec.all() {
					if method == "PATCH" && string(r.Body) != `{"disablePRComments":false}` {
						t.Errorf("attempt sent body %q", r.Body)
					}
				}
			})
		}
	}
}

// status answers code with an optional Retry-After and a JSON error.
func status(code int, retryAfter string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		answer(w, code, `{"code":`+strconv.Itoa(code)+`,"message":"attempt failed"}`)
	}
}

func TestRetryAfterIsHonouredUpToTheCap(t *testing.T) {
	// The server asks for 1 s; fastRetry caps Retry-After at 50 ms (less up to
	// a fifth of jitter), far above its 5 ms backoff: the wait proves the
	// (capped) header was used.
	rec := failThenAnswer(t, 1, status(429, "1"))
	start := time.Now()
	if _, err := newTestClient(t, rec.URL, 2).GetGitLabIntegration(bg, "acme", "int-1"); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	if rec.count() != 2 {
		t.Errorf("%d attempts, want 2", rec.count())
	}
	if elapsed < fastRetry.RetryAfterCap*4/5 || elapsed >= time.Second {
		t.Errorf("took %v; want at least 4/5 of the %v cap and well under the 1s asked", elapsed, fastRetry.RetryAfterCap)
	}
}

func TestRetryWait(t *testing.T) {
	p := RetryPolicy{WaitMin: 100 * time.Millisecond, WaitMax: 2 * time.Second, RetryAfterCap: 30 * time.Second}
	withRetryAfter := func(code int, value string) *http.Response {
		h := http.Header{}
		h.Set("Retry-After", value)
		return &http.Response{StatusCode: code, Header: h}
	}
	now := time.Now()

	// A Retry-After is honoured (at least WaitMin), with up to a fifth more
	// as jitter, and never more than the cap.
	for _, tc := range []struct {
		name     string
		resp     *http.Response
		min, max time.Duration
	}{
		{"429 seconds", withRetryAfter(429, "3"), 3 * time.Second, 3600 * time.Millisecond},
		{"503 seconds", withRetryAfter(503, "7"), 7 * time.Second, 8400 * time.Millisecond},
		{"429 zero", withRetryAfter(429, "0"), 100 * time.Millisecond, 120 * time.Millisecond},
		{"429 below the cap", withRetryAfter(429, "20"), 20 * time.Second, 24 * time.Second},
		{"429 above cap", withRetryAfter(429, "3600"), 24 * time.Second, 30 * time.Second},
		{"429 absurd", withRetryAfter(429, "99999999999999999999"), 24 * time.Second, 30 * time.Second},
		{"429 date above cap", withRetryAfter(429, now.Add(time.Hour).UTC().Format(http.TimeFormat)), 24 * time.Second, 30 * time.Second},
		{"429 date in the past", withRetryAfter(429, now.Add(-time.Hour).UTC().Format(http.TimeFormat)), 100 * time.Millisecond, 120 * time.Millisecond},
	} {
		seen := map[time.Duration]bool{}
		for range 50 {
			got := p.wait(tc.resp, 0)
			if got < tc.min || got > tc.max {
				t.Fatalf("%s: %v outside [%v, %v]", tc.name, got, tc.min, tc.max)
			}
			seen[got] = true
		}
		// Jitter: ten parallel requests refused together must not all come back together.
		if len(seen) < 10 {
			t.Errorf("%s: %d distinct waits in 50 draws; want jitter", tc.name, len(seen))
		}
	}

	// Without a usable Retry-After: exponential, jittered, capped by WaitMax.
	for _, resp := range []*http.Response{nil, withRetryAfter(429, "soon"), withRetryAfter(429, "-5"), withRetryAfter(500, "3")} {
		for attempt := range 70 {
			ceiling := min(p.WaitMin<<min(attempt, 20), p.WaitMax)
			got := p.wait(resp, attempt)
			if got < ceiling/2 || got > ceiling {
				t.Fatalf("attempt %d: %v outside [%v, %v]", attempt, got, ceiling/2, ceiling)
			}
		}
	}
}

func TestRetryPolicyDefaults(t *testing.T) {
	if got := (RetryPolicy{}).withDefaults(); got != DefaultRetryPolicy {
		t.Errorf("zero policy became %+v", got)
	}
	got := RetryPolicy{WaitMin: time.Second}.withDefaults()
	if got.WaitMin != time.Second || got.WaitMax != DefaultRetryPolicy.WaitMax || got.RetryAfterCap != DefaultRetryPolicy.RetryAfterCap {
		t.Errorf("partial policy became %+v", got)
	}
	if got := (RetryPolicy{WaitMin: time.Minute, WaitMax: time.Second}).withDefaults(); got.WaitMax < got.WaitMin {
		t.Errorf("WaitMax %v below WaitMin %v", got.WaitMax, got.WaitMin)
	}
}

func TestPostIsNeverResent(t *testing.T) {
	failures := map[string]func(t *testing.T) func(http.ResponseWriter){
		"429": func(*testing.T) func(http.ResponseWriter) { return status(429, "0") },
		"500": func(*testing.T) func(http.ResponseWriter) { return status(500, "") },
		"transport error": func(t *testing.T) func(http.ResponseWriter) {
			return func(w http.ResponseWriter) { dropConnection(t, w) }
		},
	}
	for name, call := range postCalls {
		for fname, fail := range failures {
			t.Run(name+" on "+fname, func(t *testing.T) {
				rec := failThenAnswer(t, 1, fail(t))
				err := call(newTestClient(t, rec.URL, 5))
				if err == nil {
					t.Fatal("want the failure reported, got success")
				}
				if rec.count() != 1 {
					t.Errorf("POST sent %d times, want once", rec.count())
				}
				if !IsAmbiguous(err) {
					t.Errorf("IsAmbiguous(%v) = false; the create may have happened", err)
				}
			})
		}
	}
}

func TestClientErrorsAreNeverRetried(t *testing.T) {
	for method, call := range idempotentCalls {
		for _, code := range []int{400, 401, 403, 404, 409, 422, 501} {
			t.Run(method+" "+strconv.Itoa(code), func(t *testing.T) {
				rec := failThenAnswer(t, 10, status(code, ""))
				err := call(newTestClient(t, rec.URL, 5))
				if StatusCode(err) != code {
					t.Fatalf("err %v, want HTTP %d", err, code)
				}
				if rec.count() != 1 {
					t.Errorf("%d attempts, want 1", rec.count())
				}
			})
		}
	}
}

func TestFinalAnswerKeptWhenRetriesRunOut(t *testing.T) {
	// 503 runs out of MaxRetries; 429 out of time (RateLimitWindow, as the
	// context has no deadline).
	policy := fastRetry
	policy.RateLimitWindow = 200 * time.Millisecond
	for _, code := range []int{429, 503} {
		rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "0")
			answer(w, code, `{"code":`+strconv.Itoa(code)+`,"message":"the service is busy"}`)
		})
		c, err := New(Config{BaseURL: rec.URL, Token: testToken, MaxRetries: 2, Retry: policy})
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ListGitLabIntegrations(bg, "acme")
		var apiErr *APIError
		if !errors.As(err, &apiErr) {
			t.Fatalf("err %v, want *APIError", err)
		}
		if apiErr.StatusCode != code || apiErr.Message != "the service is busy" || apiErr.Method != "GET" ||
			apiErr.Path != "/api/console/orgs/acme/integrations/gitlab" || apiErr.Attempts != rec.count() {
			t.Errorf("got %+v after %d attempts", apiErr, rec.count())
		}
		if !strings.Contains(err.Error(), fmt.Sprintf("the last of %d attempts over", rec.count())) {
			t.Errorf("error %q does not say how often it tried", err)
		}
		if code == 503 && rec.count() != 3 {
			t.Errorf("503: %d attempts, want 3", rec.count())
		}
		if code == 429 && rec.count() <= 3 {
			t.Errorf("429: %d attempts; MaxRetries (2) must not bound rate limiting", rec.count())
		}
	}
}

// The budget split: MaxRetries counts 5xx answers and transport errors
// only; 429s in between do not use it up.
func TestRateLimitingDoesNotUseUpMaxRetries(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answers  []int // then 200
		wantCode int   // 0: success
		attempts int
	}{
		{"429s only, many more than MaxRetries", []int{429, 429, 429, 429, 429, 429, 429, 429}, 0, 9},
		{"two 5xx and 429s between", []int{503, 429, 429, 500, 429, 429, 429}, 0, 8},
		{"a third 5xx ends it", []int{503, 429, 502, 429, 500, 429}, 500, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int64
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				i := int(n.Add(1)) - 1
				switch {
				case i >= len(tc.answers):
					answer(w, 200, gitLabJSON)
				default:
					status(tc.answers[i], "0")(w)
				}
			})
			ctx, cancel := context.WithTimeout(bg, time.Minute) // far beyond what the test needs
			defer cancel()
			_, err := newTestClient(t, rec.URL, 2).GetGitLabIntegration(ctx, "acme", "int-1")
			if (tc.wantCode == 0) != (err == nil) || StatusCode(err) != tc.wantCode {
				t.Fatalf("err %v, want status %d", err, tc.wantCode)
			}
			if rec.count() != tc.attempts {
				t.Errorf("%d attempts, want %d", rec.count(), tc.attempts)
			}
		})
	}
}

// The context's deadline (a resource's timeout) bounds rate limiting, and a
// wait that would end after it is not begun: the last answer is reported,
// not "context deadline exceeded".
func TestDeadlineBoundsRetries(t *testing.T) {
	policy := RetryPolicy{WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond, RetryAfterCap: 10 * time.Second}
	for _, code := range []int{429, 503} {
		t.Run(strconv.Itoa(code), func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { status(code, "10")(w) })
			c, err := New(Config{BaseURL: rec.URL, Token: testToken, MaxRetries: 20, Retry: policy})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(bg, time.Second) // shorter than the 10 s asked
			defer cancel()
			_, err = c.ListGitLabIntegrations(ctx, "acme")
			if StatusCode(err) != code || errors.Is(err, context.DeadlineExceeded) {
				t.Fatalf("err %v, want the HTTP %d answer", err, code)
			}
			if rec.count() != 1 {
				t.Errorf("%d attempts; a 10 s wait cannot fit in a 1 s deadline", rec.count())
			}
		})
	}

	// Rate limited until the deadline: retried until then, then the 429.
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { status(429, "")(w) })
	ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
	defer cancel()
	_, err := newTestClient(t, rec.URL, 0).ListGitLabIntegrations(ctx, "acme")
	if StatusCode(err) != 429 {
		t.Fatalf("err %v, want the last 429", err)
	}
	if rec.count() < 2 {
		t.Errorf("%d attempts: max_retries 0 must not stop rate-limit retries", rec.count())
	}
}

func TestMaxRetriesRespected(t *testing.T) {
	for _, tc := range []struct{ maxRetries, attempts int }{{-1, 1}, {0, 1}, {1, 2}, {4, 5}} {
		rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, 500, "") })
		_, _ = newTestClient(t, rec.URL, tc.maxRetries).ListGitLabIntegrations(bg, "acme")
		if rec.count() != tc.attempts {
			t.Errorf("MaxRetries %d: %d attempts, want %d", tc.maxRetries, rec.count(), tc.attempts)
		}
	}
}

func TestTransportErrorKeptWhenRetriesRunOut(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { dropConnection(t, w) })
	_, err := newTestClient(t, rec.URL, 2).ListGitLabIntegrations(bg, "acme")
	if err == nil || StatusCode(err) != 0 || !IsAmbiguous(err) {
		t.Fatalf("err %v, want an ambiguous transport error", err)
	}
	if rec.count() != 3 {
		t.Errorf("%d attempts, want 3", rec.count())
	}
}

func TestContextCancellationStopsRetrying(t *testing.T) {
	ctx, cancel := context.WithCancel(bg)
	defer cancel()
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		time.AfterFunc(20*time.Millisecond, cancel) // while the client waits to retry
		answer(w, 503, "")
	})
	c, err := New(Config{BaseURL: rec.URL, Token: testToken, MaxRetries: 10,
		Retry: RetryPolicy{WaitMin: 10 * time.Second, WaitMax: 10 * time.Second, RetryAfterCap: 10 * time.Second}})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = c.ListGitLabIntegrations(ctx, "acme")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
	if time.Since(start) > 5*time.Second || rec.count() != 1 {
		t.Errorf("took %v and %d attempts; want prompt return after 1", time.Since(start), rec.count())
	}

	// An already cancelled context sends nothing at all.
	_, err = c.ListGitLabIntegrations(ctx, "acme")
	if !errors.Is(err, context.Canceled) || rec.count() != 1 {
		t.Errorf("err %v after %d attempts", err, rec.count())
	}
}

func TestUntrustedCertificateIsNotRetried(t *testing.T) {
	var conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, "{}") }))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshakes are expected
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.StartTLS()
	defer srv.Close()

	_, err := newTestClient(t, srv.URL, 3).ListGitLabIntegrations(bg, "acme")
	if err == nil {
		t.Fatal("want a certificate error")
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("%d connections, want 1: a certificate error cannot be fixed by retrying", n)
	}
}

// countingTransport counts round trips, including those that never reach a server.
type countingTransport struct {
	inner http.RoundTripper
	n     atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return c.inner.RoundTrip(r)
}

func TestInvalidTokenIsNotRetriedNorShown(t *testing.T) {
	const badToken = "pul-secret\n"
	rec := newRecorder(t, nil)
	c, err := New(Config{BaseURL: rec.URL, Token: badToken, MaxRetries: 3, Retry: fastRetry})
	if err != nil {
		t.Fatal(err)
	}
	rt := &countingTransport{inner: c.http.HTTPClient.Transport}
	c.http.HTTPClient.Transport = rt
	err = c.DeleteGitLabIntegration(bg, "acme", "int-1")
	if err == nil || strings.Contains(err.Error(), "pul-secret") {
		t.Fatalf("err %v: want an error that does not show the token", err)
	}
	if rt.n.Load() != 1 || rec.count() != 0 {
		t.Errorf("%d attempts, %d reached the server; want 1 and 0", rt.n.Load(), rec.count())
	}
}
