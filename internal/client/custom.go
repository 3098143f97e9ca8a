package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
)

// Custom VCS integrations connect a self-hosted or third-party VCS (Gitea,
// Forgejo, Bitbucket Server, ...) through ESC-held credentials and inbound
// webhooks. Unlike the other kinds, create and update answer the
// integration.

// CustomVCSIntegration is CustomVCSIntegrationResponse. WebhookSecret is only
// answered by the create (and by an update that regenerates it): a secret,
// never log this struct.
type CustomVCSIntegration struct {
	ID            string                `json:"id"`
	Name          string                `json:"name"`
	BaseURL       string                `json:"baseUrl"`
	Environment   string                `json:"environment"`
	VCSType       string                `json:"vcsType"`
	WebhookURL    string                `json:"webhookUrl,omitempty"`
	WebhookSecret string                `json:"webhookSecret,omitempty"`
	Repositories  []CustomVCSRepository `json:"repositories,omitempty"`
	Created       string                `json:"created"`
	Modified      string                `json:"modified"`
}

// CustomVCSRepository is a repository of a custom VCS integration, named
// relative to its base URL.
type CustomVCSRepository struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName,omitempty"`
}

// CreateCustomVCSIntegrationRequest is the body of Create Custom VCS
// Integration. VCSType is "git" (the API's default when empty) or "hg".
type CreateCustomVCSIntegrationRequest struct {
	Name        string `json:"name"`
	BaseURL     string `json:"baseUrl"`
	Environment string `json:"environment"`
	VCSType     string `json:"vcsType,omitempty"`
}

// UpdateCustomVCSIntegrationRequest is the PATCH body; nil fields are left as
// they are. RegenerateWebhookSecret rotates the secret, which the answer carries.
type UpdateCustomVCSIntegrationRequest struct {
	Name                    *string `json:"name,omitempty"`
	BaseURL                 *string `json:"baseUrl,omitempty"`
	Environment             *string `json:"environment,omitempty"`
	RegenerateWebhookSecret bool    `json:"regenerateWebhookSecret,omitempty"`
}

// AddCustomVCSRepositoryRequest is the body of Add Custom VCS Repository.
type AddCustomVCSRepositoryRequest struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName,omitempty"`
}

// removeCustomVCSRepositoryRequest is the body of Remove Custom VCS Repository.
type removeCustomVCSRepositoryRequest struct {
	Name string `json:"name"`
}

type listCustomVCSIntegrationsResponse struct {
	Integrations []CustomVCSIntegration `json:"integrations"`
}

const customKind = "custom"

// ListCustomVCSIntegrations calls GET /integrations/custom.
func (c *Client) ListCustomVCSIntegrations(ctx context.Context, org string) ([]CustomVCSIntegration, error) {
	var out listCustomVCSIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", customKind}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Integrations, nil
}

// CreateCustomVCSIntegration calls POST /integrations/custom, which answers
// 201 with the integration and its webhook secret (409: the name is taken).
// A 204, or an answer without the integration's id, is a
// *MissingAnswerError: the create may well have taken effect.
func (c *Client) CreateCustomVCSIntegration(ctx context.Context, org string, req CreateCustomVCSIntegrationRequest) (*CustomVCSIntegration, error) {
	segments := []string{org, "integrations", customKind}
	var raw json.RawMessage
	if err := c.do(ctx, http.MethodPost, segments, nil, req, &raw); err != nil {
		return nil, err
	}
	return c.promisedIntegration("CreateCustomVCSIntegration", http.StatusCreated, http.MethodPost, segments, raw)
}

// GetCustomVCSIntegration calls GET /integrations/custom/{integrationId}
// (never the webhook secret).
func (c *Client) GetCustomVCSIntegration(ctx context.Context, org, id string) (*CustomVCSIntegration, error) {
	var out CustomVCSIntegration
	if err := c.doIntegration(ctx, http.MethodGet, org, customKind, id, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateCustomVCSIntegration calls PATCH /integrations/custom/{integrationId},
// which answers the integration (with the new secret when regenerated).
// A 204, or an answer without the integration's id, is a *MissingAnswerError.
func (c *Client) UpdateCustomVCSIntegration(ctx context.Context, org, id string, req UpdateCustomVCSIntegrationRequest) (*CustomVCSIntegration, error) {
	var raw json.RawMessage
	if err := c.doIntegration(ctx, http.MethodPatch, org, customKind, id, req, &raw); err != nil {
		return nil, err
	}
	return c.promisedIntegration("UpdateCustomVCSIntegration", http.StatusOK, http.MethodPatch, []string{org, "integrations", customKind, id}, raw)
}

// DeleteCustomVCSIntegration calls DELETE /integrations/custom/{integrationId}.
func (c *Client) DeleteCustomVCSIntegration(ctx context.Context, org, id string) error {
	return c.doIntegration(ctx, http.MethodDelete, org, customKind, id, nil, nil)
}

// AddCustomVCSRepository calls POST /integrations/custom/{integrationId}/repos
// (204; 409 when the name is there already).
func (c *Client) AddCustomVCSRepository(ctx context.Context, org, id string, req AddCustomVCSRepositoryRequest) error {
	return c.doIntegrationSub(ctx, http.MethodPost, org, customKind, id, []string{"repos"}, req, nil)
}

// RemoveCustomVCSRepository calls DELETE /integrations/custom/{integrationId}/repos,
// whose body names the repository.
func (c *Client) RemoveCustomVCSRepository(ctx context.Context, org, id, name string) error {
	return c.doIntegrationSub(ctx, http.MethodDelete, org, customKind, id, []string{"repos"}, removeCustomVCSRepositoryRequest{Name: name}, nil)
}

// MissingAnswerError is a success answer without what its operation
// promises: a 204 (no body) where the OpenAPI document answers the
// integration, or an integration without its id. The request may well have
// taken effect, so it is no refusal: whoever created something looks for
// it before anything else (IsAmbiguous holds for it).
type MissingAnswerError struct {
	Operation string // the OpenAPI operationId, e.g. CreateCustomVCSIntegration
	Method    string
	Path      string
	Promised  int  // the status the operation promises with the integration (201, 200)
	NoBody    bool // the answer was a 204; else it lacked the id
}

func (e *MissingAnswerError) Error() string {
	what := "answered HTTP 204 with no body"
	if !e.NoBody {
		what = "answered an integration without an id"
	}
	return fmt.Sprintf("%s %s: %s %s, where it promises the integration (HTTP %d); whether it took effect is unknown",
		e.Method, e.Path, e.Operation, what, e.Promised)
}

// promisedIntegration decodes the answer of an operation that promises the
// integration: never an integration with an empty id.
func (c *Client) promisedIntegration(operation string, promised int, method string, segments []string, raw json.RawMessage) (*CustomVCSIntegration, error) {
	path := "/" + customKind
	if u, err := c.endpoint(segments, nil); err == nil { // it was sent, so it is valid
		path = u.EscapedPath()
	}
	missing := func(noBody bool) error {
		return &MissingAnswerError{Operation: operation, Method: method, Path: path, Promised: promised, NoBody: noBody}
	}
	if len(raw) == 0 { // do decodes every answer but a 204's
		return nil, missing(true)
	}
	var out CustomVCSIntegration
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("%s %s: decoding the answer: %w", method, path, err)
	}
	// Decoded here rather than by do, so the secret it carries is learned
	// here too: every later error and log line masks it.
	c.learned.learn(out.secretValues())
	if out.ID == "" {
		return nil, missing(false)
	}
	return &out, nil
}
