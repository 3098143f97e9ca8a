// Package listcache shares one list request among the reads of one
// integration kind in one Pulumi organization, within one provider process.
//
// Terraform refreshes resources one by one (ten at a time by default); asked
// separately, N integrations of a kind cost N GETs, while one list answers
// them all. A Cache runs at most one list per key at a time, lets every
// caller whose freshness requirement it meets share it, and keeps its answer
// for a short TTL. It never answers with a list older than:
//
//   - the last write to the organization this process made (Wrote): a read
//     after this process's own create, update or delete sees it;
//   - a caller's own bound (Get's after): a create that polls for its new
//     integration needs a list that started after its previous poll;
//   - the TTL, counted from when the list started: a snapshot lives seconds,
//     not a whole apply.
//
// golang.org/x/sync/singleflight is not used: it joins any call in flight,
// including one that started before the caller's write returned, which could
// answer a create's after-POST lookup with a list that cannot hold the new
// integration. Here a caller joins only a list that started after its
// bound, and otherwise waits for the next one, which then serves every
// caller that queued meanwhile: parallel creates share lists instead of each
// listing alone.
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

// Key names one list: an integration kind of an organization.
type Key struct{ Org, Kind string }

// Cache is safe for concurrent use. The zero value is not usable; call New.
type Cache struct {
	ttl time.Duration
	now func() time.Time

	mu    sync.Mutex
	clock uint64            // orders list starts and write returns
	wrote map[string]uint64 // org -> clock when its last write returned
	lists map[Key]*list
}

// list is the state of one key: the last list that answered, and the one
// running, if any.
type list struct {
	last    *run
	running *run
}

// run is one list request.
type run struct {
	seq     uint64    // clock when it started
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
	return &Cache{ttl: ttl, now: now, wrote: map[string]uint64{}, lists: map[Key]*list{}}
}

// Wrote records that a write to org's integrations (of any kind: a create,
// update, delete or claim) has returned, successfully or not. Every list
// of org that started before is stale from now on.
func (c *Cache) Wrote(org string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	c.wrote[org] = c.clock
	for k, l := range c.lists {
		if k.Org == org {
			l.last = nil // keep no stale items alive
		}
	}
}

// Get returns key's items from a list that started after org's last write,
// after the list numbered `after` (0 for none) and within the TTL, running
// fetch when no such list has answered or is running. It returns the
// list's number too, to pass as `after` when the caller must look again.
// fetch runs on a context that carries ctx's values but not its
// cancellation, since other callers may share it; ctx only bounds the wait.
// The items are shared: callers must not modify them.
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
			r = c.start(ctx, key, l, func(ctx context.Context) (any, error) { return fetch(ctx) })
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

// start runs a list for key in the background; c.mu is held.
func (c *Cache) start(ctx context.Context, key Key, l *list, fetch func(context.Context) (any, error)) *run {
	c.clock++
	r := &run{seq: c.clock, started: c.now(), done: make(chan struct{})}
	l.running = r
	go func() {
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
