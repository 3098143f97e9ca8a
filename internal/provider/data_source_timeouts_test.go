package provider

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func readTimeout(value attr.Value) withReadTimeout {
	return withReadTimeout{Timeouts: timeouts.Value{Object: types.ObjectValueMust(
		map[string]attr.Type{"read": types.StringType}, map[string]attr.Value{"read": value})}}
}

// boundedRead gives the read a deadline from timeouts.read (or the
// default); running out of it is reported as a timeout naming the
// setting, an interruption is not, and an invalid duration stops the read.
func TestBoundedRead(t *testing.T) {
	waitAndFail := func(diags *diag.Diagnostics) func(context.Context) {
		return func(ctx context.Context) {
			select {
			case <-ctx.Done():
				diags.AddError("Unable to List", ctx.Err().Error())
			case <-time.After(30 * time.Second): // not a timing assertion: a read without a deadline must not hang the test
				diags.AddError("Unable to List", "the read had no deadline")
			}
		}
	}

	var diags diag.Diagnostics
	w := readTimeout(types.StringValue("1ms"))
	w.boundedRead(context.Background(), &diags, waitAndFail(&diags))
	if text := diagText(diags); !strings.Contains(text, "Data Source Read Timed Out") || !strings.Contains(text, "1ms") ||
		!strings.Contains(text, "timeouts = { read") {
		t.Errorf("ran out of time: %s", text)
	}

	diags = nil
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // Terraform interrupted the run
	w.boundedRead(ctx, &diags, waitAndFail(&diags))
	if text := diagText(diags); strings.Contains(text, "Timed Out") || !strings.Contains(text, "Unable to List") {
		t.Errorf("interrupted: %s", text)
	}

	diags = nil
	called := false
	bad := readTimeout(types.StringValue("soon"))
	bad.boundedRead(context.Background(), &diags, func(context.Context) { called = true })
	if !diags.HasError() || called {
		t.Errorf("invalid duration: read called %v, diagnostics %s", called, diagText(diags))
	}

	// Unset: the default bounds the read.
	diags = nil
	var unset withReadTimeout
	unset.boundedRead(context.Background(), &diags, func(ctx context.Context) {
		if _, ok := ctx.Deadline(); !ok {
			t.Error("no deadline with timeouts unset")
		}
	})
	if diags.HasError() {
		t.Errorf("unset: %s", diagText(diags))
	}
}

// The attribute is `timeouts = { read = "…" }`, optional, documented.
func TestDataSourceTimeoutsAttribute(t *testing.T) {
	a, ok := dataSourceTimeoutsAttribute().(dschema.SingleNestedAttribute)
	if !ok || !a.Optional || a.MarkdownDescription == "" {
		t.Fatalf("attribute %#v, want an optional, documented single nested attribute", a)
	}
	read, ok := a.Attributes["read"].(dschema.StringAttribute)
	if !ok || len(a.Attributes) != 1 || !strings.Contains(read.MarkdownDescription, "`"+shortDuration(defaultDataSourceReadTimeout)+"`") {
		t.Errorf("attributes %#v, want only read, naming the default", a.Attributes)
	}
}

func diagText(diags diag.Diagnostics) string {
	var b strings.Builder
	for _, d := range diags {
		b.WriteString(d.Summary() + ": " + d.Detail() + "\n")
	}
	return b.String()
}
