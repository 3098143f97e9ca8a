// Package listcache shares one list request among the reads of one
// integration kind in one Pulumi organization, within one provider process.
//
// Terraform refreshes resources one by one (ten at a time by default); asked
// separately, N integrations of a kind cost N GETs, while one list answers
// them all. A Cache runs at most one list per key at a time, lets every
// caller whose freshness requirement it meets share it, and keeps its answer.
// It never answers with a list older than:
//
//   - the last write to the organization this process made that has
//     returned (Write, WriteAdding): a read after this process's own
//     create, update or delete sees it, and a create's look-up after its
//     POST is answered only by a list that started after the POST
//     returned. A caller whose answer additions cannot change (whether a
//     create's natural key exists, asked before the create writes) may
//     ignore the writes that only add (Bound.IgnoreAdditions): so the
//     creates of a burst, whose POSTs only add, find their keys absent in
//     the list that answered the previous creates;
//   - a caller's own bound (Bound.After): a create that polls for its new
//     integration needs a list that started after its previous poll, and a
//     read that found an item missing confirms it with a later list;
//   - the TTL, counted from when the list started, once this process has
//     written to the organization: while it writes, a snapshot lives
//     seconds, not a whole apply. Before its first write (a plan, a
//     refresh) nothing it did can have changed the lists, and a list
//     answers for the whole run: one list per kind and organization,
//     however many resources and however long the refresh takes.
//
// A list due while writes to the organization are in flight first waits
// for them to return, and for the writes sent meanwhile, until none is in
// flight or MaxBatchWait has passed: whatever it answered would be stale
// the moment they did. So the look-ups of parallel creates, each of which
// must see its own POST, share one list after their POSTs rather than each
// listing alone, and a burst of creates costs about one list per
// parallelism's worth of creates.
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

// DefaultTTL is how long a list answers reads once the process has written
// to the organization: long enough to serve a refresh of hundreds of
// resources, short enough that a long apply reads afresh.
const DefaultTTL = 5 * time.Second

// MaxBatchWait bounds how long a list waits for the writes in flight when it
// was due (a few network round trips: the POSTs of a burst of creates, which
// Terraform's core sends one by one as it gets to each).
const MaxBatchWait = time.Second

// QuietPeriod is how long a list that waited for writes in flight still
// waits, once none is, for another write to be sent: Terraform starts the
// creates of a burst one after the other, a few milliseconds apart on a
// busy machine, and one list after the last of them answers them all.
const QuietPeriod = 100 * time.Millisecond

// Key names one list: an integration kind of an organization (or any other
// collection of it that its writes may change).
type Key struct{ Org, Kind string }

// Bound says which lists may answer a Get, beyond the process's own writes
// and the TTL.
type Bound struct {
	// After is the number of a list the answer must have started after
	// (0: any).
	After uint64
	// IgnoreAdditions lets a list that started before writes that only add
	// (WriteAdding) answer: for a look-up whose answer they cannot change.
	IgnoreAdditions bool
}

// Cache is safe for concurrent use. The zero value is not usable; call New.
type Cache struct {
	ttl time.Duration
	now func() time.Time
	// after is time.After, replaced in tests.
	after func(time.Duration) <-chan time.Time

	mu       sync.Mutex
	clock    uint64                         // orders list starts and writes
	written  map[string]bool                // org -> this process has sent a write to it
	wrote    map[string]uint64              // org -> clock when its last write returned
	changed  map[string]uint64              // org -> clock when its last write other than an addition returned
	inFlight map[string]map[uint64]struct{} // org -> writes sent, not yet returned
	activity map[string]chan struct{}       // org -> closed (and replaced) when a write is sent or returns
	active   map[string]time.Time           // org -> when a write was last sent or returned
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

// New returns a Cache whose lists answer for ttl after they started once the
// process has written to their organization; now is the clock (time.Now
// when nil).
func New(ttl time.Duration, now func() time.Time) *Cache {
	if now == nil {
		now = time.Now
	}
	return &Cache{
		ttl: ttl, now: now, after: time.After,
		written: map[string]bool{}, wrote: map[string]uint64{}, changed: map[string]uint64{},
		inFlight: map[string]map[uint64]struct{}{}, activity: map[string]chan struct{}{}, active: map[string]time.Time{}, lists: map[Key]*list{},
	}
}

// Write records that a write to org (a create, update, delete or claim of
// any kind) is being sent; call the returned function once it has
// returned, successfully or not. From then on every list of org that
// started before is stale.
func (c *Cache) Write(org string) (returned func()) { return c.write(org, false) }

// WriteAdding is Write for a write that can only add to org's lists (a
// POST that creates or adds): lists that started before it still answer
// the callers that ignore additions (Bound.IgnoreAdditions).
func (c *Cache) WriteAdding(org string) (returned func()) { return c.write(org, true) }

func (c *Cache) write(org string, adds bool) (returned func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	id := c.clock
	c.written[org] = true
	if c.inFlight[org] == nil {
		c.inFlight[org] = map[uint64]struct{}{}
	}
	c.inFlight[org][id] = struct{}{}
	c.signal(org)
	var once sync.Once
	return func() { once.Do(func() { c.writeReturned(org, id, adds) }) }
}

func (c *Cache) writeReturned(org string, id uint64, adds bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	c.wrote[org] = c.clock
	if !adds {
		c.changed[org] = c.clock
	}
	delete(c.inFlight[org], id)
	c.signal(org)
	if adds {
		return // the last lists still answer look-ups that ignore additions
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

// need is the clock a list answering key under b must have started after;
// c.mu is held.
func (c *Cache) need(key Key, b Bound) uint64 {
	if b.IgnoreAdditions {
		return max(b.After, c.changed[key.Org])
	}
	return max(b.After, c.wrote[key.Org])
}

// fresh reports whether r is young enough to answer: always before the
// process's first write to the organization, within the TTL after; c.mu is
// held.
func (c *Cache) fresh(key Key, r *run) bool {
	return !c.written[key.Org] || c.now().Sub(r.started) < c.ttl
}

// Get returns key's items from a list that started after org's last write
// that has returned (but for additions, when b says so), after the list
// numbered b.After and, once the process has written to org, within the
// TTL, running fetch when no such list has answered or is running. It
// returns the list's number too, to pass as After when the caller must
// look again. fetch runs on a context that carries ctx's values but not its
// cancellation, since other callers may share it; ctx only bounds the wait.
// The items are shared: callers must not modify them.
func Get[T any](ctx context.Context, c *Cache, key Key, b Bound, fetch func(context.Context) ([]T, error)) ([]T, uint64, error) {
	for {
		c.mu.Lock()
		l := c.lists[key]
		if l == nil {
			l = &list{}
			c.lists[key] = l
		}
		need := c.need(key, b)
		if r := l.last; r != nil && r.seq > need && c.fresh(key, r) {
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
		if r.seq > need { // the bound as of the call: later writes are not the caller's
			return typed[T](r)
		}
		// That list started too early for this caller; the next one serves it.
	}
}

// schedule sets up key's next list and runs it in the background once no
// write to the organization is in flight (or MaxBatchWait has passed); c.mu
// is held. Callers that come meanwhile join it: it starts after their bound,
// whatever it is.
func (c *Cache) schedule(ctx context.Context, key Key, l *list, fetch func(context.Context) (any, error)) *run {
	r := &run{done: make(chan struct{})}
	l.running = r
	go func() {
		c.awaitWrites(key.Org)
		c.mu.Lock()
		c.clock++
		r.seq, r.started = c.clock, c.now()
		c.mu.Unlock()

		items, err := fetch(context.WithoutCancel(ctx))
		c.mu.Lock()
		r.items, r.err = items, err
		l.running = nil
		// Kept if it can answer anyone: the callers that ignore additions
		// too (their bound is the last change, not the last write).
		if err == nil && r.seq > c.changed[key.Org] {
			l.last = r
		}
		c.mu.Unlock()
		close(r.done)
	}()
	return r
}

// signal wakes whoever waits for org's writes; c.mu is held.
func (c *Cache) signal(org string) {
	c.active[org] = c.now()
	if ch := c.activity[org]; ch != nil {
		close(ch)
		delete(c.activity, org)
	}
}

// awaitWrites returns at once when no write to org is in flight or was
// within QuietPeriod (a plan, a read). Otherwise it waits until none is in
// flight, counting the writes sent while it waits, and then for QuietPeriod
// without a new one (the POSTs of a burst arrive one after the other, and
// one list after all of them answers every one's look-up), or until
// MaxBatchWait has passed.
func (c *Cache) awaitWrites(org string) {
	var deadline <-chan time.Time
	for waited := false; ; waited = true {
		c.mu.Lock()
		inFlight := len(c.inFlight[org])
		recent := c.now().Sub(c.active[org]) < QuietPeriod
		ch := c.activity[org]
		if ch == nil {
			ch = make(chan struct{})
			c.activity[org] = ch
		}
		c.mu.Unlock()
		if !waited {
			if inFlight == 0 && !recent {
				return // no burst: list now
			}
			deadline = c.after(MaxBatchWait)
		}
		var quiet <-chan time.Time
		if inFlight == 0 {
			quiet = c.after(QuietPeriod)
		}
		select {
		case <-ch:
		case <-quiet:
			return
		case <-deadline:
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
