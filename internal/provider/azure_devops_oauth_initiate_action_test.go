package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflogtest"
	"github.com/hashicorp/terraform-plugin-log/tfsdklogtest"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const (
	oauthInitiateType = "pulumicloud_azure_devops_oauth_initiate"
	oauthCompleteType = "pulumicloud_azure_devops_oauth_complete"
)

func TestAzureCloudSetupProvider(t *testing.T) {
	got := azureCloudSetupProvider("", "")
	want := client.CloudSetupProvider{Name: "azure", Azure: &client.AzureOptions{APIName: "ado"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("defaults = %+v, want %+v", got, want)
	}
	got = azureCloudSetupProvider("contoso.onmicrosoft.com", "arm")
	want = client.CloudSetupProvider{Name: "azure", Azure: &client.AzureOptions{TenantID: "contoso.onmicrosoft.com", APIName: "arm"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("explicit = %+v, want %+v", got, want)
	}
}

func TestOAuthInitiateProgress(t *testing.T) {
	msgs := oauthInitiateProgress("acme", &client.AzureDevOpsOAuthSession{URL: "https://login.example/authorize?state=s1", SessionID: "s1"})
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"https://login.example/authorize?state=s1", "session_id: s1", `session_id = "s1"`, "acme",
		oauthCompleteType} {
		if !strings.Contains(all, want) {
			t.Errorf("progress messages lack %q:\n%s", want, all)
		}
	}
}

// --- protocol-level harness for actions (Terraform 1.11 cannot run them) ---

// lockedLogBuffer is a bytes.Buffer safe for the concurrent writes of loggers.
type lockedLogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedLogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedLogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// actionHarness is the provider server as Terraform ≥ 1.14 drives it for
// `terraform apply -invoke=action.…`: GetProviderSchema, ConfigureProvider,
// then ValidateActionConfig, PlanAction and InvokeAction. Every provider
// and framework log line goes to logs.
type actionHarness struct {
	t       *testing.T
	ctx     context.Context
	server  actionProviderServer
	schemas *tfprotov6.GetProviderSchemaResponse
	logs    *lockedLogBuffer
}

// actionProviderServer is a provider server that serves the action RPCs.
type actionProviderServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ActionServer
}

// newActionHarness configures a provider server against env's emulator,
// with the provider's default organization when org is not "".
func newActionHarness(t *testing.T, env *testEnv, org string) *actionHarness {
	t.Helper()
	logs := &lockedLogBuffer{}
	ctx := tflogtest.RootLogger(context.Background(), logs)
	ctx = tfsdklogtest.RootLogger(ctx, logs)
	ps, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	server, ok := ps.(actionProviderServer)
	if !ok {
		t.Fatalf("the provider server (%T) does not serve the action RPCs", ps)
	}
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	requireNoDiagnostics(t, "GetProviderSchema", schemas.Diagnostics)
	h := &actionHarness{t: t, ctx: ctx, server: server, schemas: schemas, logs: logs}
	cfg := map[string]tftypes.Value{
		"api_url":      tftypes.NewValue(tftypes.String, env.url),
		"access_token": tftypes.NewValue(tftypes.String, emulator.DefaultToken),
	}
	if org != "" {
		cfg["organization"] = tftypes.NewValue(tftypes.String, org)
	}
	dv := h.dynamicValue(schemas.Provider, cfg)
	resp, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.0", Config: dv})
	if err != nil {
		t.Fatal(err)
	}
	requireNoDiagnostics(t, "ConfigureProvider", resp.Diagnostics)
	return h
}

// dynamicValue encodes vals as an object of schema's type, every attribute
// not in vals null.
func (h *actionHarness) dynamicValue(schema *tfprotov6.Schema, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	h.t.Helper()
	typ, ok := schema.ValueType().(tftypes.Object)
	if !ok {
		h.t.Fatalf("schema type is %T, want an object", schema.ValueType())
	}
	full := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		if v, ok := vals[name]; ok {
			full[name] = v
		} else {
			full[name] = tftypes.NewValue(at, nil)
		}
	}
	for name := range vals {
		if _, ok := typ.AttributeTypes[name]; !ok {
			h.t.Fatalf("attribute %q is not in the schema", name)
		}
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, full))
	if err != nil {
		h.t.Fatal(err)
	}
	return &dv
}

// actionConfig encodes an action's configuration from string attributes.
func (h *actionHarness) actionConfig(actionType string, attrs map[string]string) *tfprotov6.DynamicValue {
	h.t.Helper()
	s, ok := h.schemas.ActionSchemas[actionType]
	if !ok {
		h.t.Fatalf("the provider serves no action %s (it serves %v)", actionType, actionTypeNames(h.schemas.ActionSchemas))
	}
	vals := map[string]tftypes.Value{}
	for k, v := range attrs {
		vals[k] = tftypes.NewValue(tftypes.String, v)
	}
	return h.dynamicValue(s.Schema, vals)
}

func (h *actionHarness) validate(actionType string, attrs map[string]string) []*tfprotov6.Diagnostic {
	h.t.Helper()
	resp, err := h.server.ValidateActionConfig(h.ctx, &tfprotov6.ValidateActionConfigRequest{
		ActionType: actionType, Config: h.actionConfig(actionType, attrs),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.Diagnostics
}

func (h *actionHarness) plan(actionType string, attrs map[string]string) []*tfprotov6.Diagnostic {
	h.t.Helper()
	resp, err := h.server.PlanAction(h.ctx, &tfprotov6.PlanActionRequest{
		ActionType: actionType, Config: h.actionConfig(actionType, attrs),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	return resp.Diagnostics
}

// invoke runs InvokeAction and collects the stream: the progress messages,
// then the diagnostics of the one completed event, which must come last.
func (h *actionHarness) invoke(actionType string, attrs map[string]string) (progress []string, diags []*tfprotov6.Diagnostic) {
	h.t.Helper()
	stream, err := h.server.InvokeAction(h.ctx, &tfprotov6.InvokeActionRequest{
		ActionType: actionType, Config: h.actionConfig(actionType, attrs),
	})
	if err != nil {
		h.t.Fatal(err)
	}
	completed := 0
	for ev := range stream.Events {
		switch e := ev.Type.(type) {
		case tfprotov6.ProgressInvokeActionEventType:
			if completed > 0 {
				h.t.Errorf("progress event %q after the completed event", e.Message)
			}
			progress = append(progress, e.Message)
		case tfprotov6.CompletedInvokeActionEventType:
			completed++
			diags = e.Diagnostics
		default:
			h.t.Errorf("unexpected event type %T", e)
		}
	}
	if completed != 1 {
		h.t.Errorf("%d completed events, want exactly 1", completed)
	}
	return progress, diags
}

// readDataSource reads a data source through the protocol and returns its state.
func (h *actionHarness) readDataSource(typeName string, attrs map[string]string) map[string]tftypes.Value {
	h.t.Helper()
	s, ok := h.schemas.DataSourceSchemas[typeName]
	if !ok {
		h.t.Fatalf("the provider serves no data source %s", typeName)
	}
	vals := map[string]tftypes.Value{}
	for k, v := range attrs {
		vals[k] = tftypes.NewValue(tftypes.String, v)
	}
	resp, err := h.server.ReadDataSource(h.ctx, &tfprotov6.ReadDataSourceRequest{TypeName: typeName, Config: h.dynamicValue(s, vals)})
	if err != nil {
		h.t.Fatal(err)
	}
	requireNoDiagnostics(h.t, "ReadDataSource "+typeName, resp.Diagnostics)
	v, err := resp.State.Unmarshal(s.ValueType())
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]tftypes.Value{}
	if err := v.As(&out); err != nil {
		h.t.Fatal(err)
	}
	return out
}

func requireNoDiagnostics(t *testing.T, what string, diags []*tfprotov6.Diagnostic) {
	t.Helper()
	for _, d := range diags {
		t.Fatalf("%s: unexpected diagnostic: %s: %s", what, d.Summary, d.Detail)
	}
}

// diagText is every diagnostic's summary and detail.
func protoDiagText(diags []*tfprotov6.Diagnostic) string {
	var b strings.Builder
	for _, d := range diags {
		fmt.Fprintf(&b, "[%v] %s: %s\n", d.Severity, d.Summary, d.Detail)
	}
	return b.String()
}

func hasErrorDiagnostic(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func actionTypeNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// requestsTo returns the recorded requests with that method and path.
func emulatorRequestsTo(env *testEnv, method, path string) []emulator.RequestRecord {
	var out []emulator.RequestRecord
	for _, r := range env.emu.Requests() {
		if r.Method == method && r.Path == path {
			out = append(out, r)
		}
	}
	return out
}

// jsonEqual reports whether two JSON texts hold the same value.
func jsonBodyEqual(t *testing.T, got, want string) bool {
	t.Helper()
	var g, w any
	if err := json.Unmarshal([]byte(got), &g); err != nil {
		t.Fatalf("request body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(g, w)
}

var sessionIDPattern = regexp.MustCompile(`session_id: (\S+)`)

// sessionFromProgress finds the session id and consent URL in the initiate
// action's progress messages.
func sessionFromProgress(t *testing.T, progress []string) (sessionID, consentURL string) {
	t.Helper()
	for _, m := range progress {
		if s := sessionIDPattern.FindStringSubmatch(m); s != nil && sessionID == "" {
			sessionID = s[1]
		}
		if i := strings.Index(m, "https://"); i >= 0 && consentURL == "" {
			consentURL = m[i:]
		}
	}
	if sessionID == "" || consentURL == "" {
		t.Fatalf("no session id or URL in progress messages %q", progress)
	}
	return sessionID, consentURL
}

// TestAzureDevOpsOAuthInitiateAction_protocol drives the initiate action
// through the provider server's action RPCs against the emulator: config
// validation, plan (no request), invocation (one POST with the documented
// body), and the consent URL and session id reported as progress.
func TestAzureDevOpsOAuthInitiateAction_protocol(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	h := newActionHarness(t, env, testOrg)
	initiatePath := "/api/console/orgs/" + testOrg + "/integrations/azure-devops/oauth/initiate"

	// Schema: what `terraform providers schema` would show.
	s := h.schemas.ActionSchemas[oauthInitiateType]
	if s == nil {
		t.Fatalf("no %s action; the provider serves %v", oauthInitiateType, actionTypeNames(h.schemas.ActionSchemas))
	}
	attrs := map[string]*tfprotov6.SchemaAttribute{}
	for _, a := range s.Schema.Block.Attributes {
		attrs[a.Name] = a // descriptions: TestSchemasSuitTerraformOpenTofuAndTheBridge
	}
	for _, name := range []string{"organization", "tenant_id", "api_name"} {
		if a := attrs[name]; a == nil || !a.Optional || a.Required {
			t.Errorf("attribute %s = %+v, want optional", name, a)
		}
	}

	// Validation: api_name is an enum, refused before any request.
	if d := h.validate(oauthInitiateType, map[string]string{"api_name": "ado", "tenant_id": "contoso.onmicrosoft.com"}); len(d) != 0 {
		t.Errorf("valid config: %s", protoDiagText(d))
	}
	if d := h.validate(oauthInitiateType, map[string]string{"api_name": "azure"}); !hasErrorDiagnostic(d) ||
		!strings.Contains(protoDiagText(d), "api_name") || !strings.Contains(protoDiagText(d), "arm") {
		t.Errorf("api_name = azure: want an error naming api_name and its values, got %s", protoDiagText(d))
	}
	if d := h.validate(oauthInitiateType, map[string]string{"organization": "not an org"}); !hasErrorDiagnostic(d) {
		t.Errorf("organization = %q: want an error", "not an org")
	}
	if d := h.plan(oauthInitiateType, map[string]string{}); len(d) != 0 {
		t.Errorf("plan: %s", protoDiagText(d))
	}
	if n := env.requestCount(); n != 0 {
		t.Fatalf("validation and plan sent %d requests, want 0", n)
	}

	// Invocation with defaults: apiName "ado", no tenant.
	progress, diags := h.invoke(oauthInitiateType, map[string]string{})
	requireNoDiagnostics(t, "invoke (defaults)", diags)
	reqs := emulatorRequestsTo(env, "POST", initiatePath)
	if len(reqs) != 1 || reqs[0].Status != 200 || !reqs[0].HasAuth {
		t.Fatalf("want one authenticated POST %s answered 200, got %+v", initiatePath, env.emu.Requests())
	}
	if want := `{"provider":{"name":"azure","azure":{"apiName":"ado"}}}`; !jsonBodyEqual(t, reqs[0].Body, want) {
		t.Errorf("body = %s, want %s", reqs[0].Body, want)
	}
	sessionID, consentURL := sessionFromProgress(t, progress)
	answer := client.AzureDevOpsOAuthSession{SessionID: sessionID, URL: consentURL}
	u, err := url.Parse(consentURL)
	if err != nil || u.Scheme != "https" || u.Host != "login.microsoftonline.com" || u.Query().Get("state") != sessionID {
		t.Errorf("consent URL %q: want https://login.microsoftonline.com/... with state=%s", consentURL, sessionID)
	}
	if !reflect.DeepEqual(progress, oauthInitiateProgress(testOrg, &answer)) {
		t.Errorf("progress = %q", progress)
	}

	// Invocation with a tenant and another API, in another organization.
	env.emu.ResetRequests()
	progress, diags = h.invoke(oauthInitiateType, map[string]string{"tenant_id": "contoso.onmicrosoft.com", "api_name": "graph"})
	requireNoDiagnostics(t, "invoke (tenant)", diags)
	reqs = emulatorRequestsTo(env, "POST", initiatePath)
	if len(reqs) != 1 {
		t.Fatalf("want one POST %s, got %+v", initiatePath, env.emu.Requests())
	}
	if want := `{"provider":{"name":"azure","azure":{"tenantId":"contoso.onmicrosoft.com","apiName":"graph"}}}`; !jsonBodyEqual(t, reqs[0].Body, want) {
		t.Errorf("body = %s, want %s", reqs[0].Body, want)
	}
	if _, consentURL := sessionFromProgress(t, progress); !strings.Contains(consentURL, "/contoso.onmicrosoft.com/") {
		t.Errorf("consent URL %q does not name the tenant", consentURL)
	}
	if len(env.emu.Requests()) != 1 {
		t.Errorf("initiate sent %d requests, want 1: %+v", len(env.emu.Requests()), env.emu.Requests())
	}
}

// TestAzureDevOpsOAuthInitiateAction_organization proves the action's
// organization falls back to the provider's, and that with neither the plan
// fails naming the attribute, before any request.
func TestAzureDevOpsOAuthInitiateAction_organization(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Orgs: []string{testOrg, "beta"}})
	h := newActionHarness(t, env, "")

	d := h.plan(oauthInitiateType, map[string]string{})
	if !hasErrorDiagnostic(d) || !strings.Contains(protoDiagText(d), "Missing Pulumi Organization") {
		t.Errorf("plan without organization: want Missing Pulumi Organization, got %s", protoDiagText(d))
	}
	for _, diag := range d {
		if diag.Attribute == nil || diag.Attribute.String() != tftypes.NewAttributePath().WithAttributeName("organization").String() {
			t.Errorf("diagnostic %q is not attached to organization (path %v)", diag.Summary, diag.Attribute)
		}
	}
	_, d = h.invoke(oauthInitiateType, map[string]string{})
	if !hasErrorDiagnostic(d) || !strings.Contains(protoDiagText(d), "Missing Pulumi Organization") {
		t.Errorf("invoke without organization: want Missing Pulumi Organization, got %s", protoDiagText(d))
	}
	if n := env.requestCount(); n != 0 {
		t.Fatalf("an action without organization sent %d requests, want 0", n)
	}

	if d := h.plan(oauthInitiateType, map[string]string{"organization": "beta"}); len(d) != 0 {
		t.Errorf("plan with organization: %s", protoDiagText(d))
	}
	_, d = h.invoke(oauthInitiateType, map[string]string{"organization": "beta"})
	requireNoDiagnostics(t, "invoke in beta", d)
	if reqs := emulatorRequestsTo(env, "POST", "/api/console/orgs/beta/integrations/azure-devops/oauth/initiate"); len(reqs) != 1 {
		t.Errorf("want one POST to beta's initiate endpoint, got %+v", env.emu.Requests())
	}
}
