package client

import (
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
	for _, seed := range []string{
		"", "0", "1", "120", "-1", "+7", " 3 ", "1.5", "1e3", "0x10", "soon",
		"9223372036854775807", "99999999999999999999", "-99999999999999999999",
		"Sun, 01 Jun 2025 12:00:30 GMT", "Sun, 01 Jun 2025 11:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT",
		"Sunday, 01-Jun-25 12:00:30 GMT", "Sun Jun  1 12:00:30 2025", "\x00\xff",
	} {
		f.Add(seed)
	}
	policy := RetryPolicy{WaitMin: time.Millisecond, WaitMax: 20 * time.Millisecond, RetryAfterCap: 30 * time.Second}
	f.Fuzz(func(t *testing.T, value string) {
		d, ok := ParseRetryAfter(value, now)
		if d < 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, negative", value, d)
		}
		if !ok && d != 0 {
			t.Fatalf("ParseRetryAfter(%q) = %v, false: a rejected value must wait 0", value, d)
		}
		for _, code := range []int{429, 503, 500} {
			resp := &http.Response{StatusCode: code, Header: http.Header{"Retry-After": {value}}}
			for _, attempt := range []int{0, 3, 64} {
				w := policy.wait(resp, attempt)
				if w < 0 || w > max(policy.RetryAfterCap, policy.WaitMax) {
					t.Fatalf("wait(%d, Retry-After %q, attempt %d) = %v, outside [0, %v]", code, value, attempt, w, policy.RetryAfterCap)
				}
			}
		}
	})
}

func FuzzDecodeErrorMessage(f *testing.F) {
	for _, seed := range []string{
		"", " ", `{"code":404,"message":"GitLab integration not found"}`, `{"code":409}`, `{"message":""}`,
		`{"message":"\ud800 lone surrogate"}`, `{"message":42}`, `[1,2]`, `null`, "<html>502</html>",
		"bad \xff\xfe bytes", "\xe2\x82", strings.Repeat("é", maxErrorMessage), strings.Repeat("\xff a", 3000),
		`{"message":"` + strings.Repeat("x", 3*maxErrorMessage) + `"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		msg := decodeErrorMessage(body)
		if !utf8.ValidString(msg) {
			t.Fatalf("decodeErrorMessage(%q) = %q, not valid UTF-8", body, msg)
		}
		if len(msg) > maxErrorMessage+len("…") {
			t.Fatalf("decodeErrorMessage gave %d bytes, more than %d", len(msg), maxErrorMessage+len("…"))
		}
		if msg != strings.TrimSpace(msg) {
			t.Fatalf("decodeErrorMessage(%q) = %q, not trimmed", body, msg)
		}
	})
}
