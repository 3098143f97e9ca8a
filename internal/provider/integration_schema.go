package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
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

// fieldDesc is the description of the field named name, for an attribute
// that is declared by hand but documented like its field. It panics on a
// name fields does not hold: schemas are built at start-up (and by every
// schema test), so a renamed field fails at once instead of lending its
// neighbour's text.
func fieldDesc(fields []fieldSpec, name string) string {
	for _, f := range fields {
		if f.name == name {
			return f.desc
		}
	}
	panic("fieldDesc: no field " + name)
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
