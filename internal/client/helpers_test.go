package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

const (
	testToken     = "pul-test-token-3f9a1c"
	testUserAgent = "terraform-provider-pulumicloud/test Terraform/1.11.4"
)

// fastRetry keeps retry tests fast: milliseconds instead of seconds.
var fastRetry = RetryPolicy{WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond, RetryAfterCap: 50 * time.Millisecond}

// seenRequest is what the test server received.
type seenRequest struct {
	Method      string
	EscapedPath string
	RawQuery    string
	Header      http.Header
	Body        []byte
}

// recorder is an httptest server that records every request and answers
// with handler (or 204 when handler is nil).
type recorder struct {
	*httptest.Server
	mu       sync.Mutex
	requests []seenRequest
}

func newRecorder(t testing.TB, handler http.HandlerFunc) *recorder {
	t.Helper()
	rec := &recorder{}
	rec.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.requests = append(rec.requests, seenRequest{
			Method: r.Method, EscapedPath: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
			Header: r.Header.Clone(), Body: body,
		})
		rec.mu.Unlock()
		if handler == nil {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		handler(w, r)
	}))
	t.Cleanup(rec.Close)
	return rec
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.requests)
}

func (r *recorder) last() seenRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.requests[len(r.requests)-1]
}

func (r *recorder) all() []seenRequest {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]seenRequest(nil), r.requests...)
}

// newTestClient returns a client for baseURL with fast retries.
func newTestClient(t testing.TB, baseURL string, maxRetries int) *Client {
	t.Helper()
	c, err := New(Config{BaseURL: baseURL, Token: testToken, UserAgent: testUserAgent, MaxRetries: maxRetries, Retry: fastRetry, Timeout: 5 * time.Second})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// answer writes a JSON answer with status.
func answer(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// dropConnection closes the connection without an answer: a transport error.
func dropConnection(t testing.TB, w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// jsonEqual reports whether two JSON texts hold the same value, so field
// names must match exactly while key order and spacing may differ.
func jsonEqual(t testing.TB, got, want []byte) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("unmarshal %s: %v", got, err)
	}
	if err := json.Unmarshal(want, &w); err != nil {
		t.Fatalf("unmarshal want %s: %v", want, err)
	}
	return reflect.DeepEqual(g, w)
}

func ptr[T any](v T) *T { return &v }

var bg = context.Background()
