package provider

import (
	"context"
	"fmt"

	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

// Plan modifiers of integration inputs: replacement rules the framework's
// own modifiers do not express (stable_plan.go holds those of computed
// attributes).

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
