package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// testOAuthCode is the authorization code the tests pass; it must never
// appear in a log line, diagnostic or progress message.
const testOAuthCode = "0.AXoA-code-4f9c1e7b2d8a-must-stay-secret"

func TestOAuthCompleteProgress(t *testing.T) {
	msg := oauthCompleteProgress("acme")
	if !strings.Contains(msg, "acme") || !strings.Contains(msg, "has_user_token") {
		t.Errorf("progress = %q", msg)
	}
}

// runOAuthFlow initiates through the initiate action, takes the session id
// from its progress messages, and completes through the complete action.
func runOAuthFlow(t *testing.T, h *actionHarness, extra map[string]string) (sessionID string, progress []string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	initProgress, d := h.invoke(oauthInitiateType, extra)
	requireNoDiagnostics(t, "invoke initiate", d)
	sessionID, _ = sessionFromProgress(t, initProgress)
	attrs := map[string]string{"session_id": sessionID, "code": testOAuthCode}
	for k, v := range extra {
		attrs[k] = v
	}
	progress, diags = h.invoke(oauthCompleteType, attrs)
	return sessionID, progress, diags
}

// TestAzureDevOpsOAuthCompleteAction_protocol runs the whole OAuth flow
// through the action RPCs: initiate, complete with the reported session id,
// and checks the POST the emulator received, the success progress message,
// that has_user_token flipped (through the client and through the
// pulumicloud_azure_devops_access_status data source), and that the code
// appears in no log line, progress message or diagnostic.
func TestAzureDevOpsOAuthCompleteAction_protocol(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	h := newActionHarness(t, env, testOrg)
	completePath := "/api/console/orgs/" + testOrg + "/integrations/azure-devops/oauth/complete"
	c := env.client(t)

	before, err := c.GetAzureDevOpsAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	if before.HasUserToken {
		t.Fatal("the seeded world must start without an Azure DevOps user token")
	}
	env.emu.ResetRequests()

	// Schema: session_id and code required.
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range h.schemas.ActionSchemas[oauthCompleteType].Schema.Block.Attributes {
		attrs[a.Name] = a
	}
	for _, name := range []string{"session_id", "code"} {
		if a := attrs[name]; a == nil || !a.Required {
			t.Errorf("attribute %s = %+v, want required", name, a)
		}
	}

	// Validation and plan: no request, and an empty code is refused without echoing anything.
	if d := h.validate(oauthCompleteType, map[string]string{"session_id": "s", "code": testOAuthCode}); len(d) != 0 {
		t.Errorf("valid config: %s", protoDiagText(d))
	}
	if d := h.validate(oauthCompleteType, map[string]string{"session_id": "s", "code": ""}); !hasErrorDiagnostic(d) || !strings.Contains(protoDiagText(d), "code") {
		t.Errorf("empty code: want an error naming code, got %s", protoDiagText(d))
	}
	if d := h.validate(oauthCompleteType, map[string]string{"session_id": "s", "code": testOAuthCode, "api_name": "ARM"}); !hasErrorDiagnostic(d) {
		t.Errorf("api_name = ARM: want an error")
	}
	if d := h.plan(oauthCompleteType, map[string]string{"session_id": "s", "code": testOAuthCode}); len(d) != 0 {
		t.Errorf("plan: %s", protoDiagText(d))
	}
	if n := env.requestCount(); n != 0 {
		t.Fatalf("validation and plan sent %d requests, want 0", n)
	}

	sessionID, progress, diags := runOAuthFlow(t, h, map[string]string{"tenant_id": "contoso.onmicrosoft.com"})
	requireNoDiagnostics(t, "invoke complete", diags)
	if len(progress) != 1 || progress[0] != oauthCompleteProgress(testOrg) {
		t.Errorf("complete progress = %q, want the success message", progress)
	}

	reqs := emulatorRequestsTo(env, "POST", completePath)
	if len(reqs) != 1 || reqs[0].Status != 200 || !reqs[0].HasAuth {
		t.Fatalf("want one authenticated POST %s answered 200, got %+v", completePath, env.emu.Requests())
	}
	initiates := emulatorRequestsTo(env, "POST", "/api/console/orgs/"+testOrg+"/integrations/azure-devops/oauth/initiate")
	if len(initiates) != 1 {
		t.Fatalf("want one initiate POST, got %+v", env.emu.Requests())
	}
	// The session id the initiate action reported is the one completed; the
	// emulator logs the code redacted, and tells whether it was the one sent.
	want := fmt.Sprintf(`{"provider":{"name":"azure","azure":{"tenantId":"contoso.onmicrosoft.com","apiName":"ado"}},"sessionID":%q,"code":%q}`,
		sessionID, emulator.Redacted)
	if !jsonBodyEqual(t, reqs[0].Body, want) || !env.emu.SecretReceived(testOAuthCode) {
		t.Errorf("complete body = %s, want %s with the code %q", reqs[0].Body, want, testOAuthCode)
	}

	// The outcome, through the client and through the data source.
	after, err := c.GetAzureDevOpsAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	if !after.HasUserToken {
		t.Error("has_user_token is still false after the complete action")
	}
	state := h.readDataSource("pulumicloud_azure_devops_access_status", nil)
	var hasToken bool
	if err := state["has_user_token"].As(&hasToken); err != nil || !hasToken {
		t.Errorf("data.pulumicloud_azure_devops_access_status.has_user_token = %v (%v), want true", state["has_user_token"], err)
	}

	// A completed session cannot be completed again; the error says what to
	// do and does not echo the code.
	_, diags = h.invoke(oauthCompleteType, map[string]string{"session_id": sessionID, "code": testOAuthCode})
	if !hasErrorDiagnostic(diags) || !strings.Contains(protoDiagText(diags), "Unable to Complete Azure DevOps OAuth") ||
		!strings.Contains(protoDiagText(diags), oauthInitiateType) || !strings.Contains(protoDiagText(diags), "HTTP 400") {
		t.Errorf("reused session: want an actionable error, got %s", protoDiagText(diags))
	}
	if strings.Contains(protoDiagText(diags), testOAuthCode) {
		t.Errorf("the diagnostic echoes the code: %s", protoDiagText(diags))
	}

	// Nothing the provider logged carries the code, though the logs are live
	// (they hold the HTTP subsystem's lines for the complete endpoint).
	logs := h.logs.String()
	if strings.Contains(logs, testOAuthCode) {
		t.Errorf("the code appears in the logs:\n%s", logs)
	}
	if !strings.Contains(logs, "oauth/complete") || !strings.Contains(logs, "completed Azure DevOps OAuth") {
		t.Errorf("the captured logs lack the complete call; the log check would be vacuous:\n%.2000s", logs)
	}
	for _, p := range progress {
		if strings.Contains(p, testOAuthCode) {
			t.Errorf("progress message echoes the code: %q", p)
		}
	}
}

// TestAccAzureDevOpsOAuthComplete_accessStatusFlips is the user's view with
// real Terraform: pulumicloud_azure_devops_access_status reads
// has_user_token = false, the two actions run (through the provider's
// action RPCs, as Terraform ≥ 1.14 would invoke them), and the next refresh
// reads true, with the Azure DevOps organizations then listable.
func TestAccAzureDevOpsOAuthComplete_accessStatusFlips(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_azure_devops_access_status.this"
	config := env.providerConfig() + `
data "pulumicloud_azure_devops_access_status" "this" {}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(false)),
				},
			},
			{
				PreConfig: func() {
					_, _, diags := runOAuthFlow(t, newActionHarness(t, env, testOrg), map[string]string{"api_name": "ado"})
					requireNoDiagnostics(t, "OAuth flow", diags)
				},
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_integration"), knownvalue.Bool(true)),
				},
			},
		},
	})
}
