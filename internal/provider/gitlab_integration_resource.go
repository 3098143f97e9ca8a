package provider

import (
	"context"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

var (
	_ resource.ResourceWithImportState      = (*gitLabIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*gitLabIntegrationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*gitLabIntegrationResource)(nil)
)

type gitLabIntegrationResource = integrationResource[gitLabIntegrationModel, *gitLabIntegrationModel, client.GitLabIntegration]

// NewGitLabIntegrationResource is the pulumicloud_gitlab_integration resource.
func NewGitLabIntegrationResource() resource.Resource {
	return newIntegrationResource[gitLabIntegrationModel, *gitLabIntegrationModel](gitLabKind)
}

// gitLabIntegrationFields are the API's GitLabIntegrationDetails, except the id.
type gitLabIntegrationFields struct {
	GitLabGroupID              types.Int64                  `tfsdk:"gitlab_group_id"`
	GroupName                  types.String                 `tfsdk:"group_name"`
	GroupPath                  fwtype.CaseInsensitiveString `tfsdk:"group_path"`
	AvatarURL                  types.String                 `tfsdk:"avatar_url"`
	Installed                  types.Bool                   `tfsdk:"installed"`
	Valid                      types.Bool                   `tfsdk:"valid"`
	GitLabOrg                  types.Object                 `tfsdk:"gitlab_org"`
	AuthUser                   types.Object                 `tfsdk:"auth_user"`
	GroupAccessTokenExpiration types.String                 `tfsdk:"group_access_token_expiration"`
	DisablePRComments          types.Bool                   `tfsdk:"disable_pr_comments"`
	DisableNeoSummaries        types.Bool                   `tfsdk:"disable_neo_summaries"`
	DisableDetailedDiff        types.Bool                   `tfsdk:"disable_detailed_diff"`
}

// gitLabIntegrationModel is the resource model.
type gitLabIntegrationModel struct {
	integrationBase
	gitLabIntegrationFields
	UseUserGitLabAuth types.Bool `tfsdk:"use_user_gitlab_auth"`
	withTimeouts
}

type gitLabOrgModel struct {
	ID                     types.Int64  `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	AvatarURL              types.String `tfsdk:"avatar_url"`
	HasRequiredPermissions types.Bool   `tfsdk:"has_required_permissions"`
}

var (
	gitLabOrgFields = []fieldSpec{
		int64Field("id", "The GitLab group id."),
		stringField("name", "The group's name."),
		stringField("avatar_url", "The group's avatar URL."),
		boolField("has_required_permissions", "Whether the integration has the permissions it needs on the group."),
	}
	// gitLabFields are every field of GitLabIntegrationDetails but the id.
	gitLabFields = concatFields([]fieldSpec{
		int64Field("gitlab_group_id", "The GitLab group id."),
		stringField("group_name", "The GitLab group's display name.").
			stable("the group's name: a settings PATCH cannot rename it"),
		spelledField("group_path", "The GitLab group's URL path, e.g. `parent-group/child-group`.", fwtype.CaseInsensitiveStringType{}).
			stable("the group's path: a settings PATCH cannot move it"),
		stringField("avatar_url", "The GitLab group's avatar URL.").
			stable("the group's avatar"),
		// Unknown on update: status the service recomputes (tokens, hooks).
		boolField("installed", "Whether the integration is fully installed."),
		boolField("valid", "Whether the integration is currently valid (tokens, hooks, …)."),
		// Unknown on update: has_required_permissions is checked against
		// GitLab, where the group's owners may change them at any time.
		objectField("gitlab_org", "The GitLab group as GitLab describes it.", gitLabOrgFields...),
		authUserField("GitLab").stableOrNull("whose token is chosen at create (use_user_gitlab_auth); null means a group access token"),
		// Unknown on update: Pulumi Cloud renews the group access token.
		stringField("group_access_token_expiration", "When the group access token expires, when one is used."),
	}, flagFields)
)

// gitLabOrgTypes is the gitlab_org object type, built once.
var gitLabOrgTypes = attrTypes(gitLabOrgFields)

// gitLabKindType is the GitLab kind: its POST takes no disable_* flags, so
// a create PATCHes them (finishCreate).
type gitLabKindType struct {
	*integrationKind[gitLabIntegrationModel, client.GitLabIntegration]
}

var _ createFinishing[gitLabIntegrationModel, client.GitLabIntegration] = gitLabKindType{}

// finishCreate PATCHes the flags unless the list item
// (GitLabIntegrationDetails) has them already.
func (k gitLabKindType) finishCreate(ctx context.Context, c *client.Client, org, id string, m *gitLabIntegrationModel,
	found *client.GitLabIntegration) (*client.GitLabIntegration, string, error) {
	return flagSettings(ctx, c, org, id, m, found, func(m *gitLabIntegrationModel, a *client.GitLabIntegration) bool {
		return setFlags([]*bool{&a.DisablePRComments, &a.DisableNeoSummaries, &a.DisableDetailedDiff},
			m.DisablePRComments, m.DisableNeoSummaries, m.DisableDetailedDiff)
	}, k.patch)
}

var gitLabKind = gitLabKindType{&integrationKind[gitLabIntegrationModel, client.GitLabIntegration]{
	typeName: "gitlab_integration",
	title:    "GitLab",
	schema:   gitLabResourceSchema,
	list: func(ctx context.Context, c *client.Client, org string) ([]client.GitLabIntegration, error) {
		return c.ListGitLabIntegrations(ctx, org)
	},
	get: func(ctx context.Context, c *client.Client, org, id string) (*client.GitLabIntegration, error) {
		return c.GetGitLabIntegration(ctx, org, id)
	},
	idOf:        func(a *client.GitLabIntegration) string { return a.ID },
	displayName: func(a *client.GitLabIntegration) string { return "GitLab group " + a.GroupPath },
	describeKey: func(m *gitLabIntegrationModel) string {
		return "GitLab group " + strconv.FormatInt(m.GitLabGroupID.ValueInt64(), 10)
	},
	matches: func(m *gitLabIntegrationModel, a *client.GitLabIntegration) bool {
		return a.GitLabGroupID == m.GitLabGroupID.ValueInt64()
	},
	create: func(ctx context.Context, c *client.Client, org string, m *gitLabIntegrationModel, _ tfsdk.Config) (*client.GitLabIntegration, error) {
		return nil, c.CreateGitLabIntegration(ctx, org, client.CreateGitLabIntegrationRequest{
			GitLabGroupID:     m.GitLabGroupID.ValueInt64(),
			UseUserGitLabAuth: m.UseUserGitLabAuth.ValueBoolPointer(),
		})
	},
	patch: func(ctx context.Context, c *client.Client, org, id string, m *gitLabIntegrationModel) error {
		return c.UpdateGitLabIntegration(ctx, org, id, client.UpdateGitLabIntegrationRequest{
			DisablePRComments:   m.DisablePRComments.ValueBoolPointer(),
			DisableNeoSummaries: m.DisableNeoSummaries.ValueBoolPointer(),
			DisableDetailedDiff: m.DisableDetailedDiff.ValueBoolPointer(),
		})
	},
	listIsDetails: true,
	del: func(ctx context.Context, c *client.Client, org, id string) error {
		return c.DeleteGitLabIntegration(ctx, org, id)
	},
	fromAPI: func(ctx context.Context, a *client.GitLabIntegration, m *gitLabIntegrationModel) diag.Diagnostics {
		diags := gitLabIntegrationFromAPI(ctx, a, &m.gitLabIntegrationFields)
		// The API does not answer the create-only choice; keep the state's,
		// and after an import infer it from whose token is used.
		if m.UseUserGitLabAuth.IsNull() || m.UseUserGitLabAuth.IsUnknown() {
			m.UseUserGitLabAuth = gitLabUserAuthFromAPI(a)
		}
		return diags
	},
}}

// gitLabUserAuthFromAPI infers use_user_gitlab_auth from the answer: per the
// spec, authUser is the user whose GitLab token is used and
// groupAccessTokenExpiration is set when a group access token is. Exactly one
// of them tells; neither or both leave it null (not known), which the
// attribute's plan modifier takes as "as it is" rather than a replacement.
func gitLabUserAuthFromAPI(a *client.GitLabIntegration) types.Bool {
	user, groupToken := a.AuthUser != nil, a.GroupAccessTokenExpiration != ""
	if user == groupToken {
		return types.BoolNull()
	}
	return types.BoolValue(user)
}

func gitLabResourceSchema() rschema.Schema {
	return rschema.Schema{
		MarkdownDescription: "Manages a GitLab integration of a Pulumi organization: connects a GitLab group " +
			"(`gitlab_group_id`) and manages its pull request and Neo settings.",
		Attributes: mergeAttributes(
			integrationBaseResourceAttributes("GitLab"),
			resourceAttributes(gitLabFields, map[string]rschema.Attribute{
				"gitlab_group_id": rschema.Int64Attribute{
					MarkdownDescription: "The id of the GitLab group to integrate. Changing it replaces the integration.",
					Required:            true,
					Validators:          positiveID(),
					PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
				},
			}),
			flagInputs("disable_pr_comments", "disable_neo_summaries", "disable_detailed_diff"),
			map[string]rschema.Attribute{
				"use_user_gitlab_auth": createOnlyBool("Whether the integration authenticates with your own GitLab OAuth token " +
					"instead of a group access token."),
			},
		),
	}
}

// gitLabIntegrationFromAPI maps GitLabIntegrationDetails into m.
func gitLabIntegrationFromAPI(ctx context.Context, a *client.GitLabIntegration, m *gitLabIntegrationFields) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.GitLabGroupID = types.Int64Value(a.GitLabGroupID)
	m.GroupName = types.StringValue(a.GroupName)
	m.GroupPath = fwtype.CaseInsensitiveStringValue(a.GroupPath)
	m.AvatarURL = types.StringValue(a.AvatarURL)
	m.Installed = types.BoolValue(a.Installed)
	m.Valid = types.BoolValue(a.Valid)
	m.GroupAccessTokenExpiration = types.StringValue(a.GroupAccessTokenExpiration)
	m.DisablePRComments = types.BoolValue(a.DisablePRComments)
	m.DisableNeoSummaries = types.BoolValue(a.DisableNeoSummaries)
	m.DisableDetailedDiff = types.BoolValue(a.DisableDetailedDiff)

	orgTypes := gitLabOrgTypes
	if a.GitLabOrg == nil {
		m.GitLabOrg = types.ObjectNull(orgTypes)
	} else {
		m.GitLabOrg, d = types.ObjectValueFrom(ctx, orgTypes, gitLabOrgModel{
			ID: types.Int64Value(a.GitLabOrg.ID), Name: types.StringValue(a.GitLabOrg.Name),
			AvatarURL: types.StringValue(a.GitLabOrg.AvatarURL), HasRequiredPermissions: types.BoolValue(a.GitLabOrg.HasRequiredPermissions),
		})
		diags.Append(d...)
	}
	m.AuthUser, d = authUserFromAPI(ctx, a.AuthUser)
	diags.Append(d...)
	return diags
}
