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
	items, seq, err := Get(context.Background(), c, key, after, f)
	if err != nil {
		t.Fatal(err)
	}
	return items, seq
}

func TestSnapshotAnswersWithinTTLOnly(t *testing.T) {
	c, clk := newCache()
	var f counter
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

func TestWriteInvalidatesTheOrganization(t *testing.T) {
	c, _ := newCache()
	var f counter
	other := Key{Org: "other", Kind: "gitlab"}
	get(t, c, 0, f.fetch)
	if _, _, err := Get(context.Background(), c, other, 0, f.fetch); err != nil {
		t.Fatal(err)
	}
	c.Wrote("acme")
	if items, _ := get(t, c, 0, f.fetch); items[0] != 3 {
		t.Fatalf("after a write the next read must list again, got list %v", items)
	}
	if items, _, _ := Get(context.Background(), c, other, 0, f.fetch); items[0] != 2 {
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
			items, _, err := Get(context.Background(), c, key, 0, b.fetch)
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
		items, _, _ := Get(context.Background(), c, key, 0, b.fetch)
		early <- items[0]
	}()
	waitWaiters(t, c, 1)
	c.Wrote("acme") // the POST returns while list 1 runs

	late := make(chan int64, 3)
	for range 3 {
		go func() {
			items, _, _ := Get(context.Background(), c, key, 0, b.fetch)
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
	if _, _, err := Get(context.Background(), c, key, 0, f); err == nil {
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
		_, _, err := Get(ctx, c, key, 0, b.fetch)
		errc <- err
	}()
	waitWaiters(t, c, 1)
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// waitPending blocks until key's next list waits for writes with n callers
// on it, without having started.
func waitPending(t *testing.T, c *Cache, n int) {
	t.Helper()
	for {
		c.mu.Lock()
		ok := false
		if l := c.lists[key]; l != nil && l.running != nil {
			ok = l.running.seq == 0 && l.running.waiters >= n
		}
		c.mu.Unlock()
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
// returned waits for the others, and one list, started after all of them,
// answers every look-up.
func TestListWaitsForWritesInFlight(t *testing.T) {
	c, _ := newCache()
	var f counter
	post1, post2 := c.Write("acme"), c.Write("acme")
	post1() // the first POST returns; its look-up must see it

	got := make(chan int64, 2)
	go func() {
		items, _, _ := Get(context.Background(), c, key, 0, f.fetch)
		got <- items[0]
	}()
	waitPending(t, c, 1)
	if f.n.Load() != 0 {
		t.Fatal("the list started while a POST was in flight")
	}
	post2() // the second POST returns; its look-up joins the pending list
	go func() {
		items, _, _ := Get(context.Background(), c, key, 0, f.fetch)
		got <- items[0]
	}()
	if a, b := <-got, <-got; a != 1 || b != 1 || f.n.Load() != 1 {
		t.Fatalf("look-ups got lists %d and %d, %d lists run; want one list for both", a, b, f.n.Load())
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
		items, _, _ := Get(context.Background(), c, key, 0, f.fetch)
		done <- items[0]
	}()
	waitPending(t, c, 1)
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
