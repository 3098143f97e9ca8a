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
	DisableDraftPRComments             bool                             `json:"disableDraftPRComments"`
	IndividualAuthEnabled              bool                             `json:"individualAuthEnabled"`
	HasMembersPermission               bool                             `json:"hasMembersPermission"`
	HasContentsPermission              bool                             `json:"hasContentsPermission"`
	NeoGitHubAppPermissionRequirements []GitHubAppPermissionRequirement `json:"neoGitHubAppPermissionRequirements,omitempty"`
	GHURLs                             *GitHubAppURLs                   `json:"ghUrls,omitempty"`
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
	DisableDraftPRComments      *bool `json:"disableDraftPRComments,omitempty"`
	IndividualAuthEnabled       *bool `json:"individualAuthEnabled,omitempty"`
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

// ListGitHubIntegrationsResponse is the answer of List GitHub (and GitHub
// Enterprise) Integrations: the installations, and the URL that installs the
// Pulumi GitHub App for the organization.
type ListGitHubIntegrationsResponse struct {
	Integrations    []GitHubIntegration `json:"integrations"`
	InstallationURL string              `json:"installationUrl,omitempty"`
}

// ListGitHubIntegrations calls GET /integrations/github (or github-enterprise).
func (c *Client) ListGitHubIntegrations(ctx context.Context, ep GitHubEndpoint, org string) (*ListGitHubIntegrationsResponse, error) {
	if err := ep.check(); err != nil {
		return nil, err
	}
	var out ListGitHubIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", string(ep)}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
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

// ClaimGitHubIntegrationRequest is the body of Claim GitHub Integration.
type ClaimGitHubIntegrationRequest struct {
	InstallationID int64 `json:"installationId"`
}

// ClaimableGitHubIntegration is an installation of the Pulumi GitHub App that
// no Pulumi organization has linked yet.
type ClaimableGitHubIntegration struct {
	InstallationID   int64  `json:"installationId"`
	AccountLogin     string `json:"accountLogin,omitempty"`
	AccountAvatarURL string `json:"accountAvatarUrl,omitempty"`
	IsOrganization   bool   `json:"isOrganization"`
}

type claimableGitHubIntegrationsResponse struct {
	Installations []ClaimableGitHubIntegration `json:"installations"`
}

// ClaimGitHubIntegration calls POST /integrations/github/claim, which links an
// installation to the organization (and answers it when it is linked
// already). It answers 403 when the caller's GitHub identity cannot be
// verified, 404 for an unknown installation and 409 when another
// organization has it.
func (c *Client) ClaimGitHubIntegration(ctx context.Context, org string, installationID int64) (*GitHubIntegration, error) {
	var out GitHubIntegration
	body := ClaimGitHubIntegrationRequest{InstallationID: installationID}
	if err := c.do(ctx, http.MethodPost, []string{org, "integrations", "github", "claim"}, nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListClaimableGitHubIntegrations calls GET /integrations/github/claimable.
func (c *Client) ListClaimableGitHubIntegrations(ctx context.Context, org string) ([]ClaimableGitHubIntegration, error) {
	var out claimableGitHubIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "github", "claimable"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Installations, nil
}

// GitHubEnterpriseUserIdentity is the caller's own GitHub Enterprise identity
// on an integration's host.
type GitHubEnterpriseUserIdentity struct {
	Login       string `json:"login"`
	GitHubID    int64  `json:"githubId"`
	ConnectedAt string `json:"connectedAt"`
}

// GitHubEnterpriseAuthorizeURL is where a user links a GitHub Enterprise identity.
type GitHubEnterpriseAuthorizeURL struct {
	AuthorizeURL string `json:"authorizeUrl"`
}

type gitHubEnterpriseLinkedMembersResponse struct {
	LinkedLogins []string `json:"linkedLogins"`
}

// The user-auth endpoints concern the caller's own identity, not the
// organization's configuration: the provider has no Terraform type for them.

// GetGitHubEnterpriseUserIdentity calls GET /integrations/github-enterprise/{integrationId}/user-auth.
func (c *Client) GetGitHubEnterpriseUserIdentity(ctx context.Context, org, id string) (*GitHubEnterpriseUserIdentity, error) {
	var out GitHubEnterpriseUserIdentity
	if err := c.doIntegrationSub(ctx, http.MethodGet, org, string(GitHubEnterpriseServer), id, []string{"user-auth"}, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteGitHubEnterpriseUserAuth calls DELETE /integrations/github-enterprise/{integrationId}/user-auth.
func (c *Client) DeleteGitHubEnterpriseUserAuth(ctx context.Context, org, id string) error {
	return c.doIntegrationSub(ctx, http.MethodDelete, org, string(GitHubEnterpriseServer), id, []string{"user-auth"}, nil, nil)
}

// GetGitHubEnterpriseAuthorizeURL calls GET .../github-enterprise/{integrationId}/user-auth/authorize.
func (c *Client) GetGitHubEnterpriseAuthorizeURL(ctx context.Context, org, id string) (*GitHubEnterpriseAuthorizeURL, error) {
	var out GitHubEnterpriseAuthorizeURL
	if err := c.doIntegrationSub(ctx, http.MethodGet, org, string(GitHubEnterpriseServer), id, []string{"user-auth", "authorize"}, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListGitHubEnterpriseLinkedMembers calls GET .../github-enterprise/{integrationId}/user-auth/members.
func (c *Client) ListGitHubEnterpriseLinkedMembers(ctx context.Context, org, id string) ([]string, error) {
	var out gitHubEnterpriseLinkedMembersResponse
	if err := c.doIntegrationSub(ctx, http.MethodGet, org, string(GitHubEnterpriseServer), id, []string{"user-auth", "members"}, nil, &out); err != nil {
		return nil, err
	}
	return out.LinkedLogins, nil
}
