package emulator

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Rendering stored integrations into the spec's answer shapes.

func (o *orgState) authUser() *user {
	return &user{
		ID:          hashUUID("user/jdoe"),
		GithubLogin: "jdoe",
		Name:        "Jane Doe",
		Email:       "jdoe@acme.example",
		AvatarURL:   "https://avatars.githubusercontent.com/u/90000104?v=4",
		Organizations: []organizationSummaryWithRole{{
			GithubLogin: o.Name, Name: o.Name,
			AvatarURL: "https://api.pulumi.com/static/avatars/" + o.Name + ".png", Role: "admin",
		}},
		Identities:          []string{"github.com"}, // IdentityProvider values, not vcsProvider ones
		HasMFA:              true,
		IsOrgManaged:        false,
		IsManagedByMultiOrg: false,
	}
}

func gitHubHost(in *integration) string {
	if in.Kind == kindGHE {
		return SeedGHEHost
	}
	return "github.com"
}

func permReq(name, required, actual, reason string) gitHubAppPermissionRequirement {
	rank := map[string]int{"NoAccess": 0, "ReadOnly": 1, "ReadWrite": 2}
	return gitHubAppPermissionRequirement{Name: name, Required: required, Actual: actual, Reason: reason,
		IsSufficient: rank[actual] >= rank[required]}
}

func level(has bool, l string) string {
	if has {
		return l
	}
	return "NoAccess"
}

func (o *orgState) renderGitHub(in *integration) gitHubIntegrationDetails {
	base := "https://" + gitHubHost(in)
	avatar := fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", in.AccountID)
	if in.Kind == kindGHE {
		avatar = fmt.Sprintf("%s/avatars/u/%d?v=4", base, in.AccountID)
	}
	config := fmt.Sprintf("%s/settings/installations/%d", base, in.InstallationID)
	if in.IsOrganization {
		config = fmt.Sprintf("%s/organizations/%s/settings/installations/%d", base, in.AccountName, in.InstallationID)
	}
	membersRequired := "ReadOnly"
	if !in.IsOrganization {
		membersRequired = "NoAccess" // members only matters for organization accounts
	}
	d := gitHubIntegrationDetails{
		AvatarURL: avatar, ID: in.ID, InstallationID: in.InstallationID, AccountID: in.AccountID,
		AccountName: in.AccountName, IsOrganization: in.IsOrganization, IsSelfHosted: in.Kind == kindGHE,
		Created:                     in.Created.UTC().Format(time.RFC3339),
		DisablePRComments:           in.DisablePRComments,
		DisableNeoSummaries:         in.DisableNeoSummaries,
		DisableDetailedDiff:         in.DisableDetailedDiff,
		DisableCodeAccessForReviews: in.DisableCodeAccessForReviews,
		DisableDraftPRComments:      in.DisableDraftPRComments,
		IndividualAuthEnabled:       in.IndividualAuthEnabled,
		HasMembersPermission:        in.HasMembersPermission,
		HasContentsPermission:       in.HasContentsPermission,
		NeoGitHubAppPermissionRequirements: []gitHubAppPermissionRequirement{
			permReq("Checks", "ReadWrite", "ReadWrite", "Neo reports deployment results as check runs."),
			permReq("Contents", "ReadOnly", level(in.HasContentsPermission, "ReadWrite"), "Neo reads repository code to review changes."),
			permReq("Pull requests", "ReadWrite", "ReadWrite", "Neo comments on pull requests."),
			permReq("Members", membersRequired, level(in.HasMembersPermission, "ReadOnly"), "Neo maps organization members to Pulumi users."),
		},
		GHURLs: &gitHubAppURLs{
			InstallationURL:  gitHubInstallURL(in.Kind),
			ConfigurationURL: config,
			PermissionsURL:   config + "/permissions/update",
			StateParam:       strings.ReplaceAll(hashUUID("state/"+o.Name+"/"+in.ID), "-", "")[:24],
		},
	}
	return d
}

// gitHubInstallURL is where a new installation of the Pulumi app starts; the
// github and github-enterprise lists answer it once, at the top.
func gitHubInstallURL(kind string) string {
	host := "github.com"
	if kind == kindGHE {
		host = SeedGHEHost
	}
	return "https://" + host + "/apps/pulumi/installations/new"
}

func (o *orgState) renderGitLab(in *integration) gitLabIntegrationDetails {
	g, _ := o.findGitLabGroup(in.GitLabGroupID)
	avatar := gitLabAvatar(g.ID)
	d := gitLabIntegrationDetails{
		ID: in.ID, GitLabGroupID: in.GitLabGroupID, GroupName: g.Name, GroupPath: g.Path, AvatarURL: avatar,
		Installed: in.Installed, Valid: in.Valid,
		GitLabOrg:           &gitLabAppOrganization{ID: g.ID, Name: g.Name, AvatarURL: avatar, HasRequiredPermissions: true},
		DisablePRComments:   in.DisablePRComments,
		DisableNeoSummaries: in.DisableNeoSummaries,
		DisableDetailedDiff: in.DisableDetailedDiff,
	}
	if in.UseUserAuth {
		d.AuthUser = o.authUser()
	} else {
		d.GroupAccessTokenExpiration = in.Created.AddDate(1, 0, 0).UTC().Format(time.RFC3339)
	}
	return d
}

func gitLabAvatar(groupID int64) string {
	return fmt.Sprintf("https://gitlab.com/uploads/-/system/group/avatar/%d/avatar.png", groupID)
}

func bitbucketAvatar(slug string) string {
	return "https://bitbucket.org/workspaces/" + slug + "/avatar/"
}

func (o *orgState) renderBitbucket(in *integration) bitbucketIntegrationDetails {
	ws, _ := findBitbucketWorkspace(in.WorkspaceUUID)
	d := bitbucketIntegrationDetails{
		ID: in.ID, WorkspaceUUID: in.WorkspaceUUID, WorkspaceSlug: in.WorkspaceSlug, WorkspaceName: ws.Name,
		AvatarURL: bitbucketAvatar(in.WorkspaceSlug), Installed: in.Installed, Valid: in.Valid,
		AuthType:            "workspace_token",
		DisablePRComments:   in.DisablePRComments,
		DisableNeoSummaries: in.DisableNeoSummaries,
		DisableDetailedDiff: in.DisableDetailedDiff,
	}
	if in.UseUserAuth {
		d.AuthType = "user_token"
		d.AuthUser = o.authUser()
	}
	return d
}

func adoOrgWire(org ADOOrg) *adoOrganizationWire {
	return &adoOrganizationWire{ID: org.ID, Name: org.Name, AccountURL: "https://dev.azure.com/" + org.Name, HasRequiredPermissions: true}
}

func (in *integration) adoParts() (*adoOrganizationWire, *adoProjectWire) {
	org, _ := findADOOrg(in.ADOOrgName)
	p, _ := findADOProject(org, in.ADOProjectID)
	return adoOrgWire(org), &adoProjectWire{ID: p.ID, Name: p.Name}
}

const adoConsentURL = "https://app.vssps.visualstudio.com/oauth2/authorize?client_id=pulumi-cloud&response_type=Assertion&scope=vso.code_full"

func (o *orgState) renderADOListItem(in *integration) adoIntegrationListItem {
	org, proj := in.adoParts()
	return adoIntegrationListItem{
		ID: in.ID, Organization: org, Project: proj, Valid: in.Valid,
		DisablePRComments:           in.DisablePRComments,
		DisableNeoSummaries:         in.DisableNeoSummaries,
		DisableDetailedDiff:         in.DisableDetailedDiff,
		DisableCodeAccessForReviews: in.DisableCodeAccessForReviews,
	}
}

func (o *orgState) renderADO(in *integration) adoIntegrationGet {
	org, proj := in.adoParts()
	return adoIntegrationGet{
		Installed: in.Installed, Valid: in.Valid, Organization: org, Project: proj, AuthUser: o.authUser(),
		DisablePRComments:   in.DisablePRComments,
		DisableNeoSummaries: in.DisableNeoSummaries,
		DisableDetailedDiff: in.DisableDetailedDiff,
	}
}

// render answers an integration as its single GET (listItem false) or as a
// list element, with out-of-band overrides laid over.
func (o *orgState) render(in *integration, listItem bool) any {
	var v any
	switch in.Kind {
	case kindGitHub, kindGHE:
		v = o.renderGitHub(in)
	case kindGitLab:
		v = o.renderGitLab(in)
	case kindBitbucket:
		v = o.renderBitbucket(in)
	case kindADO:
		if listItem {
			v = o.renderADOListItem(in)
		} else {
			v = o.renderADO(in)
		}
	case kindCustom:
		v = o.renderCustom(in, "")
	}
	if len(in.Extra) == 0 {
		return v
	}
	m := toMap(v)
	for k, x := range in.Extra {
		m[k] = x
	}
	return m
}

// summary is the integration's entry in GET /integrations.
func (o *orgState) summary(in *integration) vcsIntegrationSummary {
	s := vcsIntegrationSummary{ID: in.ID, HasIndividualAccess: true}
	switch in.Kind {
	case kindGitHub, kindGHE:
		d := o.renderGitHub(in)
		s.Name, s.AvatarURL, s.VCSProvider = d.AccountName, d.AvatarURL, "github"
		if in.Kind == kindGHE {
			s.VCSProvider, s.Host = "github_enterprise", SeedGHEHost
		}
	case kindGitLab:
		d := o.renderGitLab(in)
		s.Name, s.AvatarURL, s.VCSProvider = d.GroupName, d.AvatarURL, "gitlab"
	case kindBitbucket:
		d := o.renderBitbucket(in)
		s.Name, s.AvatarURL, s.VCSProvider = d.WorkspaceName, d.AvatarURL, "bitbucket"
	case kindADO:
		org, proj := in.adoParts()
		s.Name, s.VCSProvider, s.HasIndividualAccess = org.Name+"/"+proj.Name, "azure_devops", o.ADOUserToken
		s.AvatarURL = "https://dev.azure.com/" + org.Name + "/_apis/GraphProfile/MemberAvatars"
	case kindCustom:
		s.Name, s.VCSProvider, s.BaseURL = in.Name, "custom", in.BaseURL
	}
	return s
}

// renderCustom answers a custom integration; secret is the webhook secret,
// given only when this answer is the one place it is handed out.
func (o *orgState) renderCustom(in *integration, secret string) customIntegration {
	repos := make([]customRepoWire, 0, len(in.Repositories))
	for _, r := range in.Repositories {
		repos = append(repos, customRepoWire(r))
	}
	return customIntegration{
		ID: in.ID, Name: in.Name, BaseURL: in.BaseURL, Environment: in.Environment, VCSType: in.VCSType,
		WebhookURL:    "https://api.pulumi.com/api/vcs/custom/" + o.Name + "/" + in.ID + "/webhook",
		WebhookSecret: secret,
		Repositories:  repos,
		Created:       in.Created.UTC().Format(time.RFC3339),
		Modified:      in.Modified.UTC().Format(time.RFC3339),
	}
}

// toMap turns a wire struct into its generic JSON object form.
func toMap(v any) map[string]any {
	b, _ := json.Marshal(v)
	m := map[string]any{}
	_ = json.Unmarshal(b, &m)
	return m
}
