package emulator

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Held answers: a write (POST, PATCH or DELETE) takes effect at once, as
// always, and then its answer waits, as behind a slow service or a slow
// network. Tests use it to interrupt a client at the worst moment: after
// the change happened, before the client heard of it (a SIGINT to
// terraform, a killed provider, a cancelled pipeline). An answer waits
// until its rule's duration has passed, until ReleaseHeld, or until the
// client gives up on the request, whichever comes first. Only answers that
// say the write took effect (2xx) are held; refusals and injected faults go
// out at once.

// HoldRule says which write answers to hold and for how long.
type HoldRule struct {
	// Method is POST, PATCH or DELETE; "" holds all three.
	Method string `json:"method"`
	// PathSuffix, when set, holds only requests whose (escaped) path ends
	// with it, e.g. "/integrations/gitlab" for GitLab creates.
	PathSuffix string `json:"pathSuffix"`
	// For is how long each answer waits; 0 means until ReleaseHeld (or
	// until the client gives up).
	For time.Duration `json:"-"`
	// Count is how many answers the rule holds before it lapses; 0 means
	// every matching one until ReleaseHeld.
	Count int `json:"count"`
}

var heldMethods = map[string]bool{http.MethodPost: true, http.MethodPatch: true, http.MethodDelete: true}

func (h HoldRule) validate() error {
	if h.Method != "" && !heldMethods[strings.ToUpper(h.Method)] {
		return fmt.Errorf("emulator: only writes are held: method %q is not POST, PATCH or DELETE", h.Method)
	}
	if h.For < 0 || h.Count < 0 {
		return fmt.Errorf("emulator: a hold wants a duration and a count of zero or more, got %s and %d", h.For, h.Count)
	}
	return nil
}

func (h HoldRule) matches(method, path string) bool {
	return (h.Method == "" || strings.EqualFold(h.Method, method)) && strings.HasSuffix(path, h.PathSuffix)
}

// holdState is the emulator's hold rules and the answers waiting now.
type holdState struct {
	mu      sync.Mutex
	rules   []*HoldRule   // Count counts down; a rule at its last answer is removed
	held    int           // answers waiting now
	release chan struct{} // closed by ReleaseHeld (then replaced)
	changed chan struct{} // closed and replaced whenever held changes
}

// HoldAnswers adds a rule: the answers of matching writes wait after the
// write took effect (see HoldRule).
func (e *Emulator) HoldAnswers(rule HoldRule) error {
	if err := rule.validate(); err != nil {
		return err
	}
	h := &e.holds
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rules = append(h.rules, &rule)
	return nil
}

// ReleaseHeld sends every held answer now and removes every hold rule. It
// returns how many answers it released.
func (e *Emulator) ReleaseHeld() int {
	h := &e.holds
	h.mu.Lock()
	defer h.mu.Unlock()
	h.rules = nil
	if h.release != nil {
		close(h.release)
		h.release = nil
	}
	return h.held
}

// HeldAnswers is how many answers are waiting now: writes that took effect
// and whose client has not heard so.
func (e *Emulator) HeldAnswers() int {
	h := &e.holds
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.held
}

// AwaitHeld returns once at least n answers are waiting at the same time,
// or ctx's error when it ends first.
func (e *Emulator) AwaitHeld(ctx context.Context, n int) error {
	h := &e.holds
	for {
		h.mu.Lock()
		if h.held >= n {
			h.mu.Unlock()
			return nil
		}
		changed := h.changedLocked()
		h.mu.Unlock()
		select {
		case <-ctx.Done():
			return fmt.Errorf("emulator: waiting for %d held answers: %w", n, ctx.Err())
		case <-changed:
		}
	}
}

func (h *holdState) changedLocked() chan struct{} {
	if h.changed == nil {
		h.changed = make(chan struct{})
	}
	return h.changed
}

func (h *holdState) addHeldLocked(d int) {
	h.held += d
	if h.changed != nil {
		close(h.changed)
		h.changed = nil
	}
}

func (h *holdState) active() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.rules) > 0
}

// take finds the rule that holds this answer, counts it, and returns how
// long to hold it and the channel ReleaseHeld closes; ok is false when no
// rule holds it.
func (h *holdState) take(method, path string, status int) (d time.Duration, release <-chan struct{}, ok bool) {
	if status < 200 || status > 299 {
		return 0, nil, false
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	for i, rule := range h.rules {
		if !rule.matches(method, path) {
			continue
		}
		if rule.Count > 0 {
			if rule.Count--; rule.Count == 0 {
				h.rules = append(h.rules[:i], h.rules[i+1:]...)
			}
		}
		if h.release == nil {
			h.release = make(chan struct{})
		}
		h.addHeldLocked(1)
		return rule.For, h.release, true
	}
	return 0, nil, false
}

// wait holds one answer until d passes (0: no limit), release closes or the
// client gives up.
func (h *holdState) wait(ctx context.Context, d time.Duration, release <-chan struct{}) {
	var elapsed <-chan time.Time
	if d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		elapsed = t.C
	}
	select {
	case <-ctx.Done():
	case <-release:
	case <-elapsed:
	}
	h.mu.Lock()
	h.addHeldLocked(-1)
	h.mu.Unlock()
}

// holding serves next and, when a hold rule matches the API write it
// served, keeps its answer back for the rule's time before sending it. The
// control surface (/_emulator/) is never held.
func (e *Emulator) holding(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !heldMethods[r.Method] || strings.HasPrefix(r.URL.Path, "/_emulator/") || !e.holds.active() {
			next.ServeHTTP(w, r)
			return
		}
		answer := &bufferedAnswer{header: http.Header{}}
		next.ServeHTTP(answer, r) // the write takes effect here
		if d, release, ok := e.holds.take(r.Method, r.URL.EscapedPath(), answer.status); ok {
			e.holds.wait(r.Context(), d, release)
			if r.Context().Err() != nil {
				return // the client is gone: nobody hears the answer
			}
		}
		answer.sendTo(w)
	})
}

// bufferedAnswer keeps a whole answer until it is sent.
type bufferedAnswer struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedAnswer) Header() http.Header { return b.header }

func (b *bufferedAnswer) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedAnswer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

func (b *bufferedAnswer) sendTo(w http.ResponseWriter) {
	for k, v := range b.header {
		w.Header()[k] = v
	}
	if b.status == 0 {
		b.status = http.StatusOK
	}
	w.WriteHeader(b.status)
	_, _ = w.Write(b.body.Bytes())
}

// --- control surface: /_emulator/holds ---

type holdJSON struct {
	HoldRule
	ForMs int64 `json:"forMs"`
}

// holdRoutes adds the control routes of held answers: POST adds a rule
// ({"method","pathSuffix","forMs","count"}), GET answers {"held": n},
// DELETE releases every held answer and removes the rules ({"released": n}).
func (e *Emulator) holdRoutes(m *http.ServeMux) {
	m.HandleFunc("POST /_emulator/holds", func(w http.ResponseWriter, r *http.Request) {
		var body holdJSON
		if err := decodeBody(r, &body); err != nil {
			writeDecodeError(w, err)
			return
		}
		rule := body.HoldRule
		rule.For = time.Duration(body.ForMs) * time.Millisecond
		ctlAnswer(w, e.HoldAnswers(rule))
	})
	m.HandleFunc("GET /_emulator/holds", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]int{"held": e.HeldAnswers()})
	})
	m.HandleFunc("DELETE /_emulator/holds", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]int{"released": e.ReleaseHeld()})
	})
}
