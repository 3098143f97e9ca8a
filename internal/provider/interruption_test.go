package provider

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
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

// An operation whose context ended says which way it ended, and names the
// request that was waiting: the shared list when a read waited on it.
func TestOperationEndedSaysInterruptedOrTimedOut(t *testing.T) {
	c, err := client.New(client.Config{BaseURL: "https://api.pulumi.example", Token: "t"})
	if err != nil {
		t.Fatal(err)
	}
	r := newIntegrationResource[gitLabIntegrationModel, *gitLabIntegrationModel](gitLabKind)
	r.data = &providerData{client: c}
	const doing = "Reading the GitLab integration acme/i-1"
	waited := func(ctx context.Context) error {
		return &sharedListWait{Org: "acme", TypeName: "gitlab_integration", Err: ctx.Err()}
	}

	expired, stop := context.WithTimeout(context.Background(), -time.Second)
	defer stop()
	var diags diag.Diagnostics
	if !r.operationEnded(expired, "Read", doing, "timeouts.read", 2*time.Second, waited(expired), &diags) || len(diags) != 1 {
		t.Fatalf("a read past its deadline: %v", diags)
	}
	got := diags[0].Summary() + "\n" + diags[0].Detail()
	for _, want := range []string{"Unable to Read GitLab Integration", doing + " timed out after 2s (timeouts.read)",
		"GET /api/console/orgs/acme/integrations/gitlab,"} {
		if !strings.Contains(got, want) {
			t.Errorf("the timed-out read does not say %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "access token") || strings.Contains(got, "interrupted") {
		t.Errorf("the timed-out read sends the reader to the token, or calls itself interrupted:\n%s", got)
	}

	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	diags = nil
	patch := &client.APIError{Method: "PATCH", Path: "/api/console/orgs/acme/integrations/gitlab/i-1"}
	if !r.operationEnded(cancelled, "Update", "Updating the settings", "timeouts.update", time.Minute, patch, &diags) || len(diags) != 1 {
		t.Fatalf("an interrupted update: %v", diags)
	}
	got = diags[0].Summary() + "\n" + diags[0].Detail()
	if diags[0].Summary() != "GitLab Integration Update Interrupted" || !strings.Contains(got, "PATCH /api/console/orgs/acme/integrations/gitlab/i-1") ||
		strings.Contains(got, "timed out") {
		t.Errorf("the interrupted update says:\n%s", got)
	}

	diags = nil
	if r.operationEnded(context.Background(), "Read", doing, "timeouts.read", time.Minute, errors.New("HTTP 500"), &diags) || len(diags) != 0 {
		t.Errorf("a running operation's error is the API's, not an ending: %v", diags)
	}
}
