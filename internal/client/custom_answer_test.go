package client

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// Create and update promise the integration (201, 200). A 204, or an
// answer without the id, is an error naming the operation, never an
// integration with an empty id; and since the request may have taken
// effect, it is ambiguous: a create looks before it resends.
func TestCustomVCSMissingAnswer(t *testing.T) {
	for _, c := range []struct {
		name, body string
		status     int
		noBody     bool
	}{
		{"no content", "", http.StatusNoContent, true},
		{"no id", `{"name":"Forgejo","baseUrl":"https://f.example/acme"}`, http.StatusCreated, false},
		{"null", `null`, http.StatusOK, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, c.status, c.body) })
			cl := newTestClient(t, srv.URL, 0)
			calls := []struct {
				operation, method string
				call              func() (*CustomVCSIntegration, error)
			}{
				{"CreateCustomVCSIntegration", "POST", func() (*CustomVCSIntegration, error) {
					return cl.CreateCustomVCSIntegration(t.Context(), "acme", CreateCustomVCSIntegrationRequest{Name: "Forgejo"})
				}},
				{"UpdateCustomVCSIntegration", "PATCH", func() (*CustomVCSIntegration, error) {
					return cl.UpdateCustomVCSIntegration(t.Context(), "acme", "int-1", UpdateCustomVCSIntegrationRequest{})
				}},
			}
			for _, call := range calls {
				got, err := call.call()
				if got != nil {
					t.Errorf("%s answered %d: got integration %+v, want none", call.operation, c.status, got)
				}
				var missing *MissingAnswerError
				if !errors.As(err, &missing) {
					t.Fatalf("%s answered %d: error %v, want a *MissingAnswerError", call.operation, c.status, err)
				}
				if missing.Operation != call.operation || missing.Method != call.method || missing.NoBody != c.noBody ||
					!strings.HasPrefix(missing.Path, "/api/console/orgs/acme/integrations/custom") {
					t.Errorf("%s answered %d: %+v", call.operation, c.status, missing)
				}
				if !strings.Contains(err.Error(), call.operation) {
					t.Errorf("the error %q does not name %s", err, call.operation)
				}
				if !IsAmbiguous(err) {
					t.Errorf("%s answered %d: not ambiguous, but it may have taken effect", call.operation, c.status)
				}
			}
		})
	}
}

// The promised answer decodes as before.
func TestCustomVCSCreateAnswered(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		answer(w, http.StatusCreated, `{"id":"int-1","name":"Forgejo","webhookSecret":"s"}`)
	})
	got, err := newTestClient(t, srv.URL, 0).CreateCustomVCSIntegration(t.Context(), "acme", CreateCustomVCSIntegrationRequest{Name: "Forgejo"})
	if err != nil || got.ID != "int-1" || got.WebhookSecret != "s" {
		t.Fatalf("create = %+v, %v", got, err)
	}
}
