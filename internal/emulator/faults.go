package emulator

import (
	"math/rand"
	"net/http"
	"time"
)

// Fault injection for API requests. Random faults always fire before the
// handler runs, so a failed request changed nothing; FailNext can instead fire
// after the handler (afterMutation) to model a VCS host's 429 passed through
// after the work happened, or an ambiguous 5xx.

var defaultFaultCodes = []int{429, 500, 502, 503}

type queuedFault struct {
	code          int
	retryAfter    time.Duration
	afterMutation bool
}

// SetFaults replaces the random fault configuration (and reseeds its source).
func (e *Emulator) SetFaults(f FaultConfig) { e.setFaults(f) }

func (e *Emulator) setFaults(f FaultConfig) {
	e.faultMu.Lock()
	defer e.faultMu.Unlock()
	if len(f.Codes) == 0 {
		f.Codes = defaultFaultCodes
	}
	e.faults = f
	e.rng = rand.New(rand.NewSource(f.Seed))
}

// FailNext makes the next n API requests fail with code. With afterMutation
// the request's effect is applied first. n <= 0 clears queued failures.
func (e *Emulator) FailNext(n int, code int, retryAfter time.Duration, afterMutation bool) {
	e.faultMu.Lock()
	defer e.faultMu.Unlock()
	if n <= 0 {
		e.failQueue = nil
		return
	}
	for range n {
		e.failQueue = append(e.failQueue, queuedFault{code: code, retryAfter: retryAfter, afterMutation: afterMutation})
	}
}

func (e *Emulator) latency() time.Duration {
	e.faultMu.Lock()
	defer e.faultMu.Unlock()
	return e.faults.Latency
}

// nextFault decides whether this request fails: queued failures first, then
// the random error rate (after the write for AfterWriteShare of the writes).
func (e *Emulator) nextFault(method string) (queuedFault, bool) {
	e.faultMu.Lock()
	defer e.faultMu.Unlock()
	if len(e.failQueue) > 0 {
		f := e.failQueue[0]
		e.failQueue = e.failQueue[1:]
		return f, true
	}
	if e.faults.ErrorRate <= 0 || e.rng.Float64() >= e.faults.ErrorRate {
		return queuedFault{}, false
	}
	code := e.faults.Codes[e.rng.Intn(len(e.faults.Codes))]
	after := method != http.MethodGet && e.faults.AfterWriteShare > 0 && e.rng.Float64() < e.faults.AfterWriteShare
	return queuedFault{code: code, retryAfter: e.faults.RetryAfter, afterMutation: after}, true
}

func writeFault(w http.ResponseWriter, f queuedFault) {
	if f.retryAfter > 0 && (f.code == http.StatusTooManyRequests || f.code == http.StatusServiceUnavailable) {
		w.Header().Set("Retry-After", retryAfterSeconds(f.retryAfter))
	}
	msg := http.StatusText(f.code)
	if msg == "" {
		msg = "Injected fault"
	}
	writeError(w, f.code, msg)
}
