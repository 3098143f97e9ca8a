package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
)

// defaultDataSourceReadTimeout bounds everything one data source read does:
// every page of a paginated list, and the retries of each request (the
// client retries rate limiting until the context's deadline). Without it,
// a server that holds each of up to 1,000 pages for minutes would keep a
// plan running for hours.
const defaultDataSourceReadTimeout = 10 * time.Minute

// dataSourceTimeoutsAttribute is every data source's `timeouts = { read =
// "…" }`: a nested attribute, like the resources' (timeoutsAttribute).
func dataSourceTimeoutsAttribute() dschema.Attribute {
	desc := fmt.Sprintf("How long reading may take, every page and retry included, as a duration such as `90s` or `20m`. "+
		"Defaults to `%s`.", shortDuration(defaultDataSourceReadTimeout))
	a := timeouts.AttributesWithOpts(context.Background(), timeouts.Opts{ReadDescription: desc})
	nested, _ := a.(dschema.SingleNestedAttribute) // what timeouts.Attributes returns
	for name, inner := range nested.Attributes {
		if str, ok := inner.(dschema.StringAttribute); ok {
			str.MarkdownDescription = str.Description
			nested.Attributes[name] = str
		}
	}
	nested.MarkdownDescription = "Read timeout. Rate limiting (HTTP 429) is retried until it; see the provider documentation for the retry policy."
	return nested
}

// timeoutsAttr names the timeouts attribute.
const timeoutsAttr = "timeouts"

// withReadTimeout is the timeouts attribute of a data source model, held as
// the framework-timeouts library holds it: every data source model embeds it.
type withReadTimeout struct {
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

func (w *withReadTimeout) readTimeout() *withReadTimeout { return w }

// readTimeoutModel is a data source model: a pointer to it exposes the
// embedded withReadTimeout.
type readTimeoutModel interface {
	readTimeout() *withReadTimeout
}

// boundedRead runs read under the configured read timeout (or the
// default). When the time runs out, the diagnostics say so and how to allow
// more, beside whatever read reported; an interruption is not a timeout and
// gets no such word.
func (w *withReadTimeout) boundedRead(ctx context.Context, diags *diag.Diagnostics, read func(ctx context.Context)) {
	d, ds := w.Timeouts.Read(ctx, defaultDataSourceReadTimeout)
	diags.Append(ds...)
	if diags.HasError() {
		return
	}
	bounded, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	read(bounded)
	if errors.Is(bounded.Err(), context.DeadlineExceeded) && ctx.Err() == nil && diags.HasError() {
		diags.AddError("Data Source Read Timed Out",
			fmt.Sprintf("Reading took longer than its timeout, %s, allows, every page and retry included. "+
				"If Pulumi Cloud is slow rather than down, allow more with `timeouts = { read = \"30m\" }` in the data source.", shortDuration(d)))
	}
}
