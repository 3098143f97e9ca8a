package client

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/spec"
)

// Fixtures carry every field the spec names, each set to a non-zero value, so
// that decoding then re-encoding them reproduces them only if every JSON name
// in the client is spelled exactly as the spec spells it.
const (
	userJSON = `{"id":"u-1","githubLogin":"octo","name":"Octo Cat","email":"octo@example.com","avatarUrl":"https://a.example/u.png",
		"organizations":[{"githubLogin":"acme","name":"Acme","avatarUrl":"https://a.example/o.png","role":"admin"}],
		"potentialOrganizations":[{"githubLogin":"other","name":"Other","avatarUrl":"https://a.example/p.png","role":"member"}],
		"identities":["github.com"],"siteAdmin":true,"registryAdmin":true,"tokenInfo":{"name":"ci","organization":"acme","team":"ops"},
		"hasMFA":true,"isOrgManaged":true,"isManagedByMultiOrg":true}`

	gitHubJSON = `{"avatarUrl":"https://a.example/gh.png","id":"gh-1","installationID":42,"accountID":7,"accountName":"acme-gh",
		"isOrganization":true,"isSelfHosted":true,"created":"2024-01-02T03:04:05Z",
		"disablePRComments":true,"disableNeoSummaries":true,"disableDetailedDiff":true,"disableCodeAccessForReviews":true,
		"disableDraftPRComments":true,"individualAuthEnabled":true,"hasMembersPermission":true,"hasContentsPermission":true,
		"neoGitHubAppPermissionRequirements":[{"name":"Checks","required":"ReadWrite","actual":"ReadWrite","reason":"post checks","isSufficient":true}],
		"ghUrls":{"installationUrl":"https://gh.example/i","configurationUrl":"https://gh.example/c","permissionsUrl":"https://gh.example/p","stateParam":"st"}}`

	gitLabOrgJSON = `{"id":99,"name":"Group","avatarURL":"https://a.example/glo.png","hasRequiredPermissions":true}`

	gitLabJSON = `{"id":"gl-1","gitLabGroupId":99,"groupName":"Group","groupPath":"parent/child","avatarUrl":"https://a.example/gl.png",
		"installed":true,"valid":true,"gitLabOrg":` + gitLabOrgJSON + `,"authUser":` + userJSON + `,
		"groupAccessTokenExpiration":"2030-01-01T00:00:00Z","disablePRComments":true,"disableNeoSummaries":true,"disableDetailedDiff":true}`

	bitbucketJSON = `{"id":"bb-1","workspaceUuid":"{6f1e}","workspaceSlug":"ws","workspaceName":"Workspace","avatarUrl":"https://a.example/bb.png",
		"installed":true,"valid":true,"authType":"user_token","authUser":` + userJSON + `,
		"disablePRComments":true,"disableNeoSummaries":true,"disableDetailedDiff":true}`

	adoOrgJSON     = `{"id":"o-1","name":"contoso","accountUrl":"https://dev.azure.com/contoso","hasRequiredPermissions":true}`
	adoProjectJSON = `{"id":"p-1","name":"Proj"}`

	adoListItemJSON = `{"id":"ado-1","organization":` + adoOrgJSON + `,"project":` + adoProjectJSON + `,"valid":true,
		"disablePRComments":true,"disableNeoSummaries":true,"disableDetailedDiff":true,"disableCodeAccessForReviews":true}`

	adoGetJSON = `{"installed":true,"valid":true,"organization":` + adoOrgJSON + `,"project":` + adoProjectJSON + `,
		"authUser":` + userJSON + `,"disablePRComments":true,"disableNeoSummaries":true,"disableDetailedDiff":true}`

	summaryJSON = `{"name":"acme-gh","avatarUrl":"https://a.example/s.png","id":"gh-1","vcsProvider":"github_enterprise","hasIndividualAccess":true,"host":"ghe.example","baseUrl":"https://ghe.example/acme"}`
	repoJSON    = `{"id":"r-1","owner":"acme","name":"infra"}`
	branchJSON  = `{"name":"main","isProtected":true}`

	azureProviderJSON = `{"name":"azure","azure":{"tenantId":"t-1","apiName":"ado"}}`

	customJSON = `{"id":"c-1","name":"Gitea","baseUrl":"https://gitea.example/acme","environment":"vcs/gitea","vcsType":"git",
		"webhookUrl":"https://api.example/webhooks/c-1","repositories":[{"name":"infra","displayName":"Infra"}],
		"created":"2024-01-02T03:04:05Z","modified":"2024-01-03T03:04:05Z"}`
	customWithSecretJSON = `{"id":"c-1","name":"Gitea","baseUrl":"https://gitea.example/acme","environment":"vcs/gitea","vcsType":"hg",
		"webhookUrl":"https://api.example/webhooks/c-1","webhookSecret":"whsec-1",
		"created":"2024-01-02T03:04:05Z","modified":"2024-01-02T03:04:05Z"}`
	claimableJSON = `{"installationId":77,"accountLogin":"octo-org","accountAvatarUrl":"https://a.example/c.png","isOrganization":true}`
)

var azureProvider = CloudSetupProvider{Name: "azure", Azure: &AzureOptions{TenantID: "t-1", APIName: "ado"}}

// Path parameter values substituted into every route template.
var routeParams = strings.NewReplacer(
	"{orgName}", "acme", "{integrationId}", "int-1", "{provider}", "azure_devops",
	"{repoId}", "r-9", "{adoOrgName}", "contoso",
)

type endpointCase struct {
	method string
	route  string // as the spec writes it, under /api/console/orgs/{orgName}/integrations
	status int
	answer string // the server's answer body
	body   string // the JSON body the client must send; "" for none
	want   string // the JSON the client's result must re-encode to; "" for no result
	call   func(context.Context, *Client) (any, error)
}

// noResult adapts a method that returns only an error.
func noResult(err error) (any, error) { return nil, err }

func endpointCases() []endpointCase {
	const patch = `{"disablePRComments":false,"disableNeoSummaries":true}`
	return []endpointCase{
		// Summary, repos, branches, destinations.
		{"GET", "", 200, `{"integrations":[` + summaryJSON + `]}`, "", `[` + summaryJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListVCSIntegrations(ctx, "acme") }},
		{"GET", "/{provider}/{integrationId}/repos", 200, `{"repos":[` + repoJSON + `]}`, "", `[` + repoJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListVCSRepos(ctx, "acme", VCSProviderAzureDevOps, "int-1")
			}},
		{"GET", "/{provider}/{integrationId}/repos/{repoId}/branches", 200, `{"branches":[` + branchJSON + `]}`, "", `[` + branchJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListVCSBranches(ctx, "acme", VCSProviderAzureDevOps, "int-1", "r-9")
			}},
		{"GET", "/{provider}/{integrationId}/repos/destinations", 200, `{"repos":[` + repoJSON + `]}`, "", `[` + repoJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) {
				repos, _, err := c.ListVCSRepoDestinations(ctx, "acme", VCSProviderAzureDevOps, "int-1")
				return repos, err
			}},

		// Azure DevOps.
		// The list items carry no "installed"; the shared struct reports false.
		{"GET", "/azure-devops", 200, `{"integrations":[` + adoListItemJSON + `],"installationUrl":"https://ado.example/install"}`, "",
			`{"integrations":[` + strings.Replace(adoListItemJSON, `"valid":true`, `"valid":true,"installed":false`, 1) + `],"installationUrl":"https://ado.example/install"}`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListAzureDevOpsIntegrations(ctx, "acme") }},
		{"POST", "/azure-devops", 204, "",
			`{"organizationName":"contoso","projectId":"p-1","disablePRComments":false,"disableCodeAccessForReviews":true}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.CreateAzureDevOpsIntegration(ctx, "acme", CreateAzureDevOpsIntegrationRequest{
					OrganizationName: "contoso", ProjectID: "p-1", DisablePRComments: ptr(false), DisableCodeAccessForReviews: ptr(true),
				}))
			}},
		{"GET", "/azure-devops/{integrationId}", 200, adoGetJSON, "", adoGetJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetAzureDevOpsIntegration(ctx, "acme", "int-1")
			}},
		{"PATCH", "/azure-devops/{integrationId}", 204, "", patch, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.UpdateAzureDevOpsIntegration(ctx, "acme", "int-1", UpdateAzureDevOpsIntegrationRequest{
					DisablePRComments: ptr(false), DisableNeoSummaries: ptr(true),
				}))
			}},
		{"DELETE", "/azure-devops/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteAzureDevOpsIntegration(ctx, "acme", "int-1"))
			}},
		{"GET", "/azure-devops/access-status", 200, `{"hasUserToken":true,"hasIntegration":true,"availableOrgs":[` + adoOrgJSON + `]}`, "",
			`{"hasUserToken":true,"hasIntegration":true,"availableOrgs":[` + adoOrgJSON + `]}`,
			func(ctx context.Context, c *Client) (any, error) { return c.GetAzureDevOpsAccessStatus(ctx, "acme") }},
		{"POST", "/azure-devops/oauth/complete", 200, "{}",
			`{"provider":` + azureProviderJSON + `,"sessionID":"s-1","code":"c0de"}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.CompleteAzureDevOpsOAuth(ctx, "acme", CompleteAzureDevOpsOAuthRequest{
					Provider: azureProvider, SessionID: "s-1", Code: "c0de",
				}))
			}},
		{"POST", "/azure-devops/oauth/initiate", 200, `{"url":"https://login.example/consent","sessionID":"s-1"}`,
			`{"provider":` + azureProviderJSON + `}`, `{"url":"https://login.example/consent","sessionID":"s-1"}`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.InitiateAzureDevOpsOAuth(ctx, "acme", InitiateAzureDevOpsOAuthRequest{Provider: azureProvider})
			}},
		{"GET", "/azure-devops/setup/organizations", 200, `[` + adoOrgJSON + `]`, "", `[` + adoOrgJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListAzureDevOpsOrganizations(ctx, "acme") }},
		{"GET", "/azure-devops/setup/organizations/{adoOrgName}/projects", 200, `[` + adoProjectJSON + `]`, "", `[` + adoProjectJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListAzureDevOpsProjects(ctx, "acme", "contoso")
			}},

		// Bitbucket.
		{"GET", "/bitbucket", 200, `{"integrations":[` + bitbucketJSON + `]}`, "", `[` + bitbucketJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListBitbucketIntegrations(ctx, "acme") }},
		{"POST", "/bitbucket", 204, "",
			`{"workspaceUuid":"{6f1e}","workspaceSlug":"ws","useUserAuth":false,"workspaceAccessToken":"wat-secret"}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.CreateBitbucketIntegration(ctx, "acme", CreateBitbucketIntegrationRequest{
					WorkspaceUUID: "{6f1e}", WorkspaceSlug: "ws", UseUserAuth: ptr(false), WorkspaceAccessToken: "wat-secret",
				}))
			}},
		{"GET", "/bitbucket/{integrationId}", 200, bitbucketJSON, "", bitbucketJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetBitbucketIntegration(ctx, "acme", "int-1")
			}},
		{"PATCH", "/bitbucket/{integrationId}", 204, "", patch, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.UpdateBitbucketIntegration(ctx, "acme", "int-1", UpdateBitbucketIntegrationRequest{
					DisablePRComments: ptr(false), DisableNeoSummaries: ptr(true),
				}))
			}},
		{"DELETE", "/bitbucket/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteBitbucketIntegration(ctx, "acme", "int-1"))
			}},
		{"GET", "/bitbucket/access-status", 200,
			`{"hasUserToken":true,"availableWorkspaces":[{"uuid":"{6f1e}","name":"Workspace","slug":"ws","avatarUrl":"https://a.example/w.png"}]}`, "",
			`{"hasUserToken":true,"availableWorkspaces":[{"uuid":"{6f1e}","name":"Workspace","slug":"ws","avatarUrl":"https://a.example/w.png"}]}`,
			func(ctx context.Context, c *Client) (any, error) { return c.GetBitbucketAccessStatus(ctx, "acme") }},

		// GitHub.
		{"GET", "/github", 200, `{"integrations":[` + gitHubJSON + `],"installationUrl":"https://gh.example/install"}`, "",
			`{"integrations":[` + gitHubJSON + `],"installationUrl":"https://gh.example/install"}`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListGitHubIntegrations(ctx, GitHubDotCom, "acme")
			}},
		{"POST", "/github", 200, `{"installationUrl":"https://gh.example/install?state=x"}`, "",
			`{"installationUrl":"https://gh.example/install?state=x"}`,
			func(ctx context.Context, c *Client) (any, error) { return c.StartGitHubSetup(ctx, "acme") }},
		{"GET", "/github/{integrationId}", 200, gitHubJSON, "", gitHubJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetGitHubIntegration(ctx, GitHubDotCom, "acme", "int-1")
			}},
		{"PATCH", "/github/{integrationId}", 204, "",
			`{"disablePRComments":false,"disableNeoSummaries":true,"disableCodeAccessForReviews":false,"disableDraftPRComments":true,"individualAuthEnabled":false}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.UpdateGitHubIntegration(ctx, GitHubDotCom, "acme", "int-1", UpdateGitHubIntegrationRequest{
					DisablePRComments: ptr(false), DisableNeoSummaries: ptr(true), DisableCodeAccessForReviews: ptr(false),
					DisableDraftPRComments: ptr(true), IndividualAuthEnabled: ptr(false),
				}))
			}},
		{"POST", "/github/claim", 200, gitHubJSON, `{"installationId":42}`, gitHubJSON,
			func(ctx context.Context, c *Client) (any, error) { return c.ClaimGitHubIntegration(ctx, "acme", 42) }},
		{"GET", "/github/claimable", 200, `{"installations":[` + claimableJSON + `]}`, "", `[` + claimableJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListClaimableGitHubIntegrations(ctx, "acme")
			}},
		{"DELETE", "/github/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteGitHubIntegration(ctx, GitHubDotCom, "acme", "int-1"))
			}},
		{"GET", "/github/access-status", 200,
			`{"hasUserToken":true,"hasIntegration":true,"availableOrgs":["acme-gh"],"integrations":[{"id":"gh-1","canCreateRepo":true}]}`, "",
			`{"hasUserToken":true,"hasIntegration":true,"availableOrgs":["acme-gh"],"integrations":[{"id":"gh-1","canCreateRepo":true}]}`,
			func(ctx context.Context, c *Client) (any, error) { return c.GetGitHubAccessStatus(ctx, "acme") }},

		// GitHub Enterprise.
		{"GET", "/github-enterprise", 200, `{"integrations":[` + gitHubJSON + `],"installationUrl":"https://ghe.example/install"}`, "",
			`{"integrations":[` + gitHubJSON + `],"installationUrl":"https://ghe.example/install"}`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListGitHubIntegrations(ctx, GitHubEnterpriseServer, "acme")
			}},
		{"GET", "/github-enterprise/{integrationId}", 200, gitHubJSON, "", gitHubJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetGitHubIntegration(ctx, GitHubEnterpriseServer, "acme", "int-1")
			}},
		{"PATCH", "/github-enterprise/{integrationId}", 204, "", `{"disableDetailedDiff":false,"individualAuthEnabled":true}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.UpdateGitHubIntegration(ctx, GitHubEnterpriseServer, "acme", "int-1", UpdateGitHubIntegrationRequest{
					DisableDetailedDiff: ptr(false), IndividualAuthEnabled: ptr(true),
				}))
			}},
		// GitHub Enterprise user-auth: the caller's own identity (client only).
		{"GET", "/github-enterprise/{integrationId}/user-auth", 200, `{"login":"octo","githubId":9,"connectedAt":"2024-01-02T03:04:05Z"}`, "",
			`{"login":"octo","githubId":9,"connectedAt":"2024-01-02T03:04:05Z"}`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetGitHubEnterpriseUserIdentity(ctx, "acme", "int-1")
			}},
		{"DELETE", "/github-enterprise/{integrationId}/user-auth", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteGitHubEnterpriseUserAuth(ctx, "acme", "int-1"))
			}},
		{"GET", "/github-enterprise/{integrationId}/user-auth/authorize", 200, `{"authorizeUrl":"https://ghe.example/login/oauth/authorize?state=s"}`, "",
			`{"authorizeUrl":"https://ghe.example/login/oauth/authorize?state=s"}`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetGitHubEnterpriseAuthorizeURL(ctx, "acme", "int-1")
			}},
		{"GET", "/github-enterprise/{integrationId}/user-auth/members", 200, `{"linkedLogins":["octo","cat"]}`, "", `["octo","cat"]`,
			func(ctx context.Context, c *Client) (any, error) {
				return c.ListGitHubEnterpriseLinkedMembers(ctx, "acme", "int-1")
			}},

		// Custom VCS.
		{"GET", "/custom", 200, `{"integrations":[` + customJSON + `]}`, "", `[` + customJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListCustomVCSIntegrations(ctx, "acme") }},
		{"POST", "/custom", 201, customWithSecretJSON,
			`{"name":"Gitea","baseUrl":"https://gitea.example/acme","environment":"vcs/gitea","vcsType":"hg"}`, customWithSecretJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.CreateCustomVCSIntegration(ctx, "acme", CreateCustomVCSIntegrationRequest{
					Name: "Gitea", BaseURL: "https://gitea.example/acme", Environment: "vcs/gitea", VCSType: "hg",
				})
			}},
		{"GET", "/custom/{integrationId}", 200, customJSON, "", customJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.GetCustomVCSIntegration(ctx, "acme", "int-1")
			}},
		{"PATCH", "/custom/{integrationId}", 200, customWithSecretJSON,
			`{"name":"Gitea","baseUrl":"https://gitea.example/acme","environment":"vcs/gitea","regenerateWebhookSecret":true}`, customWithSecretJSON,
			func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateCustomVCSIntegration(ctx, "acme", "int-1", UpdateCustomVCSIntegrationRequest{
					Name: ptr("Gitea"), BaseURL: ptr("https://gitea.example/acme"), Environment: ptr("vcs/gitea"), RegenerateWebhookSecret: true,
				})
			}},
		{"DELETE", "/custom/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteCustomVCSIntegration(ctx, "acme", "int-1"))
			}},
		{"POST", "/custom/{integrationId}/repos", 204, "", `{"name":"group/infra","displayName":"Infra"}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.AddCustomVCSRepository(ctx, "acme", "int-1", AddCustomVCSRepositoryRequest{Name: "group/infra", DisplayName: "Infra"}))
			}},
		{"DELETE", "/custom/{integrationId}/repos", 204, "", `{"name":"group/infra"}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.RemoveCustomVCSRepository(ctx, "acme", "int-1", "group/infra"))
			}},
		{"DELETE", "/github-enterprise/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteGitHubIntegration(ctx, GitHubEnterpriseServer, "acme", "int-1"))
			}},

		// GitLab.
		{"GET", "/gitlab", 200, `{"integrations":[` + gitLabJSON + `]}`, "", `[` + gitLabJSON + `]`,
			func(ctx context.Context, c *Client) (any, error) { return c.ListGitLabIntegrations(ctx, "acme") }},
		{"POST", "/gitlab", 204, "", `{"gitLabGroupId":99,"useUserGitLabAuth":false}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.CreateGitLabIntegration(ctx, "acme", CreateGitLabIntegrationRequest{
					GitLabGroupID: 99, UseUserGitLabAuth: ptr(false),
				}))
			}},
		{"GET", "/gitlab/{integrationId}", 200, gitLabJSON, "", gitLabJSON,
			func(ctx context.Context, c *Client) (any, error) { return c.GetGitLabIntegration(ctx, "acme", "int-1") }},
		{"PATCH", "/gitlab/{integrationId}", 204, "", `{"disablePRComments":true,"disableNeoSummaries":false,"disableDetailedDiff":false}`, "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.UpdateGitLabIntegration(ctx, "acme", "int-1", UpdateGitLabIntegrationRequest{
					DisablePRComments: ptr(true), DisableNeoSummaries: ptr(false), DisableDetailedDiff: ptr(false),
				}))
			}},
		{"DELETE", "/gitlab/{integrationId}", 204, "", "", "",
			func(ctx context.Context, c *Client) (any, error) {
				return noResult(c.DeleteGitLabIntegration(ctx, "acme", "int-1"))
			}},
		{"GET", "/gitlab/access-status", 200, `{"hasUserToken":true,"availableGroups":[` + gitLabOrgJSON + `]}`, "",
			`{"hasUserToken":true,"availableGroups":[` + gitLabOrgJSON + `]}`,
			func(ctx context.Context, c *Client) (any, error) { return c.GetGitLabAccessStatus(ctx, "acme") }},
	}
}

// specOperations are the OpenAPI document's operations, "METHOD path".
func specOperations(t *testing.T) map[string]bool {
	t.Helper()
	v, err := spec.Default()
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	for _, op := range v.Operations() {
		ops[op.Method+" "+op.Path] = true
	}
	return ops
}

// TestEndpoints calls every operation of the OpenAPI document through its
// client method and checks the request on the wire and the decoded answer.
func TestEndpoints(t *testing.T) {
	cases := endpointCases()
	routes := map[string]bool{}
	for _, tc := range cases {
		routes[tc.method+" /api/console/orgs/{orgName}/integrations"+tc.route] = true
	}
	ops := specOperations(t)
	for op := range ops {
		if !routes[op] {
			t.Errorf("the OpenAPI document's %s has no case (and maybe no client method)", op)
		}
	}
	for r := range routes {
		if !ops[r] {
			t.Errorf("the table covers %s, which the OpenAPI document does not define", r)
		}
	}
	if len(routes) != len(cases) {
		t.Errorf("%d cases for %d distinct routes: one is listed twice", len(cases), len(routes))
	}

	for _, tc := range cases {
		route := "/api/console/orgs/{orgName}/integrations" + tc.route
		t.Run(tc.method+" "+route, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, tc.status, tc.answer) })
			got, err := tc.call(bg, newTestClient(t, rec.URL, 0))
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			if rec.count() != 1 {
				t.Fatalf("%d requests, want 1", rec.count())
			}
			req := rec.last()

			if req.Method != tc.method {
				t.Errorf("method %s, want %s", req.Method, tc.method)
			}
			if want := routeParams.Replace(route); req.EscapedPath != want {
				t.Errorf("path %s, want %s", req.EscapedPath, want)
			}
			if req.RawQuery != "" {
				t.Errorf("query %q, want none", req.RawQuery)
			}
			for name, want := range map[string]string{
				"Authorization": "token " + testToken,
				"Accept":        "application/vnd.pulumi+8",
				"User-Agent":    testUserAgent,
			} {
				if got := req.Header.Get(name); got != want {
					t.Errorf("%s: %q, want %q", name, got, want)
				}
			}

			if tc.body == "" {
				if len(req.Body) != 0 || req.Header.Get("Content-Type") != "" {
					t.Errorf("sent body %q with Content-Type %q; want neither", req.Body, req.Header.Get("Content-Type"))
				}
			} else {
				if ct := req.Header.Get("Content-Type"); ct != "application/json" {
					t.Errorf("Content-Type %q, want application/json", ct)
				}
				if !jsonEqual(t, req.Body, []byte(tc.body)) {
					t.Errorf("body\n got %s\nwant %s", req.Body, tc.body)
				}
			}

			if tc.want == "" {
				if got != nil {
					t.Errorf("result %#v, want none", got)
				}
				return
			}
			enc, err := json.Marshal(got)
			if err != nil {
				t.Fatalf("encoding result: %v", err)
			}
			if !jsonEqual(t, enc, []byte(tc.want)) {
				t.Errorf("decoded answer lost or renamed fields\n got %s\nwant %s", enc, tc.want)
			}
		})
	}
}

// TestEndpointsSpotCheckFields reads a few decoded fields directly, so a
// symmetric typo in a JSON tag cannot hide behind the round trip above.
func TestEndpointsSpotCheckFields(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/github/int-1"):
			answer(w, 200, gitHubJSON)
		case strings.HasSuffix(r.URL.Path, "/gitlab/int-1"):
			answer(w, 200, gitLabJSON)
		case strings.HasSuffix(r.URL.Path, "/bitbucket/int-1"):
			answer(w, 200, bitbucketJSON)
		case strings.HasSuffix(r.URL.Path, "/azure-devops/int-1"):
			answer(w, 200, adoGetJSON)
		default:
			answer(w, 404, `{"code":404,"message":"no route"}`)
		}
	})
	c := newTestClient(t, rec.URL, 0)

	gh, err := c.GetGitHubIntegration(bg, GitHubDotCom, "acme", "int-1")
	if err != nil {
		t.Fatal(err)
	}
	if gh.InstallationID != 42 || gh.AccountID != 7 || !gh.DisableCodeAccessForReviews || gh.GHURLs == nil ||
		gh.GHURLs.StateParam != "st" || len(gh.NeoGitHubAppPermissionRequirements) != 1 || !gh.NeoGitHubAppPermissionRequirements[0].IsSufficient {
		t.Errorf("GitHub integration decoded as %+v", gh)
	}
	gl, err := c.GetGitLabIntegration(bg, "acme", "int-1")
	if err != nil {
		t.Fatal(err)
	}
	if gl.GitLabGroupID != 99 || gl.GitLabOrg == nil || gl.GitLabOrg.AvatarURL == "" || gl.AuthUser == nil || !gl.AuthUser.HasMFA ||
		gl.GroupAccessTokenExpiration != "2030-01-01T00:00:00Z" {
		t.Errorf("GitLab integration decoded as %+v", gl)
	}
	bb, err := c.GetBitbucketIntegration(bg, "acme", "int-1")
	if err != nil {
		t.Fatal(err)
	}
	if bb.WorkspaceUUID != "{6f1e}" || bb.AuthType != "user_token" || bb.AuthUser == nil || bb.AuthUser.GitHubLogin != "octo" {
		t.Errorf("Bitbucket integration decoded as %+v", bb)
	}
	ado, err := c.GetAzureDevOpsIntegration(bg, "acme", "int-1")
	if err != nil {
		t.Fatal(err)
	}
	if !ado.Installed || ado.Organization == nil || ado.Organization.AccountURL == "" || ado.Project == nil || ado.Project.ID != "p-1" {
		t.Errorf("Azure DevOps integration decoded as %+v", ado)
	}
}

// TestRequestBodiesMatchSpec holds every request the client sends (path,
// query, headers and JSON body) to the OpenAPI document's request schema,
// strictly: a field the schema lacks, a wrong type or a missing required
// field fails. The fixtures' answers are held to the response schemas the
// same way, so the field names above are the spec's, not the client's.
func TestRequestBodiesMatchSpec(t *testing.T) {
	v, err := spec.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range endpointCases() {
		route := "/api/console/orgs/{orgName}/integrations" + tc.route
		t.Run(tc.method+" "+route, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, tc.status, tc.answer) })
			if _, err := tc.call(bg, newTestClient(t, rec.URL, 0)); err != nil {
				t.Fatalf("call: %v", err)
			}
			req := rec.last()
			uri := req.EscapedPath
			if req.RawQuery != "" {
				uri += "?" + req.RawQuery
			}
			var body []byte
			if len(req.Body) > 0 {
				body = req.Body
			}
			if err := v.ValidateRequest(req.Method, uri, req.Header, body); err != nil {
				t.Errorf("the request does not match the OpenAPI document:\n%v", err)
			}
			h := http.Header{}
			var answerBody []byte
			if tc.answer != "" {
				h.Set("Content-Type", "application/json")
				answerBody = []byte(tc.answer)
			}
			if err := v.ValidateResponse(req.Method, uri, tc.status, h, answerBody); err != nil {
				t.Errorf("the fixture answer does not match the OpenAPI document:\n%v", err)
			}
		})
	}
}
