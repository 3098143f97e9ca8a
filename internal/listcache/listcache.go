// Package listcache shares one list request among the reads of one
// integration kind in one Pulumi organization, within one provider process.
//
// Terraform refreshes resources one by one (ten at a time by default); asked
// separately, N integrations of a kind cost N GETs, while one list answers
// them all. A Cache runs at most one list per key at a time, lets every
// caller whose freshness requirement it meets share it, and keeps its answer
// for a short TTL. It never answers with a list older than:
//
//   - the last write to the organization this process made that has
//     returned (Write): a read after this process's own create, update or
//     delete sees it, and a create's look-up after its POST is answered
//     only by a list that started after the POST returned;
//   - a caller's own bound (Get's after): a create that polls for its new
//     integration needs a list that started after its previous poll;
//   - the TTL, counted from when the list started: a snapshot lives seconds,
//     not a whole apply.
//
// A list that would start while writes to the organization are in flight
// first waits for them to return (at most MaxBatchWait): whatever it
// answered would be stale the moment they did. So the look-ups of parallel
// creates, each of which must see its own POST, share one list after their
// POSTs rather than each listing alone.
//
// golang.org/x/sync/singleflight is not used: it joins any call in flight,
// including one that started before the caller's write returned, which
// could answer a create's after-POST look-up with a list that cannot hold
// the new integration. Here a caller joins only a list that starts (or
// started) after its bound, and otherwise waits for the next one.
package listcache

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// DefaultTTL is how long a list answers reads: long enough to serve a
// refresh of hundreds of resources, short enough that a long apply reads
// afresh.
const DefaultTTL = 5 * time.Second

// MaxBatchWait bounds how long a list waits for the writes in flight when it
// was due (a network round trip or a few: a create's POST).
const MaxBatchWait = 250 * time.Millisecond

// Key names one list: an integration kind of an organization.
type Key struct{ Org, Kind string }

// Cache is safe for concurrent use. The zero value is not usable; call New.
type Cache struct {
	ttl time.Duration
	now func() time.Time
	// after is time.After, replaced in tests.
	after func(time.Duration) <-chan time.Time

	mu       sync.Mutex
	clock    uint64                         // orders list starts and writes
	wrote    map[string]uint64              // org -> clock when its last write returned
	inFlight map[string]map[uint64]struct{} // org -> writes sent, not yet returned
	returned map[string]chan struct{}       // org -> closed (and replaced) when one of them returns
	lists    map[Key]*list
}

// list is the state of one key: the last list that answered, and the one
// running or about to, if any.
type list struct {
	last    *run
	running *run
}

// run is one list request.
type run struct {
	seq     uint64    // clock when it started; 0 while it waits for writes
	started time.Time // when it started
	done    chan struct{}
	waiters int // callers waiting on it, for tests

	items any // set before done is closed
	err   error
}

// New returns a Cache whose lists answer for ttl after they started; now is
// the clock (time.Now when nil).
func New(ttl time.Duration, now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	return &Cache{
		ttl: ttl, now: now, after: time.After,
		wrote: map[string]uint64{}, inFlight: map[string]map[uint64]struct{}{},
		returned: map[string]chan struct{}{}, lists: map[Key]*list{},
	}
}

// Write records that a write to org's integrations (of any kind: a create,
// update, delete or claim) is being sent; call the returned function once
// it has returned, successfully or not. From then on every list of org that
// started before is stale.
func (c *Cache) Write(org string) (returned func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	id := c.clock
	if c.inFlight[org] == nil {
		c.inFlight[org] = map[uint64]struct{}{}
	}
	c.inFlight[org][id] = struct{}{}
	var once sync.Once
	return func() { once.Do(func() { c.writeReturned(org, id) }) }
}

func (c *Cache) writeReturned(org string, id uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	c.wrote[org] = c.clock
	delete(c.inFlight[org], id)
	if ch := c.returned[org]; ch != nil {
		close(ch)
		delete(c.returned, org)
	}
	for k, l := range c.lists {
		if k.Org == org {
			l.last = nil // keep no stale items alive
		}
	}
}

// Wrote records a write to org that has returned (Write and its returned
// function at once).
func (c *Cache) Wrote(org string) { c.Write(org)() }

// Get returns key's items from a list that started after org's last write
// that has returned, after the list numbered `after` (0 for none) and
// within the TTL, running fetch when no such list has answered or is
// running. It returns the list's number too, to pass as `after` when the
// caller must look again. fetch runs on a context that carries ctx's
// values but not its cancellation, since other callers may share it; ctx
// only bounds the wait. The items are shared: callers must not modify them.
func Get[T any](ctx context.Context, c *Cache, key Key, after uint64, fetch func(context.Context) ([]T, error)) ([]T, uint64, error) {
	for {
		c.mu.Lock()
		l := c.lists[key]
		if l == nil {
			l = &list{}
			c.lists[key] = l
		}
		need := max(after, c.wrote[key.Org]) // a list must have started after this
		if r := l.last; r != nil && r.seq > need && c.now().Sub(r.started) < c.ttl {
			c.mu.Unlock()
			return typed[T](r)
		}
		r := l.running
		if r == nil {
			r = c.schedule(ctx, key, l, func(ctx context.Context) (any, error) { return fetch(ctx) })
		}
		r.waiters++
		c.mu.Unlock()

		select {
		case <-r.done:
		case <-ctx.Done():
			return nil, 0, ctx.Err()
		}
		if r.seq > need {
			return typed[T](r)
		}
		// That list started too early for this caller; the next one serves it.
	}
}

// schedule sets up key's next list and runs it in the background once the
// writes to the organization now in flight have returned (or MaxBatchWait
// has passed); c.mu is held. Callers that come meanwhile join it: it starts
// after their bound, whatever it is.
func (c *Cache) schedule(ctx context.Context, key Key, l *list, fetch func(context.Context) (any, error)) *run {
	r := &run{done: make(chan struct{})}
	l.running = r
	pending := make([]uint64, 0, len(c.inFlight[key.Org]))
	for id := range c.inFlight[key.Org] {
		pending = append(pending, id)
	}
	go func() {
		c.awaitWrites(key.Org, pending)
		c.mu.Lock()
		c.clock++
		r.seq, r.started = c.clock, c.now()
		c.mu.Unlock()

		items, err := fetch(context.WithoutCancel(ctx))
		c.mu.Lock()
		r.items, r.err = items, err
		l.running = nil
		if err == nil && r.seq > c.wrote[key.Org] {
			l.last = r
		}
		c.mu.Unlock()
		close(r.done)
	}()
	return r
}

// awaitWrites returns once none of the writes pending is in flight, or after
// MaxBatchWait.
func (c *Cache) awaitWrites(org string, pending []uint64) {
	if len(pending) == 0 {
		return
	}
	timeout := c.after(MaxBatchWait)
	for {
		c.mu.Lock()
		left := false
		for _, id := range pending {
			if _, ok := c.inFlight[org][id]; ok {
				left = true
				break
			}
		}
		if !left {
			c.mu.Unlock()
			return
		}
		ch := c.returned[org]
		if ch == nil {
			ch = make(chan struct{})
			c.returned[org] = ch
		}
		c.mu.Unlock()
		select {
		case <-ch:
		case <-timeout:
			return
		}
	}
}

func typed[T any](r *run) ([]T, uint64, error) {
	if r.err != nil {
		return nil, r.seq, r.err
	}
	items, ok := r.items.([]T)
	if !ok && r.items != nil {
		return nil, r.seq, fmt.Errorf("listcache: a list of %T was asked for as []%T", r.items, *new(T))
	}
	return items, r.seq, nil
}
