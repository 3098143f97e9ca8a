package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// addAPIError adds an error a person can act on: a Title Case summary, then
// what happened, what to do next, and the API's own message.
func addAPIError(diags *diag.Diagnostics, summary, what, next string, err error) {
	detail := what
	if next != "" {
		detail += "\n\n" + next
	}
	if err != nil {
		detail += "\n\nPulumi Cloud said: " + err.Error()
	}
	diags.AddError(summary, detail)
}

// providerDataFrom converts the ProviderData handed to Configure, reporting
// an error when the framework hands over something unexpected.
func providerDataFrom(data any, diags *diag.Diagnostics) *providerData {
	if data == nil { // not configured yet (e.g. during validation)
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			"Expected *providerData; this is a bug in the provider, please report it.")
		return nil
	}
	return pd
}

// errFromDiags turns diagnostics met before any request into an error that is
// never mistaken for an ambiguous API failure.
func errFromDiags(d diag.Diagnostics) error {
	for _, e := range d.Errors() {
		return fmt.Errorf("%w: %s: %s", client.ErrInvalidRequest, e.Summary(), e.Detail())
	}
	return nil
}
