package client

import (
	"context"
	"net/http"
)

// AzureDevOpsIntegration is AzureDevOpsIntegrationDetails (list items) and the
// Get answer. The Get answer carries no id and no disableCodeAccessForReviews;
// the list carries no installed flag.
type AzureDevOpsIntegration struct {
	ID                          string                   `json:"id,omitempty"`
	Installed                   bool                     `json:"installed"`
	Valid                       bool                     `json:"valid"`
	Organization                *AzureDevOpsOrganization `json:"organization,omitempty"`
	Project                     *AzureDevOpsProject      `json:"project,omitempty"`
	AuthUser                    *User                    `json:"authUser,omitempty"`
	DisablePRComments           bool                     `json:"disablePRComments"`
	DisableNeoSummaries         bool                     `json:"disableNeoSummaries"`
	DisableDetailedDiff         bool                     `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews *bool                    `json:"disableCodeAccessForReviews,omitempty"`
}

// AzureDevOpsOrganization is an Azure DevOps organization (also the items of
// List Azure DevOps Organizations).
type AzureDevOpsOrganization struct {
	ID                     string `json:"id,omitempty"`
	Name                   string `json:"name"`
	AccountURL             string `json:"accountUrl,omitempty"`
	HasRequiredPermissions bool   `json:"hasRequiredPermissions,omitempty"`
}

// AzureDevOpsProject is an Azure DevOps project.
type AzureDevOpsProject struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// CreateAzureDevOpsIntegrationRequest is the body of Create Azure DevOps Setup.
type CreateAzureDevOpsIntegrationRequest struct {
	OrganizationName            string `json:"organizationName,omitempty"`
	ProjectID                   string `json:"projectId,omitempty"`
	DisablePRComments           *bool  `json:"disablePRComments,omitempty"`
	DisableNeoSummaries         *bool  `json:"disableNeoSummaries,omitempty"`
	DisableDetailedDiff         *bool  `json:"disableDetailedDiff,omitempty"`
	DisableCodeAccessForReviews *bool  `json:"disableCodeAccessForReviews,omitempty"`
}

// UpdateAzureDevOpsIntegrationRequest is the PATCH body; nil fields are left as they are.
type UpdateAzureDevOpsIntegrationRequest struct {
	DisablePRComments   *bool `json:"disablePRComments,omitempty"`
	DisableNeoSummaries *bool `json:"disableNeoSummaries,omitempty"`
	DisableDetailedDiff *bool `json:"disableDetailedDiff,omitempty"`
}

// AzureDevOpsAccessStatus is the answer of Get Azure DevOps Access Status.
type AzureDevOpsAccessStatus struct {
	HasUserToken   bool                      `json:"hasUserToken"`
	HasIntegration bool                      `json:"hasIntegration"`
	AvailableOrgs  []AzureDevOpsOrganization `json:"availableOrgs,omitempty"`
}

// CloudSetupProvider names the OAuth provider of the Azure DevOps flow.
type CloudSetupProvider struct {
	Name  string        `json:"name"`
	Azure *AzureOptions `json:"azure,omitempty"`
}

// AzureOptions are the Azure specifics of CloudSetupProvider; APIName is one
// of "ado", "graph" or "arm".
type AzureOptions struct {
	TenantID string `json:"tenantId,omitempty"`
	APIName  string `json:"apiName,omitempty"`
}

// InitiateAzureDevOpsOAuthRequest is the body of Initiate Azure DevOps OAuth.
type InitiateAzureDevOpsOAuthRequest struct {
	Provider CloudSetupProvider `json:"provider"`
}

// AzureDevOpsOAuthSession is the answer of Initiate Azure DevOps OAuth.
type AzureDevOpsOAuthSession struct {
	URL       string `json:"url"`
	SessionID string `json:"sessionID"`
}

// CompleteAzureDevOpsOAuthRequest is the body of Complete Azure DevOps OAuth.
// Code is a one-time secret: never log this struct.
type CompleteAzureDevOpsOAuthRequest struct {
	Provider  CloudSetupProvider `json:"provider"`
	SessionID string             `json:"sessionID"`
	Code      string             `json:"code"`
}

// ListAzureDevOpsIntegrationsResponse is the answer of List Azure DevOps
// Integrations: the integrations, and the URL that starts the OAuth consent
// flow installing a new one.
type ListAzureDevOpsIntegrationsResponse struct {
	Integrations    []AzureDevOpsIntegration `json:"integrations"`
	InstallationURL string                   `json:"installationUrl,omitempty"`
}

// ListAzureDevOpsIntegrations calls GET /integrations/azure-devops.
func (c *Client) ListAzureDevOpsIntegrations(ctx context.Context, org string) (*ListAzureDevOpsIntegrationsResponse, error) {
	var out ListAzureDevOpsIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "azure-devops"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateAzureDevOpsIntegration calls POST /integrations/azure-devops, which
// answers 204 with no body: find the new integration in the list.
func (c *Client) CreateAzureDevOpsIntegration(ctx context.Context, org string, req CreateAzureDevOpsIntegrationRequest) error {
	return c.do(ctx, http.MethodPost, []string{org, "integrations", "azure-devops"}, nil, req, nil)
}

// GetAzureDevOpsIntegration calls GET /integrations/azure-devops/{integrationId}.
func (c *Client) GetAzureDevOpsIntegration(ctx context.Context, org, id string) (*AzureDevOpsIntegration, error) {
	var out AzureDevOpsIntegration
	if err := c.doIntegration(ctx, http.MethodGet, org, "azure-devops", id, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateAzureDevOpsIntegration calls PATCH /integrations/azure-devops/{integrationId}.
func (c *Client) UpdateAzureDevOpsIntegration(ctx context.Context, org, id string, req UpdateAzureDevOpsIntegrationRequest) error {
	return c.doIntegration(ctx, http.MethodPatch, org, "azure-devops", id, req, nil)
}

// DeleteAzureDevOpsIntegration calls DELETE /integrations/azure-devops/{integrationId}.
func (c *Client) DeleteAzureDevOpsIntegration(ctx context.Context, org, id string) error {
	return c.doIntegration(ctx, http.MethodDelete, org, "azure-devops", id, nil, nil)
}

// GetAzureDevOpsAccessStatus calls GET /integrations/azure-devops/access-status.
func (c *Client) GetAzureDevOpsAccessStatus(ctx context.Context, org string) (*AzureDevOpsAccessStatus, error) {
	var out AzureDevOpsAccessStatus
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "azure-devops", "access-status"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListAzureDevOpsOrganizations calls GET /integrations/azure-devops/setup/organizations
// (a bare JSON array).
func (c *Client) ListAzureDevOpsOrganizations(ctx context.Context, org string) ([]AzureDevOpsOrganization, error) {
	var out []AzureDevOpsOrganization
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations", "azure-devops", "setup", "organizations"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// ListAzureDevOpsProjects calls GET .../setup/organizations/{adoOrgName}/projects
// (a bare JSON array).
func (c *Client) ListAzureDevOpsProjects(ctx context.Context, org, adoOrg string) ([]AzureDevOpsProject, error) {
	var out []AzureDevOpsProject
	segments := []string{org, "integrations", "azure-devops", "setup", "organizations", adoOrg, "projects"}
	if err := c.do(ctx, http.MethodGet, segments, nil, nil, &out); err != nil {
		return nil, err
	}
	return out, nil
}

// InitiateAzureDevOpsOAuth calls POST /integrations/azure-devops/oauth/initiate.
func (c *Client) InitiateAzureDevOpsOAuth(ctx context.Context, org string, req InitiateAzureDevOpsOAuthRequest) (*AzureDevOpsOAuthSession, error) {
	var out AzureDevOpsOAuthSession
	if err := c.do(ctx, http.MethodPost, []string{org, "integrations", "azure-devops", "oauth", "initiate"}, nil, req, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CompleteAzureDevOpsOAuth calls POST /integrations/azure-devops/oauth/complete.
func (c *Client) CompleteAzureDevOpsOAuth(ctx context.Context, org string, req CompleteAzureDevOpsOAuthRequest) error {
	return c.do(ctx, http.MethodPost, []string{org, "integrations", "azure-devops", "oauth", "complete"}, nil, req, nil)
}
