package listcache

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var key = Key{Org: "acme", Kind: "gitlab"}

// fakeClock is a clock tests move by hand: no test here waits on time.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (f *fakeClock) now() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return f.t }
func (f *fakeClock) add(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
}

func newCache() (*Cache, *fakeClock) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	return New(DefaultTTL, clk.now), clk
}

// counter is a fetch that answers its call number.
type counter struct{ n atomic.Int64 }

func (c *counter) fetch(context.Context) ([]int64, error) { return []int64{c.n.Add(1)}, nil }

func get(t *testing.T, c *Cache, after uint64, f func(context.Context) ([]int64, error)) ([]int64, uint64) {
	t.Helper()
	items, seq, err := Get(context.Background(), c, key, Bound{After: after}, f)
	if err != nil {
		t.Fatal(err)
	}
	return items, seq
}

// Before the process's first write to the organization (a plan, a refresh)
// one list answers for the whole run, however long it takes.
func TestSnapshotLivesTheRunWithoutWrites(t *testing.T) {
	c, clk := newCache()
	var f counter
	get(t, c, 0, f.fetch)
	c.Wrote("other") // another organization's writes do not bound acme's lists
	for range 3 {
		clk.add(time.Hour)
		if items, _ := get(t, c, 0, f.fetch); items[0] != 1 {
			t.Fatalf("without a write to acme the first list should answer, got list %v", items)
		}
	}
	if f.n.Load() != 1 {
		t.Fatalf("%d lists, want 1", f.n.Load())
	}
}

// Once the process has written to the organization, a list answers for the
// TTL after it started, no longer.
func TestSnapshotAnswersWithinTTLOnlyAfterAWrite(t *testing.T) {
	c, clk := newCache()
	var f counter
	c.Wrote("acme")
	if items, _ := get(t, c, 0, f.fetch); items[0] != 1 {
		t.Fatalf("first Get: %v", items)
	}
	clk.add(DefaultTTL - time.Nanosecond)
	if items, _ := get(t, c, 0, f.fetch); items[0] != 1 {
		t.Fatalf("within the TTL the snapshot should answer, got list %v", items)
	}
	clk.add(time.Nanosecond) // the TTL counts from the list's start
	if items, _ := get(t, c, 0, f.fetch); items[0] != 2 {
		t.Fatalf("at the TTL a new list should run, got list %v", items)
	}
	if f.n.Load() != 2 {
		t.Fatalf("%d lists, want 2", f.n.Load())
	}
}

// A write that only adds (a create's POST) leaves the last list good for a
// look-up that ignores additions (is this create's key there already?),
// not for a read after the write; any other write ends it for both.
func TestAdditionsLeaveLookupsThatIgnoreThem(t *testing.T) {
	c, clk := newCache()
	var f counter
	presence := func() int64 {
		t.Helper()
		items, _, err := Get(context.Background(), c, key, Bound{IgnoreAdditions: true}, f.fetch)
		if err != nil {
			t.Fatal(err)
		}
		return items[0]
	}
	if got := presence(); got != 1 {
		t.Fatalf("first look-up: list %d", got)
	}
	c.WriteAdding("acme")() // another create's POST returns
	if got := presence(); got != 1 {
		t.Fatalf("after an addition a look-up that ignores additions got list %d, want list 1", got)
	}
	if items, _ := get(t, c, 0, f.fetch); items[0] != 2 {
		t.Fatalf("a read after the addition got list %v, want a new one", items)
	}
	c.Wrote("acme") // a delete or update returns
	if got := presence(); got != 3 {
		t.Fatalf("after a change the look-up got list %d, want a new one", got)
	}
	clk.add(DefaultTTL) // the TTL bounds them too once the process has written
	if got := presence(); got != 4 {
		t.Fatalf("after the TTL the look-up got list %d, want a new one", got)
	}
}

func TestWriteInvalidatesTheOrganization(t *testing.T) {
	c, _ := newCache()
	var f counter
	other := Key{Org: "other", Kind: "gitlab"}
	get(t, c, 0, f.fetch)
	if _, _, err := Get(context.Background(), c, other, Bound{}, f.fetch); err != nil {
		t.Fatal(err)
	}
	c.Wrote("acme")
	if items, _ := get(t, c, 0, f.fetch); items[0] != 3 {
		t.Fatalf("after a write the next read must list again, got list %v", items)
	}
	if items, _, _ := Get(context.Background(), c, other, Bound{}, f.fetch); items[0] != 2 {
		t.Fatalf("a write to acme must not invalidate another organization, got list %v", items)
	}
}

func TestAfterAsksForALaterList(t *testing.T) {
	c, _ := newCache()
	var f counter
	_, seq := get(t, c, 0, f.fetch)
	if items, _ := get(t, c, 0, f.fetch); items[0] != 1 {
		t.Fatal("the snapshot should answer a Get without a bound")
	}
	if items, seq2 := get(t, c, seq, f.fetch); items[0] != 2 || seq2 <= seq {
		t.Fatalf("Get after list %d answered list %v (number %d)", seq, items, seq2)
	}
}

// blockingFetch answers when released, counting its calls.
type blockingFetch struct {
	calls   atomic.Int64
	release chan struct{}
}

func (b *blockingFetch) fetch(context.Context) ([]int64, error) {
	n := b.calls.Add(1)
	<-b.release
	return []int64{n}, nil
}

// waitWaiters blocks until n callers wait on key's running list: the test
// observes the cache's state rather than sleeping.
func waitWaiters(t *testing.T, c *Cache, n int) {
	t.Helper()
	for {
		c.mu.Lock()
		w := 0
		if l := c.lists[key]; l != nil && l.running != nil {
			w = l.running.waiters
		}
		c.mu.Unlock()
		if w >= n {
			return
		}
		if t.Context().Err() != nil {
			t.Fatal("gave up waiting")
		}
		time.Sleep(time.Millisecond) // polls state; asserts nothing about time
	}
}

func TestConcurrentReadsShareOneList(t *testing.T) {
	c, _ := newCache()
	b := &blockingFetch{release: make(chan struct{})}
	const readers = 20
	var wg sync.WaitGroup
	results := make([]int64, readers)
	for i := range readers {
		wg.Go(func() {
			items, _, err := Get(context.Background(), c, key, Bound{}, b.fetch)
			if err != nil {
				t.Error(err)
				return
			}
			results[i] = items[0]
		})
	}
	waitWaiters(t, c, readers)
	close(b.release)
	wg.Wait()
	if n := b.calls.Load(); n != 1 {
		t.Fatalf("%d readers ran %d lists, want 1", readers, n)
	}
	for i, r := range results {
		if r != 1 {
			t.Fatalf("reader %d got list %d", i, r)
		}
	}
}

// A list that started before a write returned must not answer a read made
// after it: the after-POST lookup waits for the next list instead.
func TestListStartedBeforeAWriteDoesNotAnswerAfterIt(t *testing.T) {
	c, _ := newCache()
	b := &blockingFetch{release: make(chan struct{})}
	early := make(chan int64, 1)
	go func() {
		items, _, _ := Get(context.Background(), c, key, Bound{}, b.fetch)
		early <- items[0]
	}()
	waitWaiters(t, c, 1)
	c.Wrote("acme") // the POST returns while list 1 runs

	late := make(chan int64, 3)
	for range 3 {
		go func() {
			items, _, _ := Get(context.Background(), c, key, Bound{}, b.fetch)
			late <- items[0]
		}()
	}
	waitWaiters(t, c, 4) // the three queue on list 1, which cannot serve them
	close(b.release)     // list 1 answers; list 2 starts and answers at once
	if got := <-early; got != 1 {
		t.Fatalf("the early reader got list %d", got)
	}
	for range 3 {
		if got := <-late; got != 2 {
			t.Fatalf("a reader after the write got list %d, want 2 (started after the write)", got)
		}
	}
	if n := b.calls.Load(); n != 2 {
		t.Fatalf("%d lists, want 2: the three later readers share one", n)
	}
}

func TestErrorsAreNotKept(t *testing.T) {
	c, _ := newCache()
	fail := true
	f := func(context.Context) ([]int64, error) {
		if fail {
			return nil, errors.New("boom")
		}
		return []int64{7}, nil
	}
	if _, _, err := Get(context.Background(), c, key, Bound{}, f); err == nil {
		t.Fatal("want the list's error")
	}
	fail = false
	if items, _ := get(t, c, 0, f); items[0] != 7 {
		t.Fatalf("after a failed list the next Get should list again, got %v", items)
	}
}

func TestCancelledCallerStopsWaiting(t *testing.T) {
	c, _ := newCache()
	b := &blockingFetch{release: make(chan struct{})}
	defer close(b.release)
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() {
		_, _, err := Get(ctx, c, key, Bound{}, b.fetch)
		errc <- err
	}()
	waitWaiters(t, c, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// waitPending blocks until key's next list waits for writes with n callers
// on it, without having started; it fails when started reports a list has.
func waitPending(t *testing.T, c *Cache, n int, started func() bool) {
	t.Helper()
	for {
		c.mu.Lock()
		ok := false
		if l := c.lists[key]; l != nil {
			ok = l.running != nil && l.running.seq == 0 && l.running.waiters >= n
		}
		c.mu.Unlock()
		if started() {
			t.Fatal("the list started while writes were in flight")
		}
		if ok {
			return
		}
		if t.Context().Err() != nil {
			t.Fatal("gave up waiting")
		}
		time.Sleep(time.Millisecond) // polls state; asserts nothing about time
	}
}

// Parallel creates: while POSTs are in flight, the look-up of one that has
// returned waits for the others, including one sent while it waits, and
// one list, started after all of them, answers every look-up.
func TestListWaitsForWritesInFlight(t *testing.T) {
	c, _ := newCache()
	var f counter
	post1, post2 := c.WriteAdding("acme"), c.WriteAdding("acme")
	post1() // the first POST returns; its look-up must see it

	listed := func() bool { return f.n.Load() > 0 }
	got := make(chan int64, 3)
	lookup := func() {
		items, _, _ := Get(context.Background(), c, key, Bound{}, f.fetch)
		got <- items[0]
	}
	go lookup()
	waitPending(t, c, 1, listed)
	post3 := c.WriteAdding("acme") // a third create POSTs while the list waits
	post2()                        // the second POST returns; its look-up joins the pending list
	go lookup()
	waitPending(t, c, 2, listed)
	post3() // then the quiet period, on the real clock
	go lookup()
	a, b, d := <-got, <-got, <-got
	if a != 1 || b != 1 || d != 1 || f.n.Load() != 1 {
		t.Fatalf("look-ups got lists %d, %d and %d, %d lists run; want one list for all three", a, b, d, f.n.Load())
	}
}

// A burst of creates, ten at a time as Terraform runs them, one after the
// other: each looks its key up (ignoring additions) while the previous
// one's POST is still in flight, POSTs, and once the POST returns looks the
// new integration up in a list that started after it. The look-ups after
// the POSTs of a wave share one list, which waits for the POSTs in flight
// (also those sent while it waits) and then for the quiet period, and the
// next wave's look-ups before their POSTs are answered by it: one list per
// wave, not one per two creates.
func TestBurstOfCreatesSharesItsLists(t *testing.T) {
	c, _ := newCache()
	var mu sync.Mutex
	var quiet chan time.Time // this wave's quiet period, ended by the test
	c.after = func(d time.Duration) <-chan time.Time {
		if d != QuietPeriod {
			return nil // no deadline: the writes decide
		}
		mu.Lock()
		defer mu.Unlock()
		return quiet
	}
	var f counter
	const parallelism, waves = 10, 5
	for wave := range waves {
		mu.Lock()
		quiet = make(chan time.Time)
		mu.Unlock()
		lists := f.n.Load()
		if wave == 0 {
			lists++ // the first look-up's
		}
		started := func() bool { return f.n.Load() > lists }

		var wg sync.WaitGroup
		seen := make([]int64, parallelism)
		returned := func(i int, post func()) {
			post()
			wg.Go(func() {
				items, _, err := Get(context.Background(), c, key, Bound{}, f.fetch)
				if err != nil {
					t.Error(err)
					return
				}
				seen[i] = items[0]
			})
			waitPending(t, c, i+1, started) // it waits with the others, not started
		}
		var prev func()
		for i := range parallelism {
			// Answered at once by the last list; the bound only turns a
			// deadlock (waiting for a list that waits for this POST) into
			// a failure.
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			_, _, err := Get(ctx, c, key, Bound{IgnoreAdditions: true}, f.fetch)
			cancel()
			if err != nil {
				t.Fatalf("wave %d: create %d's look-up before its POST: %v", wave, i, err)
			}
			if wave > 0 && started() {
				t.Fatalf("wave %d: create %d's look-up before its POST ran a list", wave, i)
			}
			post := c.WriteAdding("acme")
			if prev != nil {
				returned(i-1, prev) // the previous create's POST returns after this one's was sent
			}
			prev = post
		}
		returned(parallelism-1, prev) // no write in flight now: the quiet period runs
		mu.Lock()
		close(quiet)
		mu.Unlock()
		wg.Wait()
		for i, s := range seen {
			if s != int64(wave)+2 {
				t.Fatalf("wave %d: create %d was answered by list %d, want %d (the one after every POST of the wave)", wave, i, s, wave+2)
			}
		}
	}
	if n := f.n.Load(); n != waves+1 {
		t.Fatalf("%d creates ran %d lists, want %d: one per wave and the first look-up", waves*parallelism, n, waves+1)
	}
}

// A write that never returns holds a list back for MaxBatchWait at most (the
// timer is the test's, not the clock's).
func TestListWaitsForWritesAtMostMaxBatchWait(t *testing.T) {
	c, _ := newCache()
	fire := make(chan time.Time)
	var asked time.Duration
	c.after = func(d time.Duration) <-chan time.Time { asked = d; return fire }
	var f counter
	_ = c.Write("acme") // in flight for good
	done := make(chan int64)
	go func() {
		items, _, _ := Get(context.Background(), c, key, Bound{}, f.fetch)
		done <- items[0]
	}()
	waitPending(t, c, 1, func() bool { return f.n.Load() > 0 })
	close(fire)
	if got := <-done; got != 1 || asked != MaxBatchWait {
		t.Fatalf("got list %d after a wait of %s; want list 1 after MaxBatchWait", got, asked)
	}
}

// Writes to another organization do not hold a list back.
func TestListIgnoresOtherOrganizationsWrites(t *testing.T) {
	c, _ := newCache()
	c.after = func(time.Duration) <-chan time.Time { t.Error("waited for another organization's write"); return nil }
	_ = c.Write("other")
	var f counter
	if items, _ := get(t, c, 0, f.fetch); items[0] != 1 {
		t.Fatalf("got %v", items)
	}
}
