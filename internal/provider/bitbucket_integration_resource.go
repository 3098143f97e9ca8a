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
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

var (
	_ resource.ResourceWithImportState      = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*bitbucketIntegrationResource)(nil)
)

type bitbucketIntegrationResource = integrationResource[bitbucketIntegrationModel, *bitbucketIntegrationModel, client.BitbucketIntegration]

// NewBitbucketIntegrationResource is the pulumicloud_bitbucket_integration resource.
func NewBitbucketIntegrationResource() resource.Resource {
	return newIntegrationResource[bitbucketIntegrationModel, *bitbucketIntegrationModel](bitbucketKind)
}

// bitbucketIntegrationFields are the API's BitBucketIntegrationDetails, except the id.
type bitbucketIntegrationFields struct {
	WorkspaceUUID       fwtype.WorkspaceUUID         `tfsdk:"workspace_uuid"`
	WorkspaceSlug       fwtype.CaseInsensitiveString `tfsdk:"workspace_slug"`
	WorkspaceName       types.String                 `tfsdk:"workspace_name"`
	AvatarURL           types.String                 `tfsdk:"avatar_url"`
	Installed           types.Bool                   `tfsdk:"installed"`
	Valid               types.Bool                   `tfsdk:"valid"`
	AuthType            types.String                 `tfsdk:"auth_type"`
	AuthUser            types.Object                 `tfsdk:"auth_user"`
	DisablePRComments   types.Bool                   `tfsdk:"disable_pr_comments"`
	DisableNeoSummaries types.Bool                   `tfsdk:"disable_neo_summaries"`
	DisableDetailedDiff types.Bool                   `tfsdk:"disable_detailed_diff"`
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
	withTimeouts
}

// bitbucketFields are every field of BitBucketIntegrationDetails but the id.
var bitbucketFields = concatFields([]fieldSpec{
	spelledField("workspace_uuid", "The Bitbucket workspace UUID.", fwtype.WorkspaceUUIDType{}),
	spelledField("workspace_slug", "The Bitbucket workspace slug (workspace id).", fwtype.CaseInsensitiveStringType{}),
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

// bitbucketKindType is the Bitbucket kind: it checks its credentials at
// plan time, and its POST takes no disable_* flags, so a create PATCHes
// them (finishCreate).
type bitbucketKindType struct {
	*integrationKind[bitbucketIntegrationModel, client.BitbucketIntegration]
}

var (
	_ configValidating                                                        = bitbucketKindType{}
	_ planChecking                                                            = bitbucketKindType{}
	_ createFinishing[bitbucketIntegrationModel, client.BitbucketIntegration] = bitbucketKindType{}
)

func (bitbucketKindType) configValidators() []resource.ConfigValidator {
	return []resource.ConfigValidator{bitbucketAuthValidator{}}
}

func (bitbucketKindType) modifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	bitbucketRequireAuthOnCreate(ctx, req, resp)
}

// finishCreate PATCHes the flags unless the list item
// (BitBucketIntegrationDetails) has them already.
func (k bitbucketKindType) finishCreate(ctx context.Context, c *client.Client, org, id string, m *bitbucketIntegrationModel,
	found *client.BitbucketIntegration) (*client.BitbucketIntegration, string, error) {
	return flagSettings(ctx, c, org, id, m, found, func(m *bitbucketIntegrationModel, a *client.BitbucketIntegration) bool {
		return setFlags([]*bool{&a.DisablePRComments, &a.DisableNeoSummaries, &a.DisableDetailedDiff},
			m.DisablePRComments, m.DisableNeoSummaries, m.DisableDetailedDiff)
	}, k.patch)
}

var bitbucketKind = bitbucketKindType{&integrationKind[bitbucketIntegrationModel, client.BitbucketIntegration]{
	typeName: "bitbucket_integration",
	title:    "Bitbucket",
	schema:   bitbucketResourceSchema,
	list: func(ctx context.Context, c *client.Client, org string) ([]client.BitbucketIntegration, error) {
		return c.ListBitbucketIntegrations(ctx, org)
	},
	get: func(ctx context.Context, c *client.Client, org, id string) (*client.BitbucketIntegration, error) {
		return c.GetBitbucketIntegration(ctx, org, id)
	},
	idOf:        func(a *client.BitbucketIntegration) string { return a.ID },
	displayName: func(a *client.BitbucketIntegration) string { return "Bitbucket workspace " + a.WorkspaceSlug },
	describeKey: func(m *bitbucketIntegrationModel) string {
		return "Bitbucket workspace " + m.WorkspaceSlug.ValueString() + " (" + m.WorkspaceUUID.ValueString() + ")"
	},
	matches: func(m *bitbucketIntegrationModel, a *client.BitbucketIntegration) bool {
		return sameWorkspaceUUID(a.WorkspaceUUID, m.WorkspaceUUID.ValueString())
	},
	create: func(ctx context.Context, c *client.Client, org string, m *bitbucketIntegrationModel, cfg tfsdk.Config) (*client.BitbucketIntegration, error) {
		// The write-only token is only ever in the configuration.
		var wo types.String
		if diags := cfg.GetAttribute(ctx, path.Root(attrBitbucketTokenWO), &wo); diags.HasError() {
			return nil, errFromDiags(diags)
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
		return nil, c.CreateBitbucketIntegration(ctx, org, req)
	},
	patch: func(ctx context.Context, c *client.Client, org, id string, m *bitbucketIntegrationModel) error {
		return c.UpdateBitbucketIntegration(ctx, org, id, client.UpdateBitbucketIntegrationRequest{
			DisablePRComments:   m.DisablePRComments.ValueBoolPointer(),
			DisableNeoSummaries: m.DisableNeoSummaries.ValueBoolPointer(),
			DisableDetailedDiff: m.DisableDetailedDiff.ValueBoolPointer(),
		})
	},
	listIsDetails: true,
	del: func(ctx context.Context, c *client.Client, org, id string) error {
		return c.DeleteBitbucketIntegration(ctx, org, id)
	},
	fromAPI: func(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationModel) diag.Diagnostics {
		diags := bitbucketIntegrationFromAPI(ctx, a, &m.bitbucketIntegrationFields)
		if m.UseUserAuth.IsNull() || m.UseUserAuth.IsUnknown() { // after an import
			m.UseUserAuth = bitbucketUserAuthFromAPI(a)
		}
		m.WorkspaceAccessTokenWO = types.StringNull() // never stored
		return diags
	},
}}

// bitbucketUserAuthFromAPI infers use_user_auth from authType, which the
// spec defines as 'workspace_token', 'user_token' or 'pat': exact. Without
// an authType it is null (not known): the attribute's plan modifier takes
// that as "as it is" rather than a replacement.
func bitbucketUserAuthFromAPI(a *client.BitbucketIntegration) types.Bool {
	switch a.AuthType {
	case "user_token":
		return types.BoolValue(true)
	case "workspace_token", "pat":
		return types.BoolValue(false)
	}
	return types.BoolNull()
}

func bitbucketResourceSchema() rschema.Schema {
	return rschema.Schema{
		MarkdownDescription: "Manages a Bitbucket integration of a Pulumi organization: connects a Bitbucket workspace " +
			"and manages its pull request and Neo settings. A create authenticates with exactly one of `use_user_auth = true`, " +
			"`workspace_access_token_wo` (write-only, Terraform 1.11 or later; never stored) or `workspace_access_token` " +
			"(stored in the state, for older Terraform and for bridges without write-only support). Pulumi Cloud never " +
			"answers the token, so the configuration of an imported integration may leave both tokens out: only a plan " +
			"that creates or replaces the integration needs one.",
		Attributes: mergeAttributes(
			integrationBaseResourceAttributes("Bitbucket"),
			resourceAttributes(bitbucketFields, map[string]rschema.Attribute{
				"workspace_uuid": rschema.StringAttribute{
					MarkdownDescription: "The UUID of the Bitbucket workspace, with or without braces. Changing it replaces the integration.",
					Required:            true,
					CustomType:          fwtype.WorkspaceUUIDType{},
					Validators:          workspaceUUIDValidators(),
					PlanModifiers:       []planmodifier.String{requiresReplaceUnlessEquivalent(sameWorkspaceUUID)},
				},
				"workspace_slug": rschema.StringAttribute{
					MarkdownDescription: "The slug (workspace id) of the Bitbucket workspace, e.g. `acme-web`. Changing it replaces the integration.",
					Required:            true,
					CustomType:          fwtype.CaseInsensitiveStringType{},
					Validators:          bitbucketSlugValidators(),
					PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				},
			}),
			flagInputs("disable_pr_comments", "disable_neo_summaries", "disable_detailed_diff"),
			map[string]rschema.Attribute{
				attrBitbucketUseUserAuth: createOnlyBool("Whether the integration authenticates with your own Bitbucket OAuth " +
					"token. A create needs exactly one of `use_user_auth = true`, `workspace_access_token_wo` and `workspace_access_token`."),
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

// bitbucketIntegrationFromAPI maps BitBucketIntegrationDetails into m. The
// workspace UUID and slug are spelling types: the framework keeps the
// configured spelling when the API answers an equivalent one.
func bitbucketIntegrationFromAPI(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationFields) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.WorkspaceUUID = fwtype.WorkspaceUUIDValue(a.WorkspaceUUID)
	m.WorkspaceSlug = fwtype.CaseInsensitiveStringValue(a.WorkspaceSlug)
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

// bitbucketAuth reads the configured ways to authenticate: the names of
// those set, and whether any is unknown (then nothing can be said yet).
func bitbucketAuth(ctx context.Context, cfg tfsdk.Config, diags *diag.Diagnostics) (set []string, unknown bool) {
	var useUser types.Bool
	var wo, token types.String
	diags.Append(cfg.GetAttribute(ctx, path.Root(attrBitbucketUseUserAuth), &useUser)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root(attrBitbucketTokenWO), &wo)...)
	diags.Append(cfg.GetAttribute(ctx, path.Root(attrBitbucketToken), &token)...)
	if diags.HasError() || useUser.IsUnknown() || wo.IsUnknown() || token.IsUnknown() {
		return nil, true
	}
	if useUser.ValueBool() {
		set = append(set, "use_user_auth = true")
	}
	if !wo.IsNull() {
		set = append(set, attrBitbucketTokenWO)
	}
	if !token.IsNull() {
		set = append(set, attrBitbucketToken)
	}
	return set, false
}

// bitbucketAuthValidator refuses more than one way to authenticate. It names
// attributes only: it never prints a value. None at all is refused only when
// the plan creates the integration (bitbucketRequireAuthOnCreate): Pulumi
// Cloud never answers the token, so the configuration of an adopted (imported)
// integration cannot carry it, and need not.
type bitbucketAuthValidator struct{}

func (bitbucketAuthValidator) Description(context.Context) string {
	return "at most one of use_user_auth = true, workspace_access_token_wo or workspace_access_token may be set, and a create needs one"
}

func (v bitbucketAuthValidator) MarkdownDescription(ctx context.Context) string {
	return "at most one of `use_user_auth = true`, `workspace_access_token_wo` or `workspace_access_token` may be set, and a create needs one"
}

func (bitbucketAuthValidator) ValidateResource(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	set, unknown := bitbucketAuth(ctx, req.Config, &resp.Diagnostics)
	if unknown || len(set) <= 1 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root(attrBitbucketTokenWO), "Conflicting Bitbucket Authentication",
		"Set exactly one of `use_user_auth = true`, `workspace_access_token_wo` or `workspace_access_token`; "+
			"this configuration sets "+strings.Join(set, " and ")+".")
}

// bitbucketRequireAuthOnCreate refuses, at plan time, a create (or a
// replacement, which creates) that has no way to authenticate. An update in
// place sends no credentials, so it needs none.
func bitbucketRequireAuthOnCreate(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() && !bitbucketPlanReplaces(ctx, req, resp) {
		return
	}
	set, unknown := bitbucketAuth(ctx, req.Config, &resp.Diagnostics)
	if unknown || len(set) > 0 {
		return
	}
	what := "Creating"
	if !req.State.Raw.IsNull() {
		what = "This plan replaces the integration, and creating it again"
	}
	resp.Diagnostics.AddAttributeError(path.Root(attrBitbucketTokenWO), "Missing Bitbucket Authentication",
		what+" a Bitbucket integration needs credentials: set exactly one of `use_user_auth = true` (use your own "+
			"Bitbucket OAuth token), `workspace_access_token_wo` (a workspace access token, write-only, Terraform 1.11 "+
			"or later) or `workspace_access_token` (stored in the state). An imported integration that is not replaced "+
			"needs none.")
}

// bitbucketPlanReplaces reports whether the plan replaces an existing
// integration: the organization (resp.RequiresReplace, set by the shared
// ModifyPlan), the workspace or the auth choice changes. The attribute plan
// modifiers decide the same; their verdict is not visible here. Values are
// read raw, whatever (custom) type the schema gives them.
func bitbucketPlanReplaces(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	if len(resp.RequiresReplace) > 0 {
		return true
	}
	changed := func(name string, same func(a, b string) bool) bool {
		p, pKnown := rawAttr[string](req.Plan.Raw, name)
		st, _ := rawAttr[string](req.State.Raw, name)
		return pKnown && p != nil && st != nil && !same(*p, *st)
	}
	pUser, known := rawAttr[bool](req.Plan.Raw, attrBitbucketUseUserAuth)
	sUser, _ := rawAttr[bool](req.State.Raw, attrBitbucketUseUserAuth)
	return changed("workspace_uuid", sameWorkspaceUUID) ||
		changed("workspace_slug", func(a, b string) bool { return a == b }) ||
		known && pUser != nil && sUser != nil && *pUser != *sUser
}

// rawAttr reads a top-level attribute of an object value: nil when null,
// known false when unknown (or absent).
func rawAttr[T string | bool](obj tftypes.Value, name string) (v *T, known bool) {
	got, _, err := tftypes.WalkAttributePath(obj, tftypes.NewAttributePath().WithAttributeName(name))
	tv, ok := got.(tftypes.Value)
	if err != nil || !ok || !tv.IsKnown() {
		return nil, false
	}
	if err := tv.As(&v); err != nil {
		return nil, false
	}
	return v, true
}
