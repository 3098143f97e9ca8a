package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

// The integration resources and the per-kind data sources expose the same
// API fields. Each kind describes its fields once, as fieldSpecs; the
// resource schema, the single-lookup data source schema, the list data
// source's item schema and the attr.Types of nested values are all derived
// from that one description.

type fieldType int

const (
	fieldString fieldType = iota
	fieldInt64
	fieldBool
	fieldObject  // SingleNestedAttribute
	fieldList    // ListNestedAttribute
	fieldStrings // ListAttribute of strings
)

// fieldSpec is one API field as a Terraform attribute.
type fieldSpec struct {
	name   string
	desc   string
	typ    fieldType
	nested []fieldSpec // fieldObject, fieldList
	// spelling, for a fieldString whose values have several spellings that
	// mean the same, is its type with semantic equality (internal/fwtype).
	spelling basetypes.StringTypable
	// keep is what an in-place update of a resource plans for the field,
	// and why the reason, from the API's meaning (see stable).
	keep planKeep
	why  string
}

// planKeep is what an in-place update plans for a computed attribute. The
// framework plans every computed attribute of an updated resource as
// "(known after apply)" unless told otherwise; a reviewer then reads the
// plan of a flag change as "everything may change".
type planKeep int

const (
	// planUnknown ("known after apply") is for what can move between plan
	// and apply on its own: status the service recomputes (valid,
	// installed, permissions, token expiry, modification times).
	planUnknown planKeep = iota
	// keepState plans the state's value, null included: for fields where
	// null is itself an answer that a settings PATCH leaves as it is
	// (auth_user null: the integration uses another kind of credential).
	keepState
	// keepNonNullState plans the state's value unless it is null: for
	// fields the API always answers, where a null state means "never read"
	// (a state written before the attribute existed), not "none".
	keepNonNullState
)

// stable marks a field that a settings PATCH cannot change and the API
// always answers: identity, names, paths, avatars, creation times. Update
// plans show its state value; why says why it is stable. Should one change
// on the VCS host between plan and apply (a rename), the apply records the
// planned value and the next refresh the new one (see keepPlannedStable):
// Terraform rejects an apply whose result differs from a known plan.
func (f fieldSpec) stable(why string) fieldSpec {
	f.keep, f.why = keepNonNullState, why
	return f
}

// stableOrNull is stable for a field whose null is an answer of its own.
func (f fieldSpec) stableOrNull(why string) fieldSpec {
	f.keep, f.why = keepState, why
	return f
}

func stringField(name, desc string) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldString}
}

// spelledField is a string field of a type with semantic equality.
func spelledField(name, desc string, t basetypes.StringTypable) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldString, spelling: t}
}
func int64Field(name, desc string) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldInt64}
}
func boolField(name, desc string) fieldSpec { return fieldSpec{name: name, desc: desc, typ: fieldBool} }
func objectField(name, desc string, nested ...fieldSpec) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldObject, nested: nested}
}
func listField(name, desc string, nested ...fieldSpec) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldList, nested: nested}
}
func stringsField(name, desc string) fieldSpec {
	return fieldSpec{name: name, desc: desc, typ: fieldStrings}
}

// attrTypes is the object type of nested fields.
func attrTypes(fields []fieldSpec) map[string]attr.Type {
	out := make(map[string]attr.Type, len(fields))
	for _, f := range fields {
		out[f.name] = f.attrType()
	}
	return out
}

func (f fieldSpec) attrType() attr.Type {
	switch f.typ {
	case fieldInt64:
		return types.Int64Type
	case fieldBool:
		return types.BoolType
	case fieldObject:
		return types.ObjectType{AttrTypes: attrTypes(f.nested)}
	case fieldList:
		return types.ListType{ElemType: types.ObjectType{AttrTypes: attrTypes(f.nested)}}
	case fieldStrings:
		return types.ListType{ElemType: types.StringType}
	default:
		if f.spelling != nil {
			return f.spelling
		}
		return types.StringType
	}
}

// resourceComputed is f as a computed-only resource attribute, planned by
// f.keep on update.
func (f fieldSpec) resourceComputed() rschema.Attribute {
	var keep []stablePlan
	if f.keep != planUnknown {
		keep = []stablePlan{{keepNull: f.keep == keepState}}
	}
	switch f.typ {
	case fieldInt64:
		return rschema.Int64Attribute{MarkdownDescription: f.desc, Computed: true, PlanModifiers: modifiers[planmodifier.Int64](keep)}
	case fieldBool:
		return rschema.BoolAttribute{MarkdownDescription: f.desc, Computed: true, PlanModifiers: modifiers[planmodifier.Bool](keep)}
	case fieldObject:
		return rschema.SingleNestedAttribute{MarkdownDescription: f.desc, Computed: true,
			Attributes: resourceAttributes(f.nested, nil), PlanModifiers: modifiers[planmodifier.Object](keep)}
	case fieldList:
		return rschema.ListNestedAttribute{MarkdownDescription: f.desc, Computed: true,
			NestedObject:  rschema.NestedAttributeObject{Attributes: resourceAttributes(f.nested, nil)},
			PlanModifiers: modifiers[planmodifier.List](keep)}
	case fieldStrings:
		return rschema.ListAttribute{MarkdownDescription: f.desc, Computed: true, ElementType: types.StringType,
			PlanModifiers: modifiers[planmodifier.List](keep)}
	default:
		return rschema.StringAttribute{MarkdownDescription: f.desc, Computed: true, CustomType: f.spelling,
			PlanModifiers: modifiers[planmodifier.String](keep)}
	}
}

// dataSourceComputed is f as a computed-only data source attribute.
func (f fieldSpec) dataSourceComputed() dschema.Attribute {
	switch f.typ {
	case fieldInt64:
		return dschema.Int64Attribute{MarkdownDescription: f.desc, Computed: true}
	case fieldBool:
		return dschema.BoolAttribute{MarkdownDescription: f.desc, Computed: true}
	case fieldObject:
		return dschema.SingleNestedAttribute{MarkdownDescription: f.desc, Computed: true,
			Attributes: dataSourceAttributes(f.nested, nil)}
	case fieldList:
		return dschema.ListNestedAttribute{MarkdownDescription: f.desc, Computed: true,
			NestedObject: dschema.NestedAttributeObject{Attributes: dataSourceAttributes(f.nested, nil)}}
	case fieldStrings:
		return dschema.ListAttribute{MarkdownDescription: f.desc, Computed: true, ElementType: types.StringType}
	default:
		return dschema.StringAttribute{MarkdownDescription: f.desc, Computed: true, CustomType: f.spelling}
	}
}

// resourceAttributes maps fields to computed resource attributes, except
// those named in inputs, which take the given (configurable) attribute.
func resourceAttributes(fields []fieldSpec, inputs map[string]rschema.Attribute) map[string]rschema.Attribute {
	out := make(map[string]rschema.Attribute, len(fields)+len(inputs))
	for _, f := range fields {
		out[f.name] = f.resourceComputed()
	}
	for name, a := range inputs {
		out[name] = a
	}
	return out
}

// dataSourceAttributes is resourceAttributes for data sources.
func dataSourceAttributes(fields []fieldSpec, inputs map[string]dschema.Attribute) map[string]dschema.Attribute {
	out := make(map[string]dschema.Attribute, len(fields)+len(inputs))
	for _, f := range fields {
		out[f.name] = f.dataSourceComputed()
	}
	for name, a := range inputs {
		out[name] = a
	}
	return out
}

// concatFields joins field lists (a kind's own fields and the shared ones).
func concatFields(groups ...[]fieldSpec) []fieldSpec {
	var out []fieldSpec
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// --- Fields shared by several kinds ---

var authUserFields = []fieldSpec{
	stringField("id", "The Pulumi user's id."),
	stringField("github_login", "The user's login name."),
	stringField("name", "The user's display name."),
	stringField("email", "The user's email address."),
	stringField("avatar_url", "The URL of the user's avatar image."),
}

// authUserTypes is the auth_user object type, built once.
var authUserTypes = attrTypes(authUserFields)

func authUserField(what string) fieldSpec {
	return objectField("auth_user", "The Pulumi user whose "+what+" token the integration uses; null when it uses "+
		"another kind of credential.", authUserFields...)
}

const (
	descDisablePRComments   = "Whether Pulumi stops commenting on pull requests. Defaults to `false`."
	descDisableNeoSummaries = "Whether Neo AI summaries are left out of pull request comments. Defaults to `false`."
	descDisableDetailedDiff = "Whether detailed property-level diffs are left out of pull request comments. Defaults to `false`."
	descDisableCodeAccess   = "Whether code access for AI reviews is disabled. Defaults to `false`."
	descDisableDraftPR      = "Whether Pulumi stops commenting on pull requests while they are drafts. Defaults to `false`."
	descIndividualAuth      = "Whether per-user (individual) GitHub Enterprise authentication is enabled; it applies to " +
		"self-hosted GitHub Enterprise installations only. Defaults to `false`."
)

// gitHubOnlyFlagFields are the settings only GitHub and GitHub Enterprise have.
var gitHubOnlyFlagFields = []fieldSpec{
	boolField("disable_draft_pr_comments", descDisableDraftPR),
	boolField("individual_auth_enabled", descIndividualAuth),
}

// flagFields are the three disable_* flags every kind has.
var flagFields = []fieldSpec{
	boolField("disable_pr_comments", descDisablePRComments),
	boolField("disable_neo_summaries", descDisableNeoSummaries),
	boolField("disable_detailed_diff", descDisableDetailedDiff),
}

var codeAccessField = boolField("disable_code_access_for_reviews", descDisableCodeAccess)

// flagAttribute is a disable_* flag of a resource: optional, default false
// (the configuration is the truth), changed in place.
func flagAttribute(desc string) rschema.BoolAttribute {
	return rschema.BoolAttribute{
		MarkdownDescription: desc,
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
	}
}

// flagInputs are the resource attributes of the flags named.
func flagInputs(names ...string) map[string]rschema.Attribute {
	desc := map[string]string{
		"disable_pr_comments":             descDisablePRComments,
		"disable_neo_summaries":           descDisableNeoSummaries,
		"disable_detailed_diff":           descDisableDetailedDiff,
		"disable_code_access_for_reviews": descDisableCodeAccess,
		"disable_draft_pr_comments":       descDisableDraftPR,
		"individual_auth_enabled":         descIndividualAuth,
	}
	out := map[string]rschema.Attribute{}
	for _, n := range names {
		out[n] = flagAttribute(desc[n])
	}
	return out
}

func mergeAttributes[T any](maps ...map[string]T) map[string]T {
	out := map[string]T{}
	for _, m := range maps {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// --- Attributes every integration resource has ---

// integrationBaseResourceAttributes are id, organization and integration_id.
func integrationBaseResourceAttributes(title string) map[string]rschema.Attribute {
	return map[string]rschema.Attribute{
		"id": rschema.StringAttribute{
			MarkdownDescription: "`<organization>/<integration_id>`: the string `terraform import` takes.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"organization": rschema.StringAttribute{
			MarkdownDescription: organizationDescription + " Changing it replaces the integration.",
			Optional:            true,
			Computed:            true,
			Validators:          organizationValidators(),
			PlanModifiers: []planmodifier.String{
				stringplanmodifier.UseStateForUnknown(),
				stringplanmodifier.RequiresReplace(),
			},
		},
		"integration_id": rschema.StringAttribute{
			MarkdownDescription: "The Pulumi Cloud id of the " + title + " integration (the `integration_id` of the " +
				"`pulumicloud_vcs_repos` and `pulumicloud_vcs_branches` data sources).",
			Computed:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"timeouts": timeoutsAttribute("integration"),
	}
}

// integrationBaseDataSourceAttributes are id, organization and the
// integration_id selector of a single-lookup data source.
func integrationBaseDataSourceAttributes(title string) map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id": dschema.StringAttribute{
			MarkdownDescription: "`<organization>/<integration_id>`, as the matching resource's `id`.",
			Computed:            true,
		},
		"organization": dataSourceOrganizationAttribute(),
		"integration_id": dschema.StringAttribute{
			MarkdownDescription: "Look the " + title + " integration up by its Pulumi Cloud id. " +
				"Exactly one selector must be set.",
			Optional:   true,
			Computed:   true,
			Validators: append(integrationIDValidators(), noSlashValidator()),
		},
	}
}

// --- Plan modifiers ---

// requiresReplaceIfPriorSet replaces only when the prior state held a value
// and the plan changes it: after an import the prior value is null (the API
// never answers it), and adding it to the configuration must not replace.
func requiresReplaceIfPriorSetString() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Changing the value replaces the integration, except when the prior value is unknown to Terraform (after an import).",
		"Changing the value replaces the integration, except when the prior value is unknown to Terraform (after an import).",
	)
}

func requiresReplaceIfPriorSetInt64() planmodifier.Int64 {
	return int64planmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.Int64Request, resp *int64planmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !req.StateValue.IsNull()
		},
		"Changing the value replaces the integration, except when the prior value is unknown to Terraform (after an import).",
		"Changing the value replaces the integration, except when the prior value is unknown to Terraform (after an import).",
	)
}

// createOnlyBool is an optional boolean input the API takes only at create.
func createOnlyBool(desc string) rschema.BoolAttribute {
	return rschema.BoolAttribute{
		MarkdownDescription: desc + " Defaults to `false`; changing it replaces the integration. After an import it is " +
			"read from Pulumi Cloud's answer; when that answer does not tell, it stays null and any value is accepted " +
			"without replacing the integration.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Bool{createOnlyModifier{}},
	}
}

// createOnlyModifier gives a create-only input its default (false) and
// replaces the integration when the input changes, except when the state
// does not know it: after an import whose answer could not tell (see
// gitLabUserAuthFromAPI and the like), null means "as it is". Then an omitted
// value plans null, so an adopted integration plans clean, and a configured
// value is recorded in place with a warning, never by a silent replacement.
// The default is applied here rather than by a schema Default, which would
// make the framework see a change (false against null) and plan every
// computed attribute unknown.
type createOnlyModifier struct{}

func (createOnlyModifier) Description(context.Context) string {
	return "Changing the value replaces the integration, except when it is not known since an import."
}

func (m createOnlyModifier) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (createOnlyModifier) PlanModifyBool(_ context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if req.Plan.Raw.IsNull() || req.ConfigValue.IsUnknown() {
		return // destroy, or not known yet
	}
	if req.ConfigValue.IsNull() && !req.StateValue.IsNull() || req.State.Raw.IsNull() && req.ConfigValue.IsNull() {
		resp.PlanValue = types.BoolValue(false) // the default
	}
	if req.State.Raw.IsNull() {
		return // create
	}
	if req.StateValue.IsNull() {
		if req.ConfigValue.IsNull() {
			resp.PlanValue = types.BoolNull() // as it is, not the default
			return
		}
		resp.Diagnostics.AddAttributeWarning(req.Path, "Create-Only Value Not Known Since Import",
			fmt.Sprintf("Pulumi Cloud's answer did not tell %s when this integration was imported, and it cannot be "+
				"changed in place. Terraform records the configured value (%t) without replacing the integration; "+
				"if the integration was set up otherwise, the configuration does not describe it. To apply a different "+
				"value for real, replace the integration (terraform apply -replace=...).", req.Path, req.ConfigValue.ValueBool()))
		return
	}
	if !req.StateValue.Equal(resp.PlanValue) {
		resp.RequiresReplace = true
	}
}

// --- Validators of integration inputs ---

var (
	// workspaceUUIDPattern: a UUID with or without the braces Bitbucket puts around it.
	workspaceUUIDPattern = regexp.MustCompile(`^(?:\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|` +
		`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$`)
	// guidPattern: an Azure DevOps project id.
	guidPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	// bitbucketSlugPattern: Bitbucket workspace ids are lower case letters,
	// digits, '-' and '_', starting with a letter or digit.
	bitbucketSlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,61}$`)
	// gitLabGroupPathPattern: GitLab group paths, possibly nested ("parent/child").
	gitLabGroupPathPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
	// gitHubLoginPattern: GitHub account logins.
	gitHubLoginPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)
)

func workspaceUUIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(workspaceUUIDPattern,
		"must be a Bitbucket workspace UUID such as {0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1} (the braces are optional)")}
}

func bitbucketSlugValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(bitbucketSlugPattern,
		"must be a Bitbucket workspace slug (workspace id): 1 to 62 lower case letters, digits, '-' or '_', starting with a letter or digit")}
}

func projectIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(guidPattern,
		"must be an Azure DevOps project id, a GUID such as 8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41")}
}

func gitLabGroupPathValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(gitLabGroupPathPattern,
		"must be a GitLab group path such as acme/platform")}
}

func gitHubLoginValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(gitHubLoginPattern,
		"must be a GitHub account login: 1 to 39 letters, digits or '-', starting with a letter or digit")}
}

func positiveID() []validator.Int64 { return []validator.Int64{int64validator.AtLeast(1)} }

// noSlashPattern is one path segment: no '/' and no spaces.
var noSlashPattern = regexp.MustCompile(`^[^/\s]+$`)

// noSlashValidator refuses a value that is not one path segment.
func noSlashValidator() validator.String {
	return stringvalidator.RegexMatches(noSlashPattern, "must be a single id without '/' or spaces")
}

// importID is the resource id: "<organization>/<integration_id>".
func importID(org, integrationID string) string { return org + "/" + integrationID }

// parseImportID splits "<organization>/<integration_id>", checking both parts.
func parseImportID(id string) (org, integrationID string, err error) {
	org, integrationID, ok := strings.Cut(strings.TrimSpace(id), "/")
	switch {
	case !ok || org == "" || integrationID == "":
		return "", "", fmt.Errorf("the import id %q is not of the form <organization>/<integration_id>, e.g. acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b", id)
	case strings.Contains(integrationID, "/"):
		return "", "", fmt.Errorf("the import id %q has more than one '/': want <organization>/<integration_id>", id)
	case checkOrganizationName(org) != "":
		return "", "", fmt.Errorf("the import id %q does not start with a valid organization: %s", id, checkOrganizationName(org))
	case strings.TrimSpace(integrationID) != integrationID:
		return "", "", fmt.Errorf("the import id %q has spaces around the integration id", id)
	case client.CheckIntegrationID(integrationID) != nil:
		return "", "", fmt.Errorf("the import id %q does not end with an integration id: %s", id,
			strings.TrimPrefix(client.CheckIntegrationID(integrationID).Error(), client.ErrInvalidRequest.Error()+": "))
	}
	return org, integrationID, nil
}

// authUserModel is the auth_user object.
type authUserModel struct {
	ID          types.String `tfsdk:"id"`
	GitHubLogin types.String `tfsdk:"github_login"`
	Name        types.String `tfsdk:"name"`
	Email       types.String `tfsdk:"email"`
	AvatarURL   types.String `tfsdk:"avatar_url"`
}

// authUserFromAPI maps authUser; null when the API answers none.
func authUserFromAPI(ctx context.Context, u *client.User) (types.Object, diag.Diagnostics) {
	t := authUserTypes
	if u == nil {
		return types.ObjectNull(t), nil
	}
	return types.ObjectValueFrom(ctx, t, authUserModel{
		ID:          types.StringValue(u.ID),
		GitHubLogin: types.StringValue(u.GitHubLogin),
		Name:        types.StringValue(u.Name),
		Email:       types.StringValue(u.Email),
		AvatarURL:   types.StringValue(u.AvatarURL),
	})
}

// requiresReplaceUnlessEquivalent replaces when the value changes, except
// when the new one is the same value spelled differently (case, braces).
func requiresReplaceUnlessEquivalent(same func(a, b string) bool) planmodifier.String {
	const desc = "Changing the value replaces the integration (a different spelling of the same value does not)."
	return stringplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = !same(req.StateValue.ValueString(), req.PlanValue.ValueString())
		}, desc, desc)
}

func sameWorkspaceUUID(a, b string) bool { return fwtype.WorkspaceUUIDType{}.Same(a, b) }

var sameCaseInsensitive = fwtype.CaseInsensitiveStringType{}.Same

// errFromDiags turns diagnostics met before any request into an error that is
// never mistaken for an ambiguous API failure.
func errFromDiags(d diag.Diagnostics) error {
	for _, e := range d.Errors() {
		return fmt.Errorf("%w: %s: %s", client.ErrInvalidRequest, e.Summary(), e.Detail())
	}
	return nil
}
