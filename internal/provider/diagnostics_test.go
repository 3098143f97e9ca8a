package provider

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// A request that got no answer (DNS, connection) is not reported as
// something Pulumi Cloud said, and comes with advice about reaching the
// API, not the advice meant for an answer ("check the organization").
func TestAddAPIErrorForUnreachableAPI(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + ln.Addr().String()
	_ = ln.Close()
	const apiAdvice = "Check that the organization exists and that the access token may read its integrations."
	for _, tc := range []struct{ name, baseURL, want string }{
		{"DNS", "https://no-such-host.invalid", "could not be resolved: check api_url"},
		{"connection", closed, "Nothing answered at " + strings.TrimPrefix(closed, "http://")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := client.New(client.Config{BaseURL: tc.baseURL, Token: "tok-12345678", Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			_, callErr := c.ListVCSIntegrations(context.Background(), "acme")
			if callErr == nil {
				t.Fatal("want a failure")
			}
			var diags diag.Diagnostics
			addAPIError(&diags, "Unable to List VCS Integrations", "Listing failed.", apiAdvice, callErr)
			if len(diags) != 1 {
				t.Fatalf("diagnostics %v", diags)
			}
			d := diags[0].Detail()
			if strings.Contains(d, "Pulumi Cloud said") || strings.Contains(d, apiAdvice) {
				t.Errorf("detail blames the API or gives its advice:\n%s", d)
			}
			if !strings.Contains(d, tc.want) || !strings.Contains(d, "The request failed: ") || !strings.HasPrefix(d, "Listing failed.") {
				t.Errorf("detail lacks %q or the failure:\n%s", tc.want, d)
			}
		})
	}
	// An answer keeps the API's advice and message.
	var diags diag.Diagnostics
	addAPIError(&diags, "S", "W.", apiAdvice, &client.APIError{Method: "GET", Path: "/x", StatusCode: 404, Message: "Organization not found"})
	if d := diags[0].Detail(); !strings.Contains(d, apiAdvice) || !strings.Contains(d, "Pulumi Cloud said: GET /x: HTTP 404: Organization not found") {
		t.Errorf("API answer detail:\n%s", d)
	}
}
