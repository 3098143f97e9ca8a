package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ resource.ResourceWithImportState      = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*bitbucketIntegrationResource)(nil)
)

type bitbucketIntegrationResource = integrationResource[bitbucketIntegrationModel, *bitbucketIntegrationModel, client.BitbucketIntegration]

// NewBitbucketIntegrationResource is the pulumicloud_bitbucket_integration resource.
func NewBitbucketIntegrationResource() resource.Resource {
	return &bitbucketIntegrationResource{kind: bitbucketKind}
}

// bitbucketIntegrationFields are the API's BitBucketIntegrationDetails, except the id.
type bitbucketIntegrationFields struct {
	WorkspaceUUID       types.String `tfsdk:"workspace_uuid"`
	WorkspaceSlug       types.String `tfsdk:"workspace_slug"`
	WorkspaceName       types.String `tfsdk:"workspace_name"`
	AvatarURL           types.String `tfsdk:"avatar_url"`
	Installed           types.Bool   `tfsdk:"installed"`
	Valid               types.Bool   `tfsdk:"valid"`
	AuthType            types.String `tfsdk:"auth_type"`
	AuthUser            types.Object `tfsdk:"auth_user"`
	DisablePRComments   types.Bool   `tfsdk:"disable_pr_comments"`
	DisableNeoSummaries types.Bool   `tfsdk:"disable_neo_summaries"`
	DisableDetailedDiff types.Bool   `tfsdk:"disable_detailed_diff"`
}

// bitbucketIntegrationModel is the resource model. WorkspaceAccessTokenWO is
// write-only: always null here except in the configuration.
type bitbucketIntegrationModel struct {
	integrationBase
	bitbucketIntegrationFields
	UseUserAuth                   types.Bool   `tfsdk:"use_user_auth"`
	WorkspaceAccessTokenWO        types.String `tfsdk:"workspace_access_token_wo"`
	WorkspaceAccessTokenWOVersion types.Int64  `tfsdk:"workspace_access_token_wo_version"`
	WorkspaceAccessToken          types.String `tfsdk:"workspace_access_token"`
}

// bitbucketFields are every field of BitBucketIntegrationDetails but the id.
var bitbucketFields = concatFields([]fieldSpec{
	stringField("workspace_uuid", "The Bitbucket workspace UUID."),
	stringField("workspace_slug", "The Bitbucket workspace slug (workspace id)."),
	stringField("workspace_name", "The workspace's display name.").
		stable("the workspace's name: a settings PATCH cannot rename it"),
	stringField("avatar_url", "The workspace's avatar URL.").
		stable("the workspace's avatar"),
	// Unknown on update: status the service recomputes (credentials).
	boolField("installed", "Whether the integration is fully installed and operational."),
	boolField("valid", "Whether the integration's credentials are currently valid."),
	stringField("auth_type", "How the integration authenticates: `workspace_token`, `user_token` or `pat`.").
		stable("the credential chosen at create; only a new integration changes it"),
	authUserField("Bitbucket OAuth").stableOrNull("whose token is chosen at create (use_user_auth); null means a workspace token"),
}, flagFields)

const (
	attrBitbucketTokenWO        = "workspace_access_token_wo"
	attrBitbucketTokenWOVersion = "workspace_access_token_wo_version"
	attrBitbucketToken          = "workspace_access_token"
	attrBitbucketUseUserAuth    = "use_user_auth"
)

var bitbucketKind = &integrationKind[bitbucketIntegrationModel, client.BitbucketIntegration]{
	typeName: "bitbucket_integration",
	title:    "Bitbucket",
	schema:   bitbucketResourceSchema,
	configValidators: func() []resource.ConfigValidator {
		return []resource.ConfigValidator{bitbucketAuthValidator{}}
	},
	list: func(ctx context.Context, c *client.Client, org string) ([]client.BitbucketIntegration, error) {
		return c.ListBitbucketIntegrations(ctx, org)
	},
	get: func(ctx context.Context, c *client.Client, org, id string) (*client.BitbucketIntegration, error) {
		return c.GetBitbucketIntegration(ctx, org, id)
	},
	idOf: func(a *client.BitbucketIntegration) string { return a.ID },
	describeKey: func(m *bitbucketIntegrationModel) string {
		return "Bitbucket workspace " + m.WorkspaceSlug.ValueString() + " (" + m.WorkspaceUUID.ValueString() + ")"
	},
	matches: func(m *bitbucketIntegrationModel, a *client.BitbucketIntegration) bool {
		return canonicalWorkspaceUUID(a.WorkspaceUUID) == canonicalWorkspaceUUID(m.WorkspaceUUID.ValueString())
	},
	create: func(ctx context.Context, c *client.Client, org string, m *bitbucketIntegrationModel, cfg tfsdk.Config) error {
		// The write-only token is only ever in the configuration.
		var wo types.String
		if diags := cfg.GetAttribute(ctx, path.Root(attrBitbucketTokenWO), &wo); diags.HasError() {
			return errFromDiags(diags)
		}
		token := wo.ValueString()
		if token == "" {
			token = m.WorkspaceAccessToken.ValueString()
		}
		if token != "" {
			ctx = tflog.MaskMessageStrings(ctx, token)
			ctx = tflog.MaskAllFieldValuesStrings(ctx, token)
		}
		req := client.CreateBitbucketIntegrationRequest{
			WorkspaceUUID:        m.WorkspaceUUID.ValueString(),
			WorkspaceSlug:        m.WorkspaceSlug.ValueString(),
			WorkspaceAccessToken: token,
		}
		if m.UseUserAuth.ValueBool() {
			req.UseUserAuth = m.UseUserAuth.ValueBoolPointer()
		}
		tflog.Debug(ctx, "creating Bitbucket integration", map[string]any{
			"workspace_slug": req.WorkspaceSlug, "use_user_auth": m.UseUserAuth.ValueBool(), "with_token": token != "",
		})
		return c.CreateBitbucketIntegration(ctx, org, req)
	},
	patch: func(ctx context.Context, c *client.Client, org, id string, m *bitbucketIntegrationModel) error {
		return c.UpdateBitbucketIntegration(ctx, org, id, client.UpdateBitbucketIntegrationRequest{
			DisablePRComments:   m.DisablePRComments.ValueBoolPointer(),
			DisableNeoSummaries: m.DisableNeoSummaries.ValueBoolPointer(),
			DisableDetailedDiff: m.DisableDetailedDiff.ValueBoolPointer(),
		})
	},
	// The POST takes no disable_* flags; the list item is BitBucketIntegrationDetails.
	applySettings: func(m *bitbucketIntegrationModel, a *client.BitbucketIntegration) bool {
		return setFlags([]*bool{&a.DisablePRComments, &a.DisableNeoSummaries, &a.DisableDetailedDiff},
			m.DisablePRComments, m.DisableNeoSummaries, m.DisableDetailedDiff)
	},
	listIsDetails: true,
	del: func(ctx context.Context, c *client.Client, org, id string) error {
		return c.DeleteBitbucketIntegration(ctx, org, id)
	},
	fromAPI: func(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationModel) diag.Diagnostics {
		diags := bitbucketIntegrationFromAPI(ctx, a, &m.bitbucketIntegrationFields)
		if m.UseUserAuth.IsNull() || m.UseUserAuth.IsUnknown() { // after an import
			m.UseUserAuth = types.BoolValue(a.AuthType == "user_token" || a.AuthUser != nil)
		}
		m.WorkspaceAccessTokenWO = types.StringNull() // never stored
		return diags
	},
}

func bitbucketResourceSchema() rschema.Schema {
	return rschema.Schema{
		MarkdownDescription: "Manages a Bitbucket integration of a Pulumi organization: connects a Bitbucket workspace " +
			"and manages its pull request and Neo settings. Authenticate with exactly one of `use_user_auth = true`, " +
			"`workspace_access_token_wo` (write-only, Terraform 1.11 or later; never stored) or `workspace_access_token` " +
			"(stored in the state, for older Terraform and for bridges without write-only support).",
		Attributes: mergeAttributes(
			integrationBaseResourceAttributes("Bitbucket"),
			resourceAttributes(bitbucketFields, map[string]rschema.Attribute{
				"workspace_uuid": rschema.StringAttribute{
					MarkdownDescription: "The UUID of the Bitbucket workspace, with or without braces. Changing it replaces the integration.",
					Required:            true,
					Validators:          workspaceUUIDValidators(),
					PlanModifiers:       []planmodifier.String{requiresReplaceUnlessEquivalent(sameWorkspaceUUID)},
				},
				"workspace_slug": rschema.StringAttribute{
					MarkdownDescription: "The slug (workspace id) of the Bitbucket workspace, e.g. `acme-web`. Changing it replaces the integration.",
					Required:            true,
					Validators:          bitbucketSlugValidators(),
					PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				},
			}),
			flagInputs("disable_pr_comments", "disable_neo_summaries", "disable_detailed_diff"),
			map[string]rschema.Attribute{
				attrBitbucketUseUserAuth: createOnlyBool("Whether the integration authenticates with your own Bitbucket OAuth " +
					"token. Exactly one of `use_user_auth = true`, `workspace_access_token_wo` and `workspace_access_token` must be set."),
				attrBitbucketTokenWO: rschema.StringAttribute{
					MarkdownDescription: "A Bitbucket workspace access token (or personal access token), write-only: sent when the " +
						"integration is created and never stored in the plan or state. Requires Terraform 1.11 or later. " +
						"Bump `workspace_access_token_wo_version` to rotate it (which replaces the integration).",
					Optional:   true,
					Sensitive:  true,
					WriteOnly:  true,
					Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				},
				attrBitbucketTokenWOVersion: rschema.Int64Attribute{
					MarkdownDescription: "A version number for `workspace_access_token_wo`: change it to send a new token, which replaces " +
						"the integration. Setting it after an import does not replace the integration.",
					Optional:      true,
					Validators:    []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(attrBitbucketTokenWO))},
					PlanModifiers: []planmodifier.Int64{requiresReplaceIfPriorSetInt64()},
				},
				attrBitbucketToken: rschema.StringAttribute{
					MarkdownDescription: "A Bitbucket workspace access token (or personal access token), sent when the integration is " +
						"created. Stored (as sensitive) in the state: prefer `workspace_access_token_wo` on Terraform 1.11 or later. " +
						"Changing it replaces the integration.",
					Optional:      true,
					Sensitive:     true,
					Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
					PlanModifiers: []planmodifier.String{requiresReplaceIfPriorSetString()},
				},
			},
		),
	}
}

// bitbucketIntegrationFromAPI maps BitBucketIntegrationDetails into m,
// keeping the configured spelling of an equivalent workspace UUID or slug.
func bitbucketIntegrationFromAPI(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationFields) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.WorkspaceUUID = keepIfEquivalent(m.WorkspaceUUID, a.WorkspaceUUID, sameWorkspaceUUID)
	m.WorkspaceSlug = keepIfEquivalent(m.WorkspaceSlug, a.WorkspaceSlug, strings.EqualFold)
	m.WorkspaceName = types.StringValue(a.WorkspaceName)
	m.AvatarURL = types.StringValue(a.AvatarURL)
	m.Installed = types.BoolValue(a.Installed)
	m.Valid = types.BoolValue(a.Valid)
	m.AuthType = types.StringValue(a.AuthType)
	m.DisablePRComments = types.BoolValue(a.DisablePRComments)
	m.DisableNeoSummaries = types.BoolValue(a.DisableNeoSummaries)
	m.DisableDetailedDiff = types.BoolValue(a.DisableDetailedDiff)
	m.AuthUser, d = authUserFromAPI(ctx, a.AuthUser)
	diags.Append(d...)
	return diags
}

// bitbucketAuthValidator requires exactly one way to authenticate. It names
// attributes only: it never prints a value.
type bitbucketAuthValidator struct{}

func (bitbucketAuthValidator) Description(context.Context) string {
	return "exactly one of use_user_auth = true, workspace_access_token_wo or workspace_access_token must be set"
}

func (v bitbucketAuthValidator) MarkdownDescription(ctx context.Context) string {
	return "exactly one of `use_user_auth = true`, `workspace_access_token_wo` or `workspace_access_token` must be set"
}

func (bitbucketAuthValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var useUser types.Bool
	var wo, token types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attrBitbucketUseUserAuth), &useUser)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attrBitbucketTokenWO), &wo)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attrBitbucketToken), &token)...)
	if resp.Diagnostics.HasError() || useUser.IsUnknown() || wo.IsUnknown() || token.IsUnknown() {
		return
	}
	var set []string
	if useUser.ValueBool() {
		set = append(set, "use_user_auth = true")
	}
	if !wo.IsNull() {
		set = append(set, attrBitbucketTokenWO)
	}
	if !token.IsNull() {
		set = append(set, attrBitbucketToken)
	}
	switch len(set) {
	case 1:
		return
	case 0:
		resp.Diagnostics.AddAttributeError(path.Root(attrBitbucketTokenWO), "Missing Bitbucket Authentication",
			"Set exactly one of `use_user_auth = true` (use your own Bitbucket OAuth token), `workspace_access_token_wo` "+
				"(a workspace access token, write-only, Terraform 1.11 or later) or `workspace_access_token` (stored in the state).")
	default:
		resp.Diagnostics.AddAttributeError(path.Root(attrBitbucketTokenWO), "Conflicting Bitbucket Authentication",
			"Set exactly one of `use_user_auth = true`, `workspace_access_token_wo` or `workspace_access_token`; "+
				"this configuration sets "+strings.Join(set, " and ")+".")
	}
}
