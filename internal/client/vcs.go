package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// VCS provider values taken by the {provider} path segment of the repos,
// branches and destinations endpoints, and reported as vcsProvider.
const (
	VCSProviderGitHub           = "github"
	VCSProviderGitHubEnterprise = "github_enterprise"
	VCSProviderGitLab           = "gitlab"
	VCSProviderBitbucket        = "bitbucket"
	VCSProviderAzureDevOps      = "azure_devops"
	VCSProviderCustom           = "custom"
	// VCSProviderGeneric is the docs page's name for VCSProviderCustom: not
	// an API value, accepted (and translated) as a deprecated alias.
	VCSProviderGeneric = "generic"
)

// VCSProviders lists every vcsProvider value the API defines, in its order.
var VCSProviders = []string{
	VCSProviderGitHub, VCSProviderGitLab, VCSProviderBitbucket,
	VCSProviderAzureDevOps, VCSProviderCustom, VCSProviderGitHubEnterprise,
}

// CanonicalVCSProvider is the API's value for p: the deprecated alias
// "generic" is "custom", every other value is itself.
func CanonicalVCSProvider(p string) string {
	if p == VCSProviderGeneric {
		return VCSProviderCustom
	}
	return p
}

// VCSIntegrationSummary is one item of List All VCS Integrations.
type VCSIntegrationSummary struct {
	Name                string `json:"name,omitempty"`
	AvatarURL           string `json:"avatarUrl,omitempty"`
	ID                  string `json:"id"`
	VCSProvider         string `json:"vcsProvider"`
	HasIndividualAccess bool   `json:"hasIndividualAccess"`
	Host                string `json:"host,omitempty"`
	BaseURL             string `json:"baseUrl,omitempty"`
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
// follows nextPageToken to the last page. A server that offers a page twice
// is an error: the listing would never end.
func (c *Client) ListVCSRepos(ctx context.Context, org, provider, integrationID string) ([]VCSRepo, error) {
	repos, repeated, err := c.listRepoPages(ctx, []string{org, "integrations", provider, integrationID, "repos"})
	if err == nil && repeated != "" {
		err = fmt.Errorf("pagination loop: page %q was offered twice", repeated)
		repos = nil
	}
	return repos, err
}

// ListVCSRepoDestinations calls GET .../repos/destinations and follows
// nextPageToken as for the repos. The spec documents no page parameter
// there: when the server answers the same page again (it ignored page), the
// repositories read so far are returned with a warning saying so.
func (c *Client) ListVCSRepoDestinations(ctx context.Context, org, provider, integrationID string) (repos []VCSRepo, warning string, err error) {
	repos, repeated, err := c.listRepoPages(ctx, []string{org, "integrations", provider, integrationID, "repos", "destinations"})
	if err != nil {
		return nil, "", err
	}
	if repeated != "" {
		warning = fmt.Sprintf("Pulumi Cloud answered the same page of repository destinations again for page %q "+
			"(it does not seem to paginate this list): the %d destinations read so far are kept, and there may be more.",
			repeated, len(repos))
	}
	return repos, warning, nil
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

// listRepoPages reads every page of a repository list. It stops, without
// adding the page again, when the server answers a page it answered before
// (the same token, or the same repositories and next token as the previous
// page), and returns that token as repeated. A token that cannot be sent as
// the integer page parameter (pageTokenProblem) is an error naming it.
func (c *Client) listRepoPages(ctx context.Context, segments []string) (repos []VCSRepo, repeated string, err error) {
	seen := map[string]bool{}
	query := url.Values{}
	var prev *listVCSReposResponse
	for range maxRepoPages {
		var page listVCSReposResponse
		if err := c.do(ctx, http.MethodGet, segments, query, nil, &page); err != nil {
			return nil, "", err
		}
		if prev != nil && page.NextPageToken == prev.NextPageToken && slices.Equal(page.Repos, prev.Repos) {
			return repos, query.Get("page"), nil
		}
		repos = append(repos, page.Repos...)
		next := page.NextPageToken
		if next == "" {
			return repos, "", nil
		}
		if seen[next] {
			return repos, next, nil
		}
		if problem := pageTokenProblem(next); problem != "" {
			return nil, "", fmt.Errorf("%s: the answer's nextPageToken %q %s, "+
				"so it cannot be sent as the integer page parameter; stopping after %d repositories rather than guessing",
				strings.Join(segments, "/"), next, problem, len(repos))
		}
		seen[next] = true
		query = url.Values{"page": {next}}
		prev = &page
	}
	return nil, "", fmt.Errorf("more than %d pages of repositories; giving up", maxRepoPages)
}

// pageTokenProblem says why a nextPageToken cannot be sent as the integer
// page parameter (a non-negative int64), or "" when it can.
func pageTokenProblem(s string) string {
	digits := strings.TrimPrefix(s, "-")
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return "is not a decimal integer"
	}
	if digits != s {
		return "is out of range: a page number is never negative"
	}
	if _, err := strconv.ParseInt(s, 10, 64); err != nil {
		return "is out of range: it does not fit a 64-bit page number"
	}
	return ""
}
