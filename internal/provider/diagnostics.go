package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// addAPIError adds an error a person can act on: a Title Case summary, then
// what happened, what to do next, and the API's own message. When no
// answer came because the API host could not be reached (DNS, TLS,
// connection), the detail says that and how to fix it instead: next is
// advice about what the API would have said, and there is no message.
func addAPIError(diags *diag.Diagnostics, summary, what, next string, err error) {
	detail := what
	var unreachable *client.TransportError
	if errors.As(err, &unreachable) {
		diags.AddError(summary, detail+"\n\n"+unreachableNext(unreachable)+"\n\nThe request failed: "+err.Error())
		return
	}
	if next != "" {
		detail += "\n\n" + next
	}
	if err != nil {
		detail += "\n\nPulumi Cloud said: " + err.Error()
	}
	diags.AddError(summary, detail)
}

// unreachableNext is the next step after a transport failure.
func unreachableNext(e *client.TransportError) string {
	switch e.Failure {
	case client.FailureDNS:
		return "The API host " + e.Host + " could not be resolved: check api_url (or " + envBackendURL +
			") for a typo, and this machine's DNS and network."
	case client.FailureTLS:
		return "No secure connection could be made to " + e.Host + ": check that api_url (or " + envBackendURL +
			") names the Pulumi Cloud API with the right scheme and port, and that this machine trusts its certificate " +
			"(for a private CA, add it to the system's trust store or SSL_CERT_FILE)."
	default:
		return "Nothing answered at " + e.Host + ": check that api_url (or " + envBackendURL +
			") names the Pulumi Cloud API and that it is up and reachable from this machine."
	}
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
