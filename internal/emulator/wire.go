package emulator

// Wire types, written from the OpenAPI document (spec/pulumi-cloud-openapi-vcs.json),
// not from any client; TestReadEndpointsMatchSpec holds them to it strictly.
// Fields the document marks required are never omitted; optional ones are
// omitted only where their absence means something (authUser,
// groupAccessTokenExpiration, host, baseUrl, nextPageToken, webhookSecret).

type apiError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type vcsIntegrationSummary struct {
	Name                string `json:"name,omitempty"`
	AvatarURL           string `json:"avatarUrl,omitempty"`
	ID                  string `json:"id"`
	VCSProvider         string `json:"vcsProvider"`
	HasIndividualAccess bool   `json:"hasIndividualAccess"`
	Host                string `json:"host,omitempty"`
	BaseURL             string `json:"baseUrl,omitempty"` // custom only
}

type vcsRepo struct {
	ID    string `json:"id"`
	Owner string `json:"owner"`
	Name  string `json:"name"`
}

type vcsReposResponse struct {
	Repos         []vcsRepo `json:"repos"`
	NextPageToken string    `json:"nextPageToken,omitempty"`
}

type vcsBranch struct {
	Name        string `json:"name"`
	IsProtected bool   `json:"isProtected"`
}

// organizationSummaryWithRole is an entry of User.organizations.
type organizationSummaryWithRole struct {
	GithubLogin string `json:"githubLogin"`
	Name        string `json:"name"`
	AvatarURL   string `json:"avatarUrl"`
	Role        string `json:"role"`
}

// user is the spec's User object (authUser).
type user struct {
	ID                  string                        `json:"id"`
	GithubLogin         string                        `json:"githubLogin"`
	Name                string                        `json:"name"`
	Email               string                        `json:"email"`
	AvatarURL           string                        `json:"avatarUrl"`
	Organizations       []organizationSummaryWithRole `json:"organizations"`
	Identities          []string                      `json:"identities"`
	SiteAdmin           bool                          `json:"siteAdmin"`
	HasMFA              bool                          `json:"hasMFA"`
	IsOrgManaged        bool                          `json:"isOrgManaged"`
	IsManagedByMultiOrg bool                          `json:"isManagedByMultiOrg"`
}

// --- GitHub / GitHub Enterprise ---

type gitHubAppPermissionRequirement struct {
	Name         string `json:"name"`
	Required     string `json:"required"`
	Actual       string `json:"actual"`
	Reason       string `json:"reason"`
	IsSufficient bool   `json:"isSufficient"`
}

type gitHubAppURLs struct {
	InstallationURL  string `json:"installationUrl"`
	ConfigurationURL string `json:"configurationUrl"`
	PermissionsURL   string `json:"permissionsUrl"`
	StateParam       string `json:"stateParam"`
}

type gitHubIntegrationDetails struct {
	AvatarURL                          string                           `json:"avatarUrl"`
	ID                                 string                           `json:"id"`
	InstallationID                     int64                            `json:"installationID"`
	AccountID                          int64                            `json:"accountID"`
	AccountName                        string                           `json:"accountName"`
	IsOrganization                     bool                             `json:"isOrganization"`
	IsSelfHosted                       bool                             `json:"isSelfHosted"`
	Created                            string                           `json:"created"`
	DisablePRComments                  bool                             `json:"disablePRComments"`
	DisableNeoSummaries                bool                             `json:"disableNeoSummaries"`
	DisableDetailedDiff                bool                             `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews        bool                             `json:"disableCodeAccessForReviews"`
	DisableDraftPRComments             bool                             `json:"disableDraftPRComments"`
	IndividualAuthEnabled              bool                             `json:"individualAuthEnabled"`
	HasMembersPermission               bool                             `json:"hasMembersPermission"`
	HasContentsPermission              bool                             `json:"hasContentsPermission"`
	NeoGitHubAppPermissionRequirements []gitHubAppPermissionRequirement `json:"neoGitHubAppPermissionRequirements"`
	GHURLs                             *gitHubAppURLs                   `json:"ghUrls"`
}

// gitHubList is ListGitHubIntegrationsResponse (github and github-enterprise):
// the install URL belongs to the list, not to its items.
type gitHubList struct {
	Integrations    []any  `json:"integrations"`
	InstallationURL string `json:"installationUrl"`
}

// adoList is ListAzureDevOpsIntegrationsResponse; installationUrl starts
// the OAuth consent for a new integration.
type adoList struct {
	Integrations    []any  `json:"integrations"`
	InstallationURL string `json:"installationUrl"`
}

type claimRequest struct {
	InstallationID *int64 `json:"installationId"`
}

type claimableInstallation struct {
	InstallationID   int64  `json:"installationId"`
	AccountLogin     string `json:"accountLogin"`
	AccountAvatarURL string `json:"accountAvatarUrl"`
	IsOrganization   bool   `json:"isOrganization"`
}

type claimableList struct {
	Installations []claimableInstallation `json:"installations"`
}

// --- GitHub Enterprise user-auth (a person's own identity) ---

type gheUserIdentity struct {
	Login       string `json:"login"`
	GithubID    int64  `json:"githubId"`
	ConnectedAt string `json:"connectedAt"`
}

type gheAuthorizeURL struct {
	AuthorizeURL string `json:"authorizeUrl"`
}

type gheLinkedMembers struct {
	LinkedLogins []string `json:"linkedLogins"`
}

type gitHubSetupResponse struct {
	InstallationURL string `json:"installationUrl"`
}

type gitHubIntegrationPermissions struct {
	ID            string `json:"id"`
	CanCreateRepo bool   `json:"canCreateRepo"`
}

type gitHubAccessStatus struct {
	HasUserToken   bool                           `json:"hasUserToken"`
	HasIntegration bool                           `json:"hasIntegration"`
	AvailableOrgs  []string                       `json:"availableOrgs"`
	Integrations   []gitHubIntegrationPermissions `json:"integrations"`
}

// gitHubPatch has pointer fields so an explicit false is told apart from absence.
type gitHubPatch struct {
	DisablePRComments           *bool `json:"disablePRComments"`
	DisableNeoSummaries         *bool `json:"disableNeoSummaries"`
	DisableDetailedDiff         *bool `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews *bool `json:"disableCodeAccessForReviews"`
	DisableDraftPRComments      *bool `json:"disableDraftPRComments"`
	IndividualAuthEnabled       *bool `json:"individualAuthEnabled"`
}

// --- GitLab ---

type gitLabAppOrganization struct {
	ID                     int64  `json:"id"`
	Name                   string `json:"name"`
	AvatarURL              string `json:"avatarURL"`
	HasRequiredPermissions bool   `json:"hasRequiredPermissions"`
}

type gitLabIntegrationDetails struct {
	ID                         string                 `json:"id"`
	GitLabGroupID              int64                  `json:"gitLabGroupId"`
	GroupName                  string                 `json:"groupName"`
	GroupPath                  string                 `json:"groupPath"`
	AvatarURL                  string                 `json:"avatarUrl"`
	Installed                  bool                   `json:"installed"`
	Valid                      bool                   `json:"valid"`
	GitLabOrg                  *gitLabAppOrganization `json:"gitLabOrg"`
	AuthUser                   *user                  `json:"authUser,omitempty"`
	GroupAccessTokenExpiration string                 `json:"groupAccessTokenExpiration,omitempty"`
	DisablePRComments          bool                   `json:"disablePRComments"`
	DisableNeoSummaries        bool                   `json:"disableNeoSummaries"`
	DisableDetailedDiff        bool                   `json:"disableDetailedDiff"`
}

type gitLabCreateRequest struct {
	GitLabGroupID     *int64 `json:"gitLabGroupId"`
	UseUserGitLabAuth bool   `json:"useUserGitLabAuth"`
}

type gitLabAccessStatus struct {
	HasUserToken    bool                    `json:"hasUserToken"`
	AvailableGroups []gitLabAppOrganization `json:"availableGroups"`
}

// --- Bitbucket ---

type bitbucketIntegrationDetails struct {
	ID                  string `json:"id"`
	WorkspaceUUID       string `json:"workspaceUuid"`
	WorkspaceSlug       string `json:"workspaceSlug"`
	WorkspaceName       string `json:"workspaceName"`
	AvatarURL           string `json:"avatarUrl"`
	Installed           bool   `json:"installed"`
	Valid               bool   `json:"valid"`
	AuthType            string `json:"authType"`
	AuthUser            *user  `json:"authUser,omitempty"`
	DisablePRComments   bool   `json:"disablePRComments"`
	DisableNeoSummaries bool   `json:"disableNeoSummaries"`
	DisableDetailedDiff bool   `json:"disableDetailedDiff"`
}

type bitbucketCreateRequest struct {
	WorkspaceUUID        string `json:"workspaceUuid"`
	WorkspaceSlug        string `json:"workspaceSlug"`
	UseUserAuth          bool   `json:"useUserAuth"`
	WorkspaceAccessToken string `json:"workspaceAccessToken"`
}

type bitbucketWorkspaceWire struct {
	UUID      string `json:"uuid"`
	Name      string `json:"name"`
	Slug      string `json:"slug"`
	AvatarURL string `json:"avatarUrl"`
}

type bitbucketAccessStatus struct {
	HasUserToken        bool                     `json:"hasUserToken"`
	AvailableWorkspaces []bitbucketWorkspaceWire `json:"availableWorkspaces"`
}

// --- Azure DevOps ---

type adoOrganizationWire struct {
	ID                     string `json:"id"`
	Name                   string `json:"name"`
	AccountURL             string `json:"accountUrl"`
	HasRequiredPermissions bool   `json:"hasRequiredPermissions"`
}

type adoProjectWire struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// adoIntegrationListItem is AzureDevOpsIntegrationDetails (list items).
type adoIntegrationListItem struct {
	ID                          string               `json:"id"`
	Organization                *adoOrganizationWire `json:"organization"`
	Project                     *adoProjectWire      `json:"project"`
	Valid                       bool                 `json:"valid"`
	DisablePRComments           bool                 `json:"disablePRComments"`
	DisableNeoSummaries         bool                 `json:"disableNeoSummaries"`
	DisableDetailedDiff         bool                 `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews bool                 `json:"disableCodeAccessForReviews"`
}

// adoIntegrationGet is the single GET answer; the spec lists neither id nor
// disableCodeAccessForReviews here, so neither is sent.
type adoIntegrationGet struct {
	Installed           bool                 `json:"installed"`
	Valid               bool                 `json:"valid"`
	Organization        *adoOrganizationWire `json:"organization"`
	Project             *adoProjectWire      `json:"project"`
	AuthUser            *user                `json:"authUser,omitempty"`
	DisablePRComments   bool                 `json:"disablePRComments"`
	DisableNeoSummaries bool                 `json:"disableNeoSummaries"`
	DisableDetailedDiff bool                 `json:"disableDetailedDiff"`
}

type adoCreateRequest struct {
	OrganizationName            string `json:"organizationName"`
	ProjectID                   string `json:"projectId"`
	DisablePRComments           bool   `json:"disablePRComments"`
	DisableNeoSummaries         bool   `json:"disableNeoSummaries"`
	DisableDetailedDiff         bool   `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews bool   `json:"disableCodeAccessForReviews"`
}

type adoAccessStatus struct {
	HasUserToken   bool                  `json:"hasUserToken"`
	HasIntegration bool                  `json:"hasIntegration"`
	AvailableOrgs  []adoOrganizationWire `json:"availableOrgs"`
}

type azureOptions struct {
	TenantID string `json:"tenantId"`
	APIName  string `json:"apiName"`
}

type cloudSetupProvider struct {
	Name  string        `json:"name"`
	Azure *azureOptions `json:"azure"`
}

type oauthInitiateRequest struct {
	Provider *cloudSetupProvider `json:"provider"`
}

type oauthInitiateResponse struct {
	URL       string `json:"url"`
	SessionID string `json:"sessionID"`
}

type oauthCompleteRequest struct {
	Provider  *cloudSetupProvider `json:"provider"`
	SessionID string              `json:"sessionID"`
	Code      string              `json:"code"`
}

// --- Custom VCS ---

type customRepoWire struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName,omitempty"`
}

// customIntegration is CustomVCSIntegrationResponse. WebhookSecret is set
// only in the answers to a create and to a regenerating update.
type customIntegration struct {
	ID            string           `json:"id"`
	Name          string           `json:"name"`
	BaseURL       string           `json:"baseUrl"`
	Environment   string           `json:"environment"`
	VCSType       string           `json:"vcsType"`
	WebhookURL    string           `json:"webhookUrl"`
	WebhookSecret string           `json:"webhookSecret,omitempty"`
	Repositories  []customRepoWire `json:"repositories"`
	Created       string           `json:"created"`
	Modified      string           `json:"modified"`
}

// customCreateRequest is CreateCustomVCSIntegrationRequest.
type customCreateRequest struct {
	Name        string `json:"name"`
	BaseURL     string `json:"baseUrl"`
	Environment string `json:"environment"`
	VCSType     string `json:"vcsType"`
}

// customUpdateRequest is UpdateCustomVCSIntegrationRequest: absent fields
// are left alone.
type customUpdateRequest struct {
	Name                    *string `json:"name"`
	BaseURL                 *string `json:"baseUrl"`
	Environment             *string `json:"environment"`
	RegenerateWebhookSecret bool    `json:"regenerateWebhookSecret"`
}

// customRepoRequest is AddCustomVCSRepositoryRequest and (name only)
// RemoveCustomVCSRepositoryRequest.
type customRepoRequest struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName"`
}

type integrationsList struct {
	Integrations []any `json:"integrations"`
}
