package client

import (
	"context"
	"net/http"
)

// BitbucketIntegration is BitBucketIntegrationDetails (list items and Get answers).
type BitbucketIntegration struct {
	ID                  string `json:"id"`
	WorkspaceUUID       string `json:"workspaceUuid"`
	WorkspaceSlug       string `json:"workspaceSlug"`
	WorkspaceName       string `json:"workspaceName,omitempty"`
	AvatarURL           string `json:"avatarUrl,omitempty"`
	Installed           bool   `json:"installed"`
	Valid               bool   `json:"valid"`
	AuthType            string `json:"authType,omitempty"`
	AuthUser            *User  `json:"authUser,omitempty"`
	DisablePRComments   bool   `json:"disablePRComments"`
	DisableNeoSummaries bool   `json:"disableNeoSummaries"`
	DisableDetailedDiff bool   `json:"disableDetailedDiff"`
}

// CreateBitbucketIntegrationRequest is the body of Create BitBucket Setup.
// WorkspaceAccessToken is a secret: never log this struct.
type CreateBitbucketIntegrationRequest struct {
	WorkspaceUUID        string `json:"workspaceUuid"`
	WorkspaceSlug        string `json:"workspaceSlug"`
	UseUserAuth          *bool  `json:"useUserAuth,omitempty"`
	WorkspaceAccessToken string `json:"workspaceAccessToken,omitempty"`
}

// UpdateBitbucketIntegrationRequest is the PATCH body; nil fields are left as they are.
type UpdateBitbucketIntegrationRequest struct {
	DisablePRComments   *bool `json:"disablePRComments,omitempty"`
	DisableNeoSummaries *bool `json:"disableNeoSummaries,omitempty"`
	DisableDetailedDiff *bool `json:"disableDetailedDiff,omitempty"`
}

// BitbucketAccessStatus is the answer of Get BitBucket Access Status.
type BitbucketAccessStatus struct {
	HasUserToken        bool                 `json:"hasUserToken"`
	AvailableWorkspaces []BitbucketWorkspace `json:"availableWorkspaces,omitempty"`
}

// BitbucketWorkspace is a workspace available for a new integration.
type BitbucketWorkspace struct {
	UUID      string `json:"uuid"`
	Name      string `json:"name"`
	Slug      string `json:"slug"`
	AvatarURL string `json:"avatarUrl,omitempty"`
}

type listBitbucketIntegrationsResponse struct {
	Integrations []BitbucketIntegration `json:"integrations"`
}

// ListBitbucketIntegrations calls GET /integrations/bitbucket.
func (c *Client) ListBitbucketIntegrations(ctx context.Context, org string) ([]BitbucketIntegration, error) {
	var out listBitbucketIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "bitbucket"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Integrations, nil
}

// CreateBitbucketIntegration calls POST /integrations/bitbucket, which answers
// 204 with no body: find the new integration with ListBitbucketIntegrations.
func (c *Client) CreateBitbucketIntegration(ctx context.Context, org string, req CreateBitbucketIntegrationRequest) error {
	return c.do(ctx, http.MethodPost, []string{org, "integrations", "bitbucket"}, nil, req, nil)
}

// GetBitbucketIntegration calls GET /integrations/bitbucket/{integrationId}.
func (c *Client) GetBitbucketIntegration(ctx context.Context, org, id string) (*BitbucketIntegration, error) {
	var out BitbucketIntegration
	if err := c.doIntegration(ctx, http.MethodGet, org, "bitbucket", id, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateBitbucketIntegration calls PATCH /integrations/bitbucket/{integrationId}.
func (c *Client) UpdateBitbucketIntegration(ctx context.Context, org, id string, req UpdateBitbucketIntegrationRequest) error {
	return c.doIntegration(ctx, http.MethodPatch, org, "bitbucket", id, req, nil)
}

// DeleteBitbucketIntegration calls DELETE /integrations/bitbucket/{integrationId}.
func (c *Client) DeleteBitbucketIntegration(ctx context.Context, org, id string) error {
	return c.doIntegration(ctx, http.MethodDelete, org, "bitbucket", id, nil, nil)
}

// GetBitbucketAccessStatus calls GET /integrations/bitbucket/access-status.
func (c *Client) GetBitbucketAccessStatus(ctx context.Context, org string) (*BitbucketAccessStatus, error) {
	var out BitbucketAccessStatus
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "bitbucket", "access-status"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
