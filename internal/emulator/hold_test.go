package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// heldServer is an emulator on loopback (held answers need a real
// connection that a client can give up on) and its base URL.
func heldServer(t *testing.T) (*Emulator, string) {
	t.Helper()
	e := newEmu(t, Options{Unseeded: true})
	base, err := e.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.ReleaseHeld(); _ = e.Close() })
	return e, base
}

type answer struct {
	status int
	body   string
	err    error
}

// send sends an API request in the background; its answer arrives on the channel.
func send(ctx context.Context, base, method, path, body string) <-chan answer {
	out := make(chan answer, 1)
	go func() {
		req, err := http.NewRequestWithContext(ctx, method, base+"/api/console/orgs/"+org+"/integrations"+path, strings.NewReader(body))
		if err != nil {
			out <- answer{err: err}
			return
		}
		req.Header.Set("Authorization", "token "+DefaultToken)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			out <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		out <- answer{status: resp.StatusCode, body: string(b)}
	}()
	return out
}

func awaitHeld(t *testing.T, e *Emulator, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	if err := e.AwaitHeld(ctx, n); err != nil {
		t.Fatal(err)
	}
}

func gitLabGroups(e *Emulator) []any {
	var ids []any
	for _, in := range e.Integrations(org, "gitlab") {
		ids = append(ids, in["gitLabGroupId"])
	}
	return ids
}

// A held create has taken effect while its client still waits; released,
// the client gets the answer the create gave.
func TestHoldCreateTakesEffectBeforeTheAnswer(t *testing.T) {
	e, base := heldServer(t)
	if err := e.HoldAnswers(HoldRule{Method: "POST", PathSuffix: "/integrations/gitlab"}); err != nil {
		t.Fatal(err)
	}
	got := send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`)
	awaitHeld(t, e, 1)
	if groups := gitLabGroups(e); len(groups) != 1 {
		t.Fatalf("while the answer is held the GitLab integrations are %v, want the one created", groups)
	}
	select {
	case a := <-got:
		t.Fatalf("the client got its answer (%+v) before it was released", a)
	default:
	}
	if n := e.ReleaseHeld(); n != 1 {
		t.Errorf("ReleaseHeld released %d answers, want 1", n)
	}
	if a := <-got; a.err != nil || a.status != http.StatusNoContent {
		t.Fatalf("released answer = %+v, want the create's 204", a)
	}
	if n := e.HeldAnswers(); n != 0 {
		t.Errorf("after the release %d answers are held", n)
	}
	// The rules went with the release: the next write answers at once.
	if a := <-send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7002}`); a.status != http.StatusNoContent {
		t.Fatalf("create after the release = %+v", a)
	}
}

// A hold with a duration ends by itself, and Count limits how many answers a
// rule holds.
func TestHoldForADurationAndCount(t *testing.T) {
	e, base := heldServer(t)
	if err := e.HoldAnswers(HoldRule{Method: "POST", For: 50 * time.Millisecond, Count: 1}); err != nil {
		t.Fatal(err)
	}
	first := send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`)
	awaitHeld(t, e, 1)
	if a := <-first; a.status != http.StatusNoContent {
		t.Fatalf("held create = %+v, want its 204 once the hold ran out", a)
	}
	// The rule held its one answer and lapsed: this one is not held (a held
	// one would wait until the test's cleanup released it).
	if a := <-send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7002}`); a.status != http.StatusNoContent {
		t.Fatalf("second create = %+v", a)
	}
	if n := e.HeldAnswers(); n != 0 {
		t.Errorf("%d answers held after both creates answered", n)
	}
}

// A client that gives up ends the hold; the write stays done.
func TestHoldEndsWhenTheClientGivesUp(t *testing.T) {
	e, base := heldServer(t)
	if err := e.HoldAnswers(HoldRule{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	got := send(ctx, base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`)
	awaitHeld(t, e, 1)
	cancel()
	if a := <-got; !errors.Is(a.err, context.Canceled) {
		t.Fatalf("cancelled request = %+v, want context.Canceled", a)
	}
	wait, stop := context.WithTimeout(t.Context(), 10*time.Second)
	defer stop()
	for e.HeldAnswers() != 0 {
		if wait.Err() != nil {
			t.Fatal("the hold did not end when its client gave up")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if groups := gitLabGroups(e); len(groups) != 1 {
		t.Fatalf("GitLab integrations after the client gave up: %v, want the one created", groups)
	}
}

// PATCH and DELETE are held like creates, PathSuffix picks the requests,
// reads and refusals are never held.
func TestHoldPatchDeleteAndWhatIsNotHeld(t *testing.T) {
	e, base := heldServer(t)
	if a := <-send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`); a.status != http.StatusNoContent {
		t.Fatalf("create = %+v", a)
	}
	id, _ := e.Integrations(org, "gitlab")[0]["id"].(string)
	if err := e.HoldAnswers(HoldRule{Method: "patch", PathSuffix: "/gitlab/" + id}); err != nil {
		t.Fatal(err)
	}
	if err := e.HoldAnswers(HoldRule{Method: "DELETE", PathSuffix: "/gitlab/" + id}); err != nil {
		t.Fatal(err)
	}
	// Not held: a read, a write elsewhere, a refused write (409).
	if a := <-send(t.Context(), base, "GET", "/gitlab/"+id, ""); a.status != http.StatusOK {
		t.Fatalf("GET = %+v", a)
	}
	if a := <-send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7002}`); a.status != http.StatusNoContent {
		t.Fatalf("create of another group = %+v", a)
	}
	if err := e.HoldAnswers(HoldRule{Method: "POST", PathSuffix: "/integrations/gitlab"}); err != nil {
		t.Fatal(err)
	}
	if a := <-send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`); a.status != http.StatusConflict {
		t.Fatalf("refused create = %+v, want its 409 at once", a)
	}

	patched := send(t.Context(), base, "PATCH", "/gitlab/"+id, `{"disablePRComments": true}`)
	awaitHeld(t, e, 1)
	if in, _ := e.Integration(org, "gitlab", id); in["disablePRComments"] != true {
		t.Fatalf("while the PATCH's answer is held the integration is %v, want it patched", in)
	}
	deleted := send(t.Context(), base, "DELETE", "/gitlab/"+id, "")
	awaitHeld(t, e, 2)
	if _, ok := e.Integration(org, "gitlab", id); ok {
		t.Fatal("while the DELETE's answer is held the integration still exists")
	}
	select {
	case a := <-patched:
		t.Fatalf("the PATCH was answered (%+v) before its release", a)
	case a := <-deleted:
		t.Fatalf("the DELETE was answered (%+v) before its release", a)
	default:
	}
	if n := e.ReleaseHeld(); n != 2 {
		t.Errorf("ReleaseHeld released %d answers, want the PATCH's and the DELETE's", n)
	}
	if a := <-patched; a.status != http.StatusNoContent {
		t.Errorf("released PATCH = %+v", a)
	}
	if a := <-deleted; a.status != http.StatusNoContent {
		t.Errorf("released DELETE = %+v", a)
	}
}

func TestHoldRuleValidation(t *testing.T) {
	e := newEmu(t, Options{})
	for _, bad := range []HoldRule{{Method: "GET"}, {For: -time.Second}, {Count: -1}} {
		if err := e.HoldAnswers(bad); err == nil {
			t.Errorf("HoldAnswers(%+v) accepted", bad)
		}
	}
}

// The control surface sets a hold, reports the held answers and releases them.
func TestHoldControlSurface(t *testing.T) {
	e, base := heldServer(t)
	ctl := func(method, path, body string) (int, map[string]any) {
		t.Helper()
		req, err := http.NewRequestWithContext(t.Context(), method, base+"/_emulator/holds"+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var m map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&m)
		return resp.StatusCode, m
	}
	if code, _ := ctl("POST", "", `{"method":"GET"}`); code != http.StatusBadRequest {
		t.Errorf("a hold of reads answered %d, want 400", code)
	}
	if code, _ := ctl("POST", "", `{"method":"POST","pathSuffix":"/integrations/gitlab","forMs":60000}`); code != http.StatusNoContent {
		t.Fatalf("POST /_emulator/holds answered %d", code)
	}
	got := send(t.Context(), base, "POST", "/gitlab", `{"gitLabGroupId": 7001}`)
	awaitHeld(t, e, 1)
	if _, m := ctl("GET", "", ""); m["held"] != float64(1) {
		t.Errorf("GET /_emulator/holds = %v, want held 1", m)
	}
	if _, m := ctl("DELETE", "", ""); m["released"] != float64(1) {
		t.Errorf("DELETE /_emulator/holds = %v, want released 1", m)
	}
	if a := <-got; a.status != http.StatusNoContent {
		t.Fatalf("released create = %+v", a)
	}
}
