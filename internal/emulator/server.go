package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// serveAPI is the front door of every non-control request: it adds
// latency, checks the token, records the request (only then: an
// unauthenticated caller cannot grow the log), injects faults and routes.
func (e *Emulator) serveAPI(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	r.Body = io.NopCloser(bytes.NewReader(body))

	sw := &statusWriter{ResponseWriter: w}
	if d := e.latency(); d > 0 {
		select {
		case <-time.After(d):
		case <-r.Context().Done():
			writeError(sw, http.StatusServiceUnavailable, "request cancelled")
			return
		}
	}
	if r.Header.Get("Authorization") != "token "+e.opts.Token {
		writeError(sw, http.StatusUnauthorized, "Unauthorized: No credentials provided or are invalid.")
		return
	}

	var secrets []string
	seen := func(s string) { secrets = append(secrets, s) }
	rec := &RequestRecord{
		Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: redactQuery(r.URL.RawQuery, seen),
		Body: capRecordedBody(redactBody(body, seen)), HasAuth: true,
		Accept: r.Header.Get("Accept"), UserAgent: r.Header.Get("User-Agent"), At: arrived,
	}
	e.record(rec, secrets)
	var check *specChecker
	if e.opts.CheckSpec {
		check = e.newSpecChecker(r, body, secrets)
	}
	if e.opts.QuoteRequestInErrors {
		qw := newQuoteWriter(sw, r, body)
		defer qw.flush()
		sw = &statusWriter{ResponseWriter: qw}
	}
	defer func() {
		e.mu.Lock()
		rec.Status = sw.status
		e.mu.Unlock()
	}()

	f, faulty := e.nextFault(r.Method)
	if faulty {
		e.mu.Lock()
		rec.Fault = map[bool]string{false: "before", true: "after"}[f.afterMutation]
		e.mu.Unlock()
	}
	if faulty && !f.afterMutation {
		writeFault(sw, f)
		return
	}
	if faulty {
		// The work happens, then the caller is told it failed.
		e.route(&discardWriter{header: http.Header{}}, r)
		writeFault(sw, f)
		return
	}
	if check == nil {
		e.route(sw, r)
		return
	}
	tee := &teeWriter{ResponseWriter: sw}
	e.route(tee, r)
	check.checkAnswer(tee.status, tee.Header(), tee.body.Bytes())
}

// route dispatches to the API mux, turning its plain-text 404/405 into JSON.
func (e *Emulator) route(w http.ResponseWriter, r *http.Request) {
	if _, pattern := e.api.Handler(r); pattern != "" {
		e.api.ServeHTTP(w, r)
		return
	}
	probe := &discardWriter{header: http.Header{}}
	e.api.ServeHTTP(probe, r)
	switch probe.status {
	case http.StatusMethodNotAllowed:
		w.Header().Set("Allow", probe.header.Get("Allow"))
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
	case http.StatusNotFound, 0:
		writeError(w, http.StatusNotFound, "Not found")
	default: // e.g. the mux's redirect for a non-canonical path
		for k, v := range probe.header {
			w.Header()[k] = v
		}
		w.WriteHeader(probe.status)
	}
}

// orgHandler is an API handler that runs with e.mu held and its org resolved.
type orgHandler func(w http.ResponseWriter, r *http.Request, o *orgState)

func (e *Emulator) withOrg(h orgHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		e.mu.Lock()
		defer e.mu.Unlock()
		o, ok := e.orgs[r.PathValue("orgName")]
		if !ok {
			writeError(w, http.StatusNotFound, "Organization not found")
			return
		}
		h(w, r, o)
	}
}

// persisted saves the state after a mutation; on failure it answers 500 and
// returns false so the handler stops.
func (e *Emulator) persisted(w http.ResponseWriter) bool {
	if err := e.save(); err != nil {
		writeError(w, http.StatusInternalServerError, "failed to persist emulator state: "+err.Error())
		return false
	}
	return true
}

// --- JSON helpers ---

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, apiError{Code: status, Message: msg})
}

func noContent(w http.ResponseWriter) { w.WriteHeader(http.StatusNoContent) }

// decodeBody decodes a JSON body into v; an empty body counts as {}. Unknown
// fields are ignored, as a real server would.
func decodeBody(r *http.Request, v any) error {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("trailing data after JSON body")
	}
	return nil
}

func writeDecodeError(w http.ResponseWriter, err error) {
	writeError(w, http.StatusBadRequest, "Invalid JSON body: "+err.Error())
}

func retryAfterSeconds(d time.Duration) string {
	s := int((d + time.Second - 1) / time.Second)
	if s < 1 {
		s = 1
	}
	return strconv.Itoa(s)
}

// --- response writers ---

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// discardWriter runs a handler for its effect (or its status) only.
type discardWriter struct {
	header http.Header
	status int
}

func (d *discardWriter) Header() http.Header { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK
	}
	return len(b), nil
}
func (d *discardWriter) WriteHeader(code int) {
	if d.status == 0 {
		d.status = code
	}
}
