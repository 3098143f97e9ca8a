package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Warnings are not visible through terraform-plugin-testing, so these tests
// speak the protocol to the provider server (the harness of the action tests).

func stringValues(attrs map[string]string) map[string]tftypes.Value {
	out := map[string]tftypes.Value{}
	for k, v := range attrs {
		out[k] = tftypes.NewValue(tftypes.String, v)
	}
	return out
}

// readDataSourceDiags reads a data source and returns its state and diagnostics.
func (h *actionHarness) readDataSourceDiags(typeName string, attrs map[string]string) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	h.t.Helper()
	s := h.schemas.DataSourceSchemas[typeName]
	resp, err := h.server.ReadDataSource(h.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: h.dynamicValue(s, stringValues(attrs))})
	if err != nil {
		h.t.Fatal(err)
	}
	if hasErrorDiagnostic(resp.Diagnostics) {
		h.t.Fatalf("ReadDataSource %s: %s", typeName, protoDiagText(resp.Diagnostics))
	}
	v, err := resp.State.Unmarshal(s.ValueType())
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		h.t.Fatal(err)
	}
	return out, resp.Diagnostics
}

// TestVCSProviderGenericAlias: "generic" is accepted wherever vcs_provider
// appears, with a warning naming "custom", and reads what "custom" reads.
func TestVCSProviderGenericAlias(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	customID := seededIntegrationID(t, env, "custom")
	h := newActionHarness(t, env, testOrg)
	configs := map[string]map[string]string{
		"pulumicloud_vcs_integrations":      {},
		"pulumicloud_vcs_repos":             {"integration_id": customID},
		"pulumicloud_vcs_repo_destinations": {"integration_id": customID},
		"pulumicloud_vcs_branches":          {"integration_id": customID, "repo_id": "1"},
	}
	for typ, attrs := range configs {
		for _, provider := range []string{client.VCSProviderCustom, client.VCSProviderGeneric} {
			attrs["vcs_provider"] = provider
			resp, err := h.server.ValidateDataResourceConfig(h.ctx, &tfprotov6.ValidateDataResourceConfigRequest{
				TypeName: typ, Config: h.dynamicValue(h.schemas.DataSourceSchemas[typ], stringValues(attrs)),
			})
			if err != nil {
				t.Fatal(err)
			}
			d := resp.Diagnostics
			if provider == client.VCSProviderCustom {
				if len(d) != 0 {
					t.Errorf("%s vcs_provider = custom: %s", typ, protoDiagText(d))
				}
				continue
			}
			if len(d) != 1 || d[0].Severity != tfprotov6.DiagnosticSeverityWarning || d[0].Summary != "Deprecated VCS Provider Name" ||
				!strings.Contains(d[0].Detail, `vcs_provider = "custom"`) {
				t.Errorf("%s vcs_provider = generic: want one warning naming custom, got %s", typ, protoDiagText(d))
			}
		}
	}
	if n := env.requestCount(); n != 0 {
		t.Errorf("validation sent %d requests", n)
	}

	// Read through both names: the same repositories, the API asked for "custom".
	for _, typ := range []string{"pulumicloud_vcs_repos", "pulumicloud_vcs_repo_destinations"} {
		c, _ := h.readDataSourceDiags(typ, map[string]string{"vcs_provider": "custom", "integration_id": customID})
		g, _ := h.readDataSourceDiags(typ, map[string]string{"vcs_provider": "generic", "integration_id": customID})
		if !c["repos"].Equal(g["repos"]) {
			t.Errorf("%s: generic read %v, custom %v", typ, g["repos"], c["repos"])
		}
		var repos []tftypes.Value
		if err := c["repos"].As(&repos); err != nil || len(repos) == 0 {
			t.Errorf("%s of the custom integration: %d repositories (%v), want some", typ, len(repos), err)
		}
		var provider string
		_ = g["vcs_provider"].As(&provider)
		if provider != "generic" {
			t.Errorf("%s: state vcs_provider %q, want the configured generic", typ, provider)
		}
	}
	for _, r := range env.emu.Requests() {
		if strings.Contains(r.Path, "/generic/") {
			t.Errorf("the API was asked for %s", r.Path)
		}
	}
}

// TestVCSRepoDestinationsSamePageWarns: a server that ignores page on the
// destinations answers its first page again; the data source keeps what it
// read, once, and says so in a warning instead of looping or failing.
func TestVCSRepoDestinationsSamePageWarns(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	if err := env.emu.SetDestinationsPaging(emulator.DestinationsIgnorePage, 2); err != nil {
		t.Fatal(err)
	}
	id := seededIntegrationID(t, env, "github")
	first, _, err := env.client(t).ListVCSRepoDestinations(context.Background(), testOrg, client.VCSProviderGitHub, id)
	if err != nil {
		t.Fatal(err)
	}
	h := newActionHarness(t, env, testOrg)
	state, diags := h.readDataSourceDiags("pulumicloud_vcs_repo_destinations", map[string]string{"vcs_provider": "github", "integration_id": id})
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityWarning || diags[0].Summary != "Incomplete List of VCS Repository Destinations" ||
		!strings.Contains(diags[0].Detail, "same page") {
		t.Errorf("want one warning about the repeated page, got %s", protoDiagText(diags))
	}
	var repos []tftypes.Value
	if err := state["repos"].As(&repos); err != nil {
		t.Fatal(err)
	}
	if len(repos) != 2 || len(first) != 2 {
		t.Errorf("%d repositories in state (client read %d), want the first page's 2, once", len(repos), len(first))
	}
}
