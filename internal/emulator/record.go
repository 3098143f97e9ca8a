package emulator

import (
	"fmt"
	"unicode/utf8"
)

// The request log is kept for tests and for people watching a demo; an
// emulator left running must not grow without bound, so it is a ring of
// the latest requests with capped bodies.

// DefaultMaxRecordedRequests is the request log's length when
// Options.MaxRecordedRequests is zero: more than any test or soak sends.
const DefaultMaxRecordedRequests = 10000

// maxRecordedBody bounds a recorded body; the API's bodies are a few
// hundred bytes.
const maxRecordedBody = 4 << 10

// record appends rec to the log, dropping the oldest record past the
// bound, and remembers the secrets the request carried (SecretReceived).
func (e *Emulator) record(rec *RequestRecord, secrets []string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if over := len(e.requests) + 1 - e.opts.MaxRecordedRequests; over > 0 {
		clear(e.requests[:over]) // let the dropped records go
		e.requests = e.requests[over:]
	}
	e.requests = append(e.requests, rec)
	for _, s := range secrets {
		e.secretsSeen[secretDigest(s)] = true
	}
}

// capRecordedBody cuts a (redacted) body to maxRecordedBody bytes, on a
// rune boundary, saying how long it was.
func capRecordedBody(body string) string {
	if len(body) <= maxRecordedBody {
		return body
	}
	cut := maxRecordedBody
	for cut > 0 && !utf8.RuneStart(body[cut]) {
		cut--
	}
	return body[:cut] + fmt.Sprintf("…<%d bytes in all: cut>", len(body))
}
