package provider

import (
	"context"
	"errors"
	"testing"
	"time"
)

// An interruption is a cancellation, a timeout the deadline: the errors
// that speak of time tell them apart.
func TestInterruptedIsNotTimedOut(t *testing.T) {
	cancelled, cancel := context.WithTimeout(context.Background(), time.Hour)
	cancel()
	expired, stop := context.WithTimeout(context.Background(), -time.Second)
	defer stop()
	if !interrupted(cancelled) || timedOut(cancelled) {
		t.Error("a cancelled operation is interrupted, not timed out")
	}
	if interrupted(expired) || !timedOut(expired) {
		t.Error("an operation past its deadline timed out, and was not interrupted")
	}
	if running := context.Background(); interrupted(running) || timedOut(running) {
		t.Error("a running operation is neither")
	}
}

// The bookkeeping of an interrupted write survives the interruption, keeps
// the operation's values (its log fields), and has a short deadline.
func TestBookkeepingSurvivesTheInterruption(t *testing.T) {
	type key struct{}
	op, cancel := context.WithCancel(context.WithValue(context.Background(), key{}, "fields"))
	cancel()
	b, done := bookkeeping(op)
	defer done()
	if b.Err() != nil {
		t.Fatalf("bookkeeping of an interrupted operation: %v, want a live context", b.Err())
	}
	if b.Value(key{}) != "fields" {
		t.Error("bookkeeping lost the operation's values")
	}
	deadline, ok := b.Deadline()
	if !ok || time.Until(deadline) > bookkeepingTimeout {
		t.Errorf("bookkeeping deadline %v (set %v), want within %s", deadline, ok, bookkeepingTimeout)
	}
}

// What follows a write that took effect keeps the operation's deadline,
// and an interruption gives it bookkeepingTimeout to finish, not less.
func TestFinishingOutlivesAnInterruptionBriefly(t *testing.T) {
	saved := bookkeepingTimeout
	bookkeepingTimeout = 50 * time.Millisecond
	defer func() { bookkeepingTimeout = saved }()

	op, cancel := context.WithTimeout(context.Background(), time.Hour)
	f, done := finishing(op)
	defer done()
	if d, _ := f.Deadline(); !d.Equal(func() time.Time { d, _ := op.Deadline(); return d }()) {
		t.Errorf("finishing's deadline %v is not the operation's", d)
	}
	cancel() // Terraform interrupts the run
	if f.Err() != nil {
		t.Fatalf("finishing ended with the interruption: %v", f.Err())
	}
	select {
	case <-f.Done():
		if !errors.Is(f.Err(), context.Canceled) {
			t.Errorf("finishing ended with %v, want cancelled", f.Err())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("finishing outlived the interruption by far more than bookkeepingTimeout")
	}

	// An operation that ends at its deadline ends what follows with it.
	expired, stop := context.WithTimeout(context.Background(), -time.Second)
	defer stop()
	f2, done2 := finishing(expired)
	defer done2()
	if !errors.Is(f2.Err(), context.DeadlineExceeded) {
		t.Errorf("finishing after the deadline: %v, want the deadline", f2.Err())
	}
}

func TestSeconds(t *testing.T) {
	for d, want := range map[time.Duration]string{2 * time.Second: "2s", 90 * time.Second: "90s", 1500 * time.Millisecond: "2s", 500 * time.Millisecond: "0.5s"} {
		if got := seconds(d); got != want {
			t.Errorf("seconds(%s) = %q, want %q", d, got, want)
		}
	}
}
