package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// maxErrorBody bounds how much of an error answer is read; maxErrorMessage
// how much of it reaches a diagnostic (a proxy's HTML page is no message).
const (
	maxErrorBody    = 64 << 10
	maxErrorMessage = 2 << 10
)

// APIError is a non-2xx answer. Message is the API's own "message", or the
// raw (trimmed, size-limited) body when the body is not the JSON error shape.
// RetryAfter is the answer's Retry-After on a 429 or 503 (capped at the
// client's RetryPolicy.RetryAfterCap), zero when it sent none: callers that
// resend by hand (a create, after looking) wait at least that long.
// Attempts and Elapsed say how often and for how long the request was tried
// (retries included) before this answer was final.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	Message    string
	RetryAfter time.Duration
	Attempts   int
	Elapsed    time.Duration
}

func (e *APIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = http.StatusText(e.StatusCode)
	}
	if e.Attempts > 1 {
		return fmt.Sprintf("%s %s: HTTP %d: %s (the last of %d attempts over %s)", e.Method, e.Path, e.StatusCode, msg,
			e.Attempts, e.Elapsed.Round(100*time.Millisecond))
	}
	return fmt.Sprintf("%s %s: HTTP %d: %s", e.Method, e.Path, e.StatusCode, msg)
}

// errorBody is the API's JSON error shape.
type errorBody struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// decodeErrorMessage returns the API's message from an error body, falling
// back to the raw text when the body is not a JSON error. The result is valid
// UTF-8 and at most maxErrorMessage bytes plus an ellipsis.
func decodeErrorMessage(body []byte) string {
	msg := string(body)
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err == nil && eb.Message != "" {
		msg = eb.Message
	}
	msg = strings.TrimSpace(strings.ToValidUTF8(msg, "\uFFFD"))
	if len(msg) <= maxErrorMessage {
		return msg
	}
	cut := maxErrorMessage
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	return msg[:cut] + "…"
}

// StatusCode returns the HTTP status of an *APIError in err's chain, or 0.
func StatusCode(err error) int {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.StatusCode
	}
	return 0
}

// RetryAfter returns the (capped) Retry-After of an *APIError in err's
// chain, or 0 when there is none.
func RetryAfter(err error) time.Duration {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr.RetryAfter
	}
	return 0
}

// IsNotFound reports whether err is an API 404.
func IsNotFound(err error) bool { return StatusCode(err) == http.StatusNotFound }

// IsConflict reports whether err is an API 409.
func IsConflict(err error) bool { return StatusCode(err) == http.StatusConflict }

// IsBadRequest reports whether err is an API 400.
func IsBadRequest(err error) bool { return StatusCode(err) == http.StatusBadRequest }

// IsAmbiguous reports whether err leaves unknown whether a request took
// effect: a 429 or 5xx answer, or no answer at all (transport error, timeout).
// Callers that created something must look before they try again. A request
// refused before sending (ErrInvalidRequest) is not ambiguous.
func IsAmbiguous(err error) bool {
	if err == nil || errors.Is(err, ErrInvalidRequest) {
		return false
	}
	code := StatusCode(err)
	return code == 0 || code == http.StatusTooManyRequests || code >= 500
}
