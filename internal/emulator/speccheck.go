package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/pulumicloud/terraform-provider-pulumicloud/spec"
)

// With Options.CheckSpec the emulator holds every API request it receives,
// and every answer a handler gives, to the OpenAPI document (package spec,
// strictly), and records what breaks it. A provider test suite that turns it
// on learns of any request its client sends that the service would not
// accept as documented. Answers to requests that failed auth or got an
// injected fault are not checked (those statuses are the emulator's, not
// the document's).

// SpecViolation is one request, or one answer, that breaks the document.
// Error never holds a secret value (see redact).
type SpecViolation struct {
	Method  string `json:"method"`
	Path    string `json:"path"`
	Request bool   `json:"request"` // the request broke it; else the answer did
	Status  int    `json:"status,omitempty"`
	Error   string `json:"error"`
}

// SpecViolations returns what broke the document so far (Options.CheckSpec),
// in arrival order; ResetRequests clears it.
func (e *Emulator) SpecViolations() []SpecViolation {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]SpecViolation(nil), e.violations...)
}

// specChecker validates one request and, later, its answer.
type specChecker struct {
	e       *Emulator
	v       *spec.Validator
	method  string
	uri     string
	path    string
	secrets []string // raw secret values of this request, scrubbed from errors
	// checkable: the request is one the document allows; the answer to one
	// it doesn't is whatever the emulator makes of it, not checked.
	checkable bool
}

func (e *Emulator) newSpecChecker(r *http.Request, body []byte, secrets []string) *specChecker {
	v, err := spec.Default()
	if err != nil { // the embedded document is broken: every build would fail its tests
		panic(err)
	}
	c := &specChecker{e: e, v: v, method: r.Method, uri: r.URL.RequestURI(), path: r.URL.EscapedPath(), secrets: secrets}
	var b []byte
	if len(body) > 0 {
		b = body
	}
	if err := v.ValidateRequest(r.Method, c.uri, r.Header, b); err != nil {
		msg := err.Error()
		if len(b) > 0 && !json.Valid(b) {
			msg = "the request body is not JSON" // the error would quote it
		}
		c.record(SpecViolation{Request: true, Error: msg})
		return c
	}
	c.checkable = true
	return c
}

func (c *specChecker) checkAnswer(status int, header http.Header, body []byte) {
	if !c.checkable {
		return
	}
	if err := c.v.ValidateResponse(c.method, c.uri, status, header, body); err != nil {
		c.record(SpecViolation{Status: status, Error: err.Error()})
	}
}

func (c *specChecker) record(v SpecViolation) {
	v.Method, v.Path = c.method, c.path
	for _, s := range c.secrets {
		if s != "" {
			v.Error = strings.ReplaceAll(v.Error, s, Redacted)
		}
	}
	c.e.mu.Lock()
	c.e.violations = append(c.e.violations, v)
	c.e.mu.Unlock()
}

// teeWriter keeps a copy of the answer for checkAnswer.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeWriter) WriteHeader(code int) {
	if t.status == 0 {
		t.status = code
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeWriter) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}
