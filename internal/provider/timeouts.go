package provider

import (
	"context"
	"fmt"
	"maps"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Operation timeouts of every resource: the `timeouts` attribute overrides
// these defaults. They bound everything an operation does, the client's
// retries of rate limiting (429) and the create's resends included; see the
// provider page (templates/index.md.tmpl) for the retry policy.
const (
	defaultCreateTimeout = 10 * time.Minute
	defaultReadTimeout   = 5 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute
)

// timeoutsAttribute is the resource attribute: a nested attribute, not a
// block, like every object of this provider (Terraform, OpenTofu and the
// Pulumi bridge read it alike): `timeouts = { create = "20m" }`.
// what names the resource in the descriptions, e.g. "integration".
func timeoutsAttribute(what string) rschema.Attribute {
	desc := func(op string, d time.Duration) string {
		return fmt.Sprintf("How long %s may take, retries included, as a duration such as `90s` or `20m`. Defaults to `%s`.", op, shortDuration(d))
	}
	a := timeouts.Attributes(context.Background(), timeouts.Opts{
		Create: true, Read: true, Update: true, Delete: true,
		CreateDescription: desc("creating (or adopting) the "+what, defaultCreateTimeout),
		ReadDescription:   desc("reading the "+what+" (refresh, import)", defaultReadTimeout),
		UpdateDescription: desc("updating its settings", defaultUpdateTimeout),
		DeleteDescription: desc("deleting it", defaultDeleteTimeout),
	})
	nested, _ := a.(rschema.SingleNestedAttribute) // what timeouts.Attributes returns
	for name, inner := range nested.Attributes {
		if str, ok := inner.(rschema.StringAttribute); ok {
			str.MarkdownDescription = str.Description
			nested.Attributes[name] = str
		}
	}
	nested.MarkdownDescription = "Operation timeouts. Rate limiting (HTTP 429) is retried until the operation's timeout; " +
		"a create that failed ambiguously is looked up and resent until its timeout. See the provider documentation for the retry policy."
	return nested
}

// shortDuration spells 10m0s as 10m.
func shortDuration(d time.Duration) string {
	if d%time.Minute == 0 {
		return fmt.Sprintf("%dm", int(d/time.Minute))
	}
	return d.String()
}

// withOperationTimeout bounds ctx by the configured timeout of an operation
// (get is e.g. Value.Create) or def.
func withOperationTimeout(ctx context.Context, get func(context.Context, time.Duration) (time.Duration, diag.Diagnostics), def time.Duration, diags *diag.Diagnostics) (context.Context, context.CancelFunc) {
	d, ds := get(ctx, def)
	diags.Append(ds...)
	return context.WithTimeout(ctx, d)
}

// The timeouts attribute is the lifecycle's, not the kinds': their models
// are shared with the single-lookup data sources, which have no timeouts.
// So the lifecycle reads a plan or state into a model without it
// (getModel) and writes the model back with it (setModel): no kind model
// carries a timeouts field, and a new kind gets timeouts for nothing.

const timeoutsAttr = "timeouts"

// opTimeouts is a plan's or state's timeouts: the value, to read durations
// from, and the raw value, to write back unchanged.
type opTimeouts struct {
	timeouts.Value
	raw tftypes.Value
}

// withoutTimeouts is s without the timeouts attribute: the model's schema.
func withoutTimeouts(s rschema.Schema) rschema.Schema {
	s.Attributes = maps.Clone(s.Attributes)
	delete(s.Attributes, timeoutsAttr)
	return s
}

// resourceSchemas are a resource's schema and its model's (without
// timeouts), built once per type: the lifecycle needs both on every RPC.
type resourceSchemas struct{ full, model rschema.Schema }

var schemasByType sync.Map // type name -> *resourceSchemas

func schemasOf(typeName string, build func() rschema.Schema) *resourceSchemas {
	if s, ok := schemasByType.Load(typeName); ok {
		return s.(*resourceSchemas) //nolint:forcetypeassert // only *resourceSchemas are stored
	}
	full := build()
	s, _ := schemasByType.LoadOrStore(typeName, &resourceSchemas{full: full, model: withoutTimeouts(full)})
	return s.(*resourceSchemas) //nolint:forcetypeassert // only *resourceSchemas are stored
}

// getModel decodes raw, a plan or state of the resource schemas s, into m
// (through the model codec, named by use) and returns its timeouts.
func getModel[M any](ctx context.Context, use string, s *resourceSchemas, raw tftypes.Value, m *M) (opTimeouts, diag.Diagnostics) {
	var diags diag.Diagnostics
	if _, ok := s.full.Attributes[timeoutsAttr]; !ok { // a schema without timeouts: the defaults
		return opTimeouts{}, decodeModel(ctx, use, raw, s.full, tfsdk.State{Schema: s.full, Raw: raw}, m)
	}
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil {
		diags.AddError("Unable to Read the Resource Data", "This is a bug in the provider: "+err.Error())
		return opTimeouts{}, diags
	}
	t := opTimeouts{raw: attrs[timeoutsAttr]}
	diags.Append(tfsdk.State{Schema: s.full, Raw: raw}.GetAttribute(ctx, path.Root(timeoutsAttr), &t.Value)...)
	attrs = maps.Clone(attrs) // As hands out raw's own map
	delete(attrs, timeoutsAttr)
	mraw := tftypes.NewValue(s.model.Type().TerraformType(ctx), attrs)
	diags.Append(decodeModel(ctx, use, mraw, s.model, tfsdk.State{Schema: s.model, Raw: mraw}, m)...)
	return t, diags
}

// setModel encodes m, with the timeouts t, into state (of the resource schemas s).
func setModel[M any](ctx context.Context, use string, s *resourceSchemas, state *tfsdk.State, m *M, t opTimeouts) diag.Diagnostics {
	if _, ok := s.full.Attributes[timeoutsAttr]; !ok {
		return encodeModel(ctx, use, &state.Raw, s.full, state, m)
	}
	tmp := tfsdk.State{Schema: s.model, Raw: tftypes.NewValue(s.model.Type().TerraformType(ctx), nil)}
	diags := encodeModel(ctx, use, &tmp.Raw, s.model, &tmp, m)
	if diags.HasError() {
		return diags
	}
	var attrs map[string]tftypes.Value
	if err := tmp.Raw.As(&attrs); err != nil {
		diags.AddError("Unable to Write the Resource Data", "This is a bug in the provider: "+err.Error())
		return diags
	}
	full := s.full.Type().TerraformType(ctx)
	if t.raw.Type() == nil { // none read: a null timeouts object
		t.raw = tftypes.NewValue(s.full.Attributes[timeoutsAttr].GetType().TerraformType(ctx), nil)
	}
	attrs[timeoutsAttr] = t.raw
	state.Raw = tftypes.NewValue(full, attrs)
	return diags
}
