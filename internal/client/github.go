package client

import (
	"context"
	"fmt"
	"net/http"
)

// GitHubEndpoint selects between the GitHub and GitHub Enterprise Server
// endpoint prefixes, which share their shapes.
type GitHubEndpoint string

const (
	GitHubDotCom           GitHubEndpoint = "github"
	GitHubEnterpriseServer GitHubEndpoint = "github-enterprise"
)

// check refuses any other value, which would call another kind's endpoint.
func (ep GitHubEndpoint) check() error {
	if ep != GitHubDotCom && ep != GitHubEnterpriseServer {
		return fmt.Errorf("%w: unknown GitHub endpoint %q", ErrInvalidRequest, string(ep))
	}
	return nil
}

// GitHubIntegration is GitHubIntegrationDetails (list items and Get answers).
type GitHubIntegration struct {
	AvatarURL                          string                           `json:"avatarUrl,omitempty"`
	ID                                 string                           `json:"id"`
	InstallationID                     int64                            `json:"installationID"`
	AccountID                          int64                            `json:"accountID,omitempty"`
	AccountName                        string                           `json:"accountName,omitempty"`
	IsOrganization                     bool                             `json:"isOrganization"`
	IsSelfHosted                       bool                             `json:"isSelfHosted"`
	Created                            string                           `json:"created,omitempty"`
	DisablePRComments                  bool                             `json:"disablePRComments"`
	DisableNeoSummaries                bool                             `json:"disableNeoSummaries"`
	DisableDetailedDiff                bool                             `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews        bool                             `json:"disableCodeAccessForReviews"`
	HasMembersPermission               bool                             `json:"hasMembersPermission"`
	HasContentsPermission              bool                             `json:"hasContentsPermission"`
	NeoGitHubAppPermissionRequirements []GitHubAppPermissionRequirement `json:"neoGitHubAppPermissionRequirements,omitempty"`
	GHURLs                             *GitHubAppURLs                   `json:"ghUrls,omitempty"`
	InstallationURL                    string                           `json:"installationUrl,omitempty"`
}

// GitHubAppPermissionRequirement is one Neo GitHub App permission check.
type GitHubAppPermissionRequirement struct {
	Name         string `json:"name"`
	Required     string `json:"required"`
	Actual       string `json:"actual"`
	Reason       string `json:"reason"`
	IsSufficient bool   `json:"isSufficient"`
}

// GitHubAppURLs are the GitHub App management URLs of an installation.
type GitHubAppURLs struct {
	InstallationURL  string `json:"installationUrl"`
	ConfigurationURL string `json:"configurationUrl"`
	PermissionsURL   string `json:"permissionsUrl"`
	StateParam       string `json:"stateParam"`
}

// UpdateGitHubIntegrationRequest is the PATCH body; nil fields are left as they are.
type UpdateGitHubIntegrationRequest struct {
	DisablePRComments           *bool `json:"disablePRComments,omitempty"`
	DisableNeoSummaries         *bool `json:"disableNeoSummaries,omitempty"`
	DisableDetailedDiff         *bool `json:"disableDetailedDiff,omitempty"`
	DisableCodeAccessForReviews *bool `json:"disableCodeAccessForReviews,omitempty"`
}

// GitHubSetup is the answer of Start GitHub Setup.
type GitHubSetup struct {
	InstallationURL string `json:"installationUrl"`
}

// GitHubAccessStatus is the answer of Get GitHub Access.
type GitHubAccessStatus struct {
	HasUserToken   bool                          `json:"hasUserToken"`
	HasIntegration bool                          `json:"hasIntegration"`
	AvailableOrgs  []string                      `json:"availableOrgs"`
	Integrations   []GitHubIntegrationPermission `json:"integrations,omitempty"`
}

// GitHubIntegrationPermission is the current user's permission on one installation.
type GitHubIntegrationPermission struct {
	ID            string `json:"id"`
	CanCreateRepo bool   `json:"canCreateRepo"`
}

type listGitHubIntegrationsResponse struct {
	Integrations []GitHubIntegration `json:"integrations"`
}

// ListGitHubIntegrations calls GET /integrations/github (or github-enterprise).
func (c *Client) ListGitHubIntegrations(ctx context.Context, ep GitHubEndpoint, org string) ([]GitHubIntegration, error) {
	if err := ep.check(); err != nil {
		return nil, err
	}
	var out listGitHubIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", string(ep)}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Integrations, nil
}

// GetGitHubIntegration calls GET /integrations/github[-enterprise]/{integrationId}.
func (c *Client) GetGitHubIntegration(ctx context.Context, ep GitHubEndpoint, org, id string) (*GitHubIntegration, error) {
	if err := ep.check(); err != nil {
		return nil, err
	}
	var out GitHubIntegration
	if err := c.doIntegration(ctx, http.MethodGet, org, string(ep), id, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateGitHubIntegration calls PATCH /integrations/github[-enterprise]/{integrationId}.
func (c *Client) UpdateGitHubIntegration(ctx context.Context, ep GitHubEndpoint, org, id string, req UpdateGitHubIntegrationRequest) error {
	if err := ep.check(); err != nil {
		return err
	}
	return c.doIntegration(ctx, http.MethodPatch, org, string(ep), id, req, nil)
}

// DeleteGitHubIntegration calls DELETE /integrations/github[-enterprise]/{integrationId}.
// A 400 means the GitHub App serves several Pulumi organizations.
func (c *Client) DeleteGitHubIntegration(ctx context.Context, ep GitHubEndpoint, org, id string) error {
	if err := ep.check(); err != nil {
		return err
	}
	return c.doIntegration(ctx, http.MethodDelete, org, string(ep), id, nil, nil)
}

// StartGitHubSetup calls POST /integrations/github, which creates nothing and
// answers the URL that installs the Pulumi GitHub App.
func (c *Client) StartGitHubSetup(ctx context.Context, org string) (*GitHubSetup, error) {
	var out GitHubSetup
	if err := c.do(ctx, http.MethodPost, []string{org, "integrations", "github"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetGitHubAccessStatus calls GET /integrations/github/access-status.
func (c *Client) GetGitHubAccessStatus(ctx context.Context, org string) (*GitHubAccessStatus, error) {
	var out GitHubAccessStatus
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "github", "access-status"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
