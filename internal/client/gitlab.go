package client

import (
	"context"
	"net/http"
)

// GitLabIntegration is GitLabIntegrationDetails (list items and Get answers).
type GitLabIntegration struct {
	ID                         string                 `json:"id"`
	GitLabGroupID              int64                  `json:"gitLabGroupId"`
	GroupName                  string                 `json:"groupName,omitempty"`
	GroupPath                  string                 `json:"groupPath,omitempty"`
	AvatarURL                  string                 `json:"avatarUrl,omitempty"`
	Installed                  bool                   `json:"installed"`
	Valid                      bool                   `json:"valid"`
	GitLabOrg                  *GitLabAppOrganization `json:"gitLabOrg,omitempty"`
	AuthUser                   *User                  `json:"authUser,omitempty"`
	GroupAccessTokenExpiration string                 `json:"groupAccessTokenExpiration,omitempty"`
	DisablePRComments          bool                   `json:"disablePRComments"`
	DisableNeoSummaries        bool                   `json:"disableNeoSummaries"`
	DisableDetailedDiff        bool                   `json:"disableDetailedDiff"`
}

// GitLabAppOrganization is a GitLab group as the API describes it.
type GitLabAppOrganization struct {
	ID                     int64  `json:"id"`
	Name                   string `json:"name"`
	AvatarURL              string `json:"avatarURL"`
	HasRequiredPermissions bool   `json:"hasRequiredPermissions"`
}

// CreateGitLabIntegrationRequest is the body of Create GitLab Setup.
type CreateGitLabIntegrationRequest struct {
	GitLabGroupID     int64 `json:"gitLabGroupId"`
	UseUserGitLabAuth *bool `json:"useUserGitLabAuth,omitempty"`
}

// UpdateGitLabIntegrationRequest is the PATCH body; nil fields are left as they are.
type UpdateGitLabIntegrationRequest struct {
	DisablePRComments   *bool `json:"disablePRComments,omitempty"`
	DisableNeoSummaries *bool `json:"disableNeoSummaries,omitempty"`
	DisableDetailedDiff *bool `json:"disableDetailedDiff,omitempty"`
}

// GitLabAccessStatus is the answer of Get GitLab Access Status.
type GitLabAccessStatus struct {
	HasUserToken    bool                    `json:"hasUserToken"`
	AvailableGroups []GitLabAppOrganization `json:"availableGroups,omitempty"`
}

type listGitLabIntegrationsResponse struct {
	Integrations []GitLabIntegration `json:"integrations"`
}

// ListGitLabIntegrations calls GET /integrations/gitlab.
func (c *Client) ListGitLabIntegrations(ctx context.Context, org string) ([]GitLabIntegration, error) {
	var out listGitLabIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "gitlab"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Integrations, nil
}

// CreateGitLabIntegration calls POST /integrations/gitlab, which answers 204
// with no body: find the new integration with ListGitLabIntegrations.
func (c *Client) CreateGitLabIntegration(ctx context.Context, org string, req CreateGitLabIntegrationRequest) error {
	return c.do(ctx, http.MethodPost, []string{org, "integrations", "gitlab"}, nil, req, nil)
}

// GetGitLabIntegration calls GET /integrations/gitlab/{integrationId}.
func (c *Client) GetGitLabIntegration(ctx context.Context, org, id string) (*GitLabIntegration, error) {
	var out GitLabIntegration
	if err := c.doIntegration(ctx, http.MethodGet, org, "gitlab", id, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateGitLabIntegration calls PATCH /integrations/gitlab/{integrationId}.
func (c *Client) UpdateGitLabIntegration(ctx context.Context, org, id string, req UpdateGitLabIntegrationRequest) error {
	return c.doIntegration(ctx, http.MethodPatch, org, "gitlab", id, req, nil)
}

// DeleteGitLabIntegration calls DELETE /integrations/gitlab/{integrationId}.
func (c *Client) DeleteGitLabIntegration(ctx context.Context, org, id string) error {
	return c.doIntegration(ctx, http.MethodDelete, org, "gitlab", id, nil, nil)
}

// GetGitLabAccessStatus calls GET /integrations/gitlab/access-status.
func (c *Client) GetGitLabAccessStatus(ctx context.Context, org string) (*GitLabAccessStatus, error) {
	var out GitLabAccessStatus
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "gitlab", "access-status"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
