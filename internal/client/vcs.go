package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// VCS provider values taken by the {provider} path segment of the repos,
// branches and destinations endpoints, and reported as vcsProvider.
const (
	VCSProviderGitHub           = "github"
	VCSProviderGitHubEnterprise = "github_enterprise"
	VCSProviderGitLab           = "gitlab"
	VCSProviderBitbucket        = "bitbucket"
	VCSProviderAzureDevOps      = "azure_devops"
	VCSProviderGeneric          = "generic"
)

// VCSProviders lists every vcsProvider value the API defines.
var VCSProviders = []string{
	VCSProviderGitHub, VCSProviderGitLab, VCSProviderBitbucket,
	VCSProviderAzureDevOps, VCSProviderGeneric, VCSProviderGitHubEnterprise,
}

// VCSIntegrationSummary is one item of List All VCS Integrations.
type VCSIntegrationSummary struct {
	Name                string `json:"name,omitempty"`
	AvatarURL           string `json:"avatarUrl,omitempty"`
	ID                  string `json:"id"`
	VCSProvider         string `json:"vcsProvider"`
	HasIndividualAccess bool   `json:"hasIndividualAccess"`
	Host                string `json:"host,omitempty"`
}

type listVCSIntegrationsResponse struct {
	Integrations []VCSIntegrationSummary `json:"integrations"`
}

// VCSRepo is a repository reachable through an integration.
type VCSRepo struct {
	ID    string `json:"id"`
	Owner string `json:"owner"`
	Name  string `json:"name"`
}

type listVCSReposResponse struct {
	Repos         []VCSRepo `json:"repos"`
	NextPageToken string    `json:"nextPageToken,omitempty"`
}

// VCSBranch is a branch of a repository.
type VCSBranch struct {
	Name        string `json:"name"`
	IsProtected bool   `json:"isProtected"`
}

type listVCSBranchesResponse struct {
	Branches []VCSBranch `json:"branches"`
}

// ListVCSIntegrations calls GET /integrations.
func (c *Client) ListVCSIntegrations(ctx context.Context, org string) ([]VCSIntegrationSummary, error) {
	var out listVCSIntegrationsResponse
	if err := c.do(ctx, http.MethodGet, []string{org, "integrations"}, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Integrations, nil
}

// ListVCSRepos calls GET /integrations/{provider}/{integrationId}/repos and
// follows nextPageToken to the last page.
func (c *Client) ListVCSRepos(ctx context.Context, org, provider, integrationID string) ([]VCSRepo, error) {
	return c.listRepoPages(ctx, []string{org, "integrations", provider, integrationID, "repos"})
}

// ListVCSRepoDestinations calls GET .../repos/destinations, following pages.
func (c *Client) ListVCSRepoDestinations(ctx context.Context, org, provider, integrationID string) ([]VCSRepo, error) {
	return c.listRepoPages(ctx, []string{org, "integrations", provider, integrationID, "repos", "destinations"})
}

// ListVCSBranches calls GET .../repos/{repoId}/branches (not paginated).
func (c *Client) ListVCSBranches(ctx context.Context, org, provider, integrationID, repoID string) ([]VCSBranch, error) {
	var out listVCSBranchesResponse
	segments := []string{org, "integrations", provider, integrationID, "repos", repoID, "branches"}
	if err := c.do(ctx, http.MethodGet, segments, nil, nil, &out); err != nil {
		return nil, err
	}
	return out.Branches, nil
}

// maxRepoPages bounds pagination so a server that never stops answering a
// nextPageToken cannot keep a plan running forever.
const maxRepoPages = 1000

func (c *Client) listRepoPages(ctx context.Context, segments []string) ([]VCSRepo, error) {
	var repos []VCSRepo
	seen := map[string]bool{}
	query := url.Values{}
	for range maxRepoPages {
		var page listVCSReposResponse
		if err := c.do(ctx, http.MethodGet, segments, query, nil, &page); err != nil {
			return nil, err
		}
		repos = append(repos, page.Repos...)
		next := page.NextPageToken
		if next == "" {
			return repos, nil
		}
		if seen[next] {
			return nil, fmt.Errorf("pagination loop: page %q was offered twice", next)
		}
		seen[next] = true
		query = url.Values{"page": {next}}
	}
	return nil, fmt.Errorf("more than %d pages of repositories; giving up", maxRepoPages)
}
