package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Quiet update plans. A computed attribute marked stable (fieldSpec.stable)
// carries a stablePlan modifier: an update plans its state value instead of
// "(known after apply)". The lifecycle's Update then records the planned
// value of each such attribute (keepPlannedStable), so a stable value that
// changed on the VCS host between plan and apply cannot fail the apply with
// "Provider produced inconsistent result after apply"; the next refresh
// records the new value. An attribute built outside fieldSpec is marked the
// same way: PlanModifiers: []planmodifier.String{stablePlan{}} (or Int64,
// Bool, Object, List; stablePlan{keepNull: true} keeps a null too).

// stablePlan is the framework's UseStateForUnknown (keepNull) or
// UseNonNullStateForUnknown, as a type of its own so that the lifecycle can
// find the attributes it marks.
type stablePlan struct{ keepNull bool }

var (
	_ planmodifier.String = stablePlan{}
	_ planmodifier.Int64  = stablePlan{}
	_ planmodifier.Bool   = stablePlan{}
	_ planmodifier.Object = stablePlan{}
	_ planmodifier.List   = stablePlan{}
)

func (m stablePlan) Description(context.Context) string {
	if m.keepNull {
		return "A settings update keeps the value in state."
	}
	return "A settings update keeps the value in state, once known."
}

func (m stablePlan) MarkdownDescription(ctx context.Context) string { return m.Description(ctx) }

func (m stablePlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if m.keepNull {
		stringplanmodifier.UseStateForUnknown().PlanModifyString(ctx, req, resp)
	} else {
		stringplanmodifier.UseNonNullStateForUnknown().PlanModifyString(ctx, req, resp)
	}
}

func (m stablePlan) PlanModifyInt64(ctx context.Context, req planmodifier.Int64Request, resp *planmodifier.Int64Response) {
	if m.keepNull {
		int64planmodifier.UseStateForUnknown().PlanModifyInt64(ctx, req, resp)
	} else {
		int64planmodifier.UseNonNullStateForUnknown().PlanModifyInt64(ctx, req, resp)
	}
}

func (m stablePlan) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if m.keepNull {
		boolplanmodifier.UseStateForUnknown().PlanModifyBool(ctx, req, resp)
	} else {
		boolplanmodifier.UseNonNullStateForUnknown().PlanModifyBool(ctx, req, resp)
	}
}

func (m stablePlan) PlanModifyObject(ctx context.Context, req planmodifier.ObjectRequest, resp *planmodifier.ObjectResponse) {
	if m.keepNull {
		objectplanmodifier.UseStateForUnknown().PlanModifyObject(ctx, req, resp)
	} else {
		objectplanmodifier.UseNonNullStateForUnknown().PlanModifyObject(ctx, req, resp)
	}
}

func (m stablePlan) PlanModifyList(ctx context.Context, req planmodifier.ListRequest, resp *planmodifier.ListResponse) {
	if m.keepNull {
		listplanmodifier.UseStateForUnknown().PlanModifyList(ctx, req, resp)
	} else {
		listplanmodifier.UseNonNullStateForUnknown().PlanModifyList(ctx, req, resp)
	}
}

// modifiers converts stablePlans to the modifier interface T of an attribute type.
func modifiers[T any](keep []stablePlan) []T {
	out := make([]T, 0, len(keep))
	for _, k := range keep {
		if m, ok := any(k).(T); ok {
			out = append(out, m)
		}
	}
	return out
}

// stableAttributes names the top-level attributes of s that carry a stablePlan.
func stableAttributes(s rschema.Schema) []string {
	var out []string
	for name, a := range s.Attributes {
		var marked bool
		switch a := a.(type) {
		case rschema.StringAttribute:
			marked = hasStablePlan(a.PlanModifiers)
		case rschema.Int64Attribute:
			marked = hasStablePlan(a.PlanModifiers)
		case rschema.BoolAttribute:
			marked = hasStablePlan(a.PlanModifiers)
		case rschema.SingleNestedAttribute:
			marked = hasStablePlan(a.PlanModifiers)
		case rschema.ListNestedAttribute:
			marked = hasStablePlan(a.PlanModifiers)
		}
		if marked {
			out = append(out, name)
		}
	}
	return out
}

func hasStablePlan[T any](ms []T) bool {
	for _, m := range ms {
		if _, ok := any(m).(stablePlan); ok {
			return true
		}
	}
	return false
}

// keepPlannedStable sets each named attribute of state to its planned value
// where that value is wholly known, and reports which differed.
func keepPlannedStable(plan tfsdk.Plan, state *tfsdk.State, names []string) (differed []string, err error) {
	var planned, applied map[string]tftypes.Value
	if err := plan.Raw.As(&planned); err != nil {
		return nil, fmt.Errorf("reading the plan: %w", err)
	}
	if err := state.Raw.As(&applied); err != nil {
		return nil, fmt.Errorf("reading the new state: %w", err)
	}
	applied = maps.Clone(applied) // As hands out the value's own map
	for _, name := range names {
		p, ok := planned[name]
		if !ok || !p.IsFullyKnown() {
			continue
		}
		if !p.Equal(applied[name]) {
			differed = append(differed, name)
			applied[name] = p
		}
	}
	if len(differed) > 0 {
		state.Raw = tftypes.NewValue(state.Raw.Type(), applied)
	}
	return differed, nil
}

// keepPlannedStable is the lifecycle's Update step of the above: the new
// state holds the planned values of the kind's stable attributes.
func (r *integrationResource[M, P, A]) keepPlannedStable(ctx context.Context, plan tfsdk.Plan, state *tfsdk.State, diags *diag.Diagnostics) {
	differed, err := keepPlannedStable(plan, state, stableAttributes(r.kind.schema()))
	if err != nil {
		diags.AddError(r.summary("Update"), "Recording the planned values of the attributes an update keeps failed: "+err.Error()+
			"\n\nThis is a bug in the provider; run terraform apply again.")
		return
	}
	if len(differed) > 0 {
		tflog.Info(ctx, "attributes changed on the service since the plan; the next refresh records them", map[string]any{"attributes": differed})
	}
}
