package provider

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// fakeAPI is a kind's list and GET, counted.
type fakeAPI struct {
	list        []client.GitLabIntegration
	listErr     error
	get         map[string]client.GitLabIntegration
	lists, gets int
}

func (f *fakeAPI) listFn(context.Context, *client.Client, string) ([]client.GitLabIntegration, error) {
	f.lists++
	return f.list, f.listErr
}

func (f *fakeAPI) getFn(_ context.Context, _ *client.Client, _, id string) (*client.GitLabIntegration, error) {
	f.gets++
	if a, ok := f.get[id]; ok {
		return &a, nil
	}
	return nil, &client.APIError{Method: http.MethodGet, Path: "/gitlab/" + id, StatusCode: http.StatusNotFound, Message: "GitLab integration not found"}
}

func (f *fakeAPI) current(d *providerData, id string) (*client.GitLabIntegration, error) {
	return currentIntegration(context.Background(), d, "gitlab_integration", "acme", id, true, f.listFn, f.getFn,
		func(a *client.GitLabIntegration) string { return a.ID })
}

func newTestData() *providerData {
	return &providerData{lists: listcache.New(listcache.DefaultTTL, nil)}
}

func TestCurrentIntegrationAnswersFromOneList(t *testing.T) {
	f := &fakeAPI{list: []client.GitLabIntegration{{ID: "a", GitLabGroupID: 1}, {ID: "b", GitLabGroupID: 2}}}
	d := newTestData()
	for _, id := range []string{"a", "b", "a"} {
		a, err := f.current(d, id)
		if err != nil || a.ID != id {
			t.Fatalf("current(%s) = %v, %v", id, a, err)
		}
	}
	if f.lists != 1 || f.gets != 0 {
		t.Fatalf("three reads made %d lists and %d GETs, want 1 and 0", f.lists, f.gets)
	}
}

// A list may lag: an integration missing from it leaves the state only on
// the GET's 404, never on the list's word.
func TestCurrentIntegrationConfirmsAbsenceWithAGET(t *testing.T) {
	f := &fakeAPI{get: map[string]client.GitLabIntegration{"late": {ID: "late", GitLabGroupID: 3}}}
	d := newTestData()
	a, err := f.current(d, "late")
	if err != nil || a == nil || a.ID != "late" {
		t.Fatalf("an integration the list lacks but the GET has: got %v, %v", a, err)
	}
	if _, err := f.current(d, "gone"); !client.IsNotFound(err) {
		t.Fatalf("an integration neither has: err = %v, want the GET's 404", err)
	}
	if f.lists != 1 || f.gets != 2 {
		t.Fatalf("%d lists and %d GETs, want 1 and 2", f.lists, f.gets)
	}
}

func TestCurrentIntegrationFallsBackToGETWhenTheListFails(t *testing.T) {
	f := &fakeAPI{listErr: &client.APIError{StatusCode: 500, Message: "boom"}, get: map[string]client.GitLabIntegration{"a": {ID: "a"}}}
	if a, err := f.current(newTestData(), "a"); err != nil || a.ID != "a" {
		t.Fatalf("got %v, %v", a, err)
	}
}

// A read whose time runs out while it waits on the shared list reports that
// list, and sends no GET it has no time for.
func TestCurrentIntegrationTimedOutOnTheListSendsNoGET(t *testing.T) {
	f := &fakeAPI{get: map[string]client.GitLabIntegration{"a": {ID: "a"}}}
	release := make(chan struct{})
	defer close(release)
	slowList := func(ctx context.Context, c *client.Client, org string) ([]client.GitLabIntegration, error) {
		<-release
		return f.listFn(ctx, c, org)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := currentIntegration(ctx, newTestData(), "gitlab_integration", "acme", "a", true, slowList, f.getFn,
		func(a *client.GitLabIntegration) string { return a.ID })
	var wait *sharedListWait
	if !errors.As(err, &wait) || !errors.Is(err, context.DeadlineExceeded) || wait.TypeName != "gitlab_integration" || wait.Org != "acme" {
		t.Fatalf("err = %v, want the wait for the gitlab_integration list, timed out", err)
	}
	if f.gets != 0 {
		t.Fatalf("%d GETs after the read's time ran out, want 0", f.gets)
	}
}

// A write of the process (the client's OnWrite) makes the next read list
// again: it sees the write.
func TestCurrentIntegrationAfterOwnWrite(t *testing.T) {
	f := &fakeAPI{list: []client.GitLabIntegration{{ID: "a"}}}
	d := newTestData()
	if _, err := f.current(d, "a"); err != nil {
		t.Fatal(err)
	}
	f.list = []client.GitLabIntegration{{ID: "a", DisablePRComments: true}}
	d.lists.Wrote("acme")
	a, err := f.current(d, "a")
	if err != nil || !a.DisablePRComments || f.lists != 2 {
		t.Fatalf("after a write: %+v, %v, %d lists; want the new list's answer", a, err, f.lists)
	}
}

// Once the provider has written to an organization its snapshots live
// seconds, not a whole apply (the cache's own tests prove the TTL is
// honoured after a write, and that before one a list answers the whole run,
// with an injected clock).
func TestListSnapshotTTLIsSeconds(t *testing.T) {
	if ttl := listcache.DefaultTTL; ttl.Seconds() < 1 || ttl.Seconds() > 10 {
		t.Fatalf("listcache.DefaultTTL = %s; want a few seconds", ttl)
	}
}
