package client

import (
	"context"
	"net/http"
	"testing"
)

// OnWrite hears of every write once it has returned, failed or not, and of
// no read: it is what invalidates the provider's shared lists.
func TestOnWriteAfterEveryWriteOnly(t *testing.T) {
	status := http.StatusNoContent
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"integrations":[]}`))
			return
		}
		w.WriteHeader(status)
	})
	var heard []string
	c, err := New(Config{BaseURL: srv.URL, Token: testToken, OnWrite: func(org string) {
		srv.mu.Lock()
		n := len(srv.requests)
		sent := n > 0 && srv.requests[n-1].Method != http.MethodGet
		srv.mu.Unlock()
		if !sent {
			t.Errorf("OnWrite(%s) before the write was sent", org)
		}
		heard = append(heard, org)
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := c.ListGitLabIntegrations(ctx, "acme"); err != nil {
		t.Fatal(err)
	}
	if len(heard) != 0 {
		t.Fatalf("a list was taken for a write: %v", heard)
	}
	_ = c.CreateGitLabIntegration(ctx, "acme", CreateGitLabIntegrationRequest{GitLabGroupID: 1})
	_ = c.UpdateGitLabIntegration(ctx, "other", "id1", UpdateGitLabIntegrationRequest{})
	status = http.StatusBadRequest
	if err := c.DeleteGitLabIntegration(ctx, "acme", "id1"); err == nil {
		t.Fatal("want the 400")
	}
	if want := []string{"acme", "other", "acme"}; len(heard) != 3 || heard[0] != want[0] || heard[1] != want[1] || heard[2] != want[2] {
		t.Fatalf("OnWrite heard %v, want %v (a failed write counts too)", heard, want)
	}
}
