package client

import (
	"context"
	"net/http"
	"testing"
)

// OnWrite hears of every write before it is sent and once it has returned,
// failed or not, and of no read: it is what invalidates the provider's
// shared lists.
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
	sent := func() int {
		srv.mu.Lock()
		defer srv.mu.Unlock()
		return len(srv.requests)
	}
	c, err := New(Config{BaseURL: srv.URL, Token: testToken, OnWrite: func(org, method string) func() {
		before := sent()
		return func() {
			if sent() != before+1 {
				t.Errorf("OnWrite(%s): the returned function ran before the write was answered", org)
			}
			heard = append(heard, method+" "+org)
		}
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
	if want := []string{"POST acme", "PATCH other", "DELETE acme"}; len(heard) != 3 || heard[0] != want[0] || heard[1] != want[1] || heard[2] != want[2] {
		t.Fatalf("OnWrite heard %v, want %v (a failed write counts too)", heard, want)
	}
}
