package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
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

// withTimeouts is the timeouts attribute of a resource model, held as the
// framework-timeouts library holds it: every integration resource model
// embeds it (its data sources have their own models, without it).
type withTimeouts struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (w *withTimeouts) operationTimeouts() *timeouts.Value { return &w.Timeouts }
