package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/hashicorp/terraform-plugin-log/tfsdklog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/bench/noopprovider"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

// BenchmarkRPCs prices the CPU per resource of the RPCs Terraform sends in a
// plan for each of N integrations (ValidateResourceConfig, ReadResource for
// the refresh, PlanResourceChange), called on the provider server
// in-process: pulumicloud_gitlab_integration against the emulator, and
// noop_gitlab_integration (same schema, no API) beside it. No CLI, plugin
// process or gRPC: the difference between the two is this provider's own
// work. Each op is one RPC for each of the N resources; ns/res is per
// resource. Allocations are the steadiest measure on a shared machine.
// Profile with
//
//	go test ./internal/bench -run '^$' -bench RPCs/pulumicloud -cpuprofile cpu.out
func BenchmarkRPCs(b *testing.B) {
	const n = 300
	h := newRPCHarness(b, n)
	for _, target := range []struct {
		name, typeName string
		server         tfprotov6.ProviderServer
	}{
		{"pulumicloud", "pulumicloud_gitlab_integration", h.pc},
		{"noop", "noop_gitlab_integration", h.noop},
	} {
		run := func(rpc string, call func(i int)) {
			b.Run(target.name+"/"+rpc, func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					for i := range n {
						call(i)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/res")
			})
		}
		s, typ := target.server, target.typeName
		run("Validate", func(i int) {
			resp, err := s.ValidateResourceConfig(h.ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: typ, Config: h.config[i]})
			h.check("ValidateResourceConfig", err, resp.Diagnostics)
		})
		run("Read", func(i int) {
			resp, err := s.ReadResource(h.ctx, &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: h.states[i]})
			h.check("ReadResource", err, resp.Diagnostics)
		})
		run("Plan", func(i int) {
			resp, err := s.PlanResourceChange(h.ctx, &tfprotov6.PlanResourceChangeRequest{
				TypeName: typ, PriorState: h.states[i], ProposedNewState: h.states[i], Config: h.config[i],
			})
			h.check("PlanResourceChange", err, resp.Diagnostics)
		})
	}
}

// rpcHarness is both providers configured, and n GitLab integrations: their
// refreshed states and their configurations (the same values fit both).
type rpcHarness struct {
	tb       testing.TB
	ctx      context.Context
	pc, noop tfprotov6.ProviderServer
	states   []*tfprotov6.DynamicValue
	config   []*tfprotov6.DynamicValue
}

func newRPCHarness(tb testing.TB, n int) *rpcHarness {
	tb.Helper()
	emu, err := emulator.New(emulator.Options{Unseeded: true, ExtraGitLabGroups: n})
	if err != nil {
		tb.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = emu.Close() })
	c, err := client.New(client.Config{BaseURL: url, Token: emulator.DefaultToken})
	if err != nil {
		tb.Fatal(err)
	}
	ctx := context.Background()
	for i := 1; i <= n; i++ {
		if err := c.CreateGitLabIntegration(ctx, "acme", client.CreateGitLabIntegrationRequest{GitLabGroupID: emulator.ExtraGitLabGroupBaseID + int64(i)}); err != nil {
			tb.Fatal(err)
		}
	}
	items, err := c.ListGitLabIntegrations(ctx, "acme")
	if err != nil || len(items) != n {
		tb.Fatalf("listing %d integrations: %d, %v", n, len(items), err)
	}

	// The loggers the plugin's gRPC layer (tf6server) sets up for every
	// request, at the levels the environment gives them after main's
	// QuietUnreadLogs: off unless TF_LOG or TF_LOG_PROVIDER is set (set
	// TF_LOG_SDK=trace TF_LOG_PROVIDER_PULUMICLOUD=trace for the cost of
	// logging everything).
	provider.QuietUnreadLogs("pulumicloud")
	ctx = tfsdklog.NewRootSDKLogger(ctx, tfsdklog.WithLevelFromEnv("TF_LOG_SDK"))
	ctx = tfsdklog.NewSubsystem(ctx, "proto", tfsdklog.WithLevelFromEnv("TF_LOG_SDK_PROTO"))
	ctx = tfsdklog.NewRootProviderLogger(ctx, tflog.WithLevelFromEnv("TF_LOG_PROVIDER", "PULUMICLOUD"))
	h := &rpcHarness{tb: tb, ctx: ctx,
		pc: providerserver.NewProtocol6(provider.New("bench")())(), noop: providerserver.NewProtocol6(noopprovider.New())()}

	schemas, err := h.pc.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	h.check("GetProviderSchema", err, schemas.Diagnostics)
	cfg, err := h.pc.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
		Config: dynamicValue(tb, schemas.Provider, map[string]tftypes.Value{
			"api_url":      tftypes.NewValue(tftypes.String, url),
			"access_token": tftypes.NewValue(tftypes.String, emulator.DefaultToken),
			"organization": tftypes.NewValue(tftypes.String, "acme"),
		})})
	h.check("ConfigureProvider", err, cfg.Diagnostics)
	noopSchemas, err := h.noop.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	h.check("GetProviderSchema (noop)", err, noopSchemas.Diagnostics)
	noopCfg, err := h.noop.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4",
		Config: dynamicValue(tb, noopSchemas.Provider, nil)})
	h.check("ConfigureProvider (noop)", err, noopCfg.Diagnostics)

	const typ = "pulumicloud_gitlab_integration"
	schema := schemas.ResourceSchemas[typ]
	for _, it := range items {
		imp, err := h.pc.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: typ, ID: "acme/" + it.ID})
		h.check("ImportResourceState", err, imp.Diagnostics)
		read, err := h.pc.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: typ, CurrentState: imp.ImportedResources[0].State})
		h.check("ReadResource", err, read.Diagnostics)
		h.states = append(h.states, read.NewState)
		h.config = append(h.config, dynamicValue(tb, schema, map[string]tftypes.Value{
			"gitlab_group_id": tftypes.NewValue(tftypes.Number, it.GitLabGroupID),
		}))
	}
	return h
}

func (h *rpcHarness) check(rpc string, err error, diags []*tfprotov6.Diagnostic) {
	if err != nil {
		h.tb.Fatalf("%s: %v", rpc, err)
	}
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			h.tb.Fatalf("%s: %s: %s", rpc, d.Summary, d.Detail)
		}
	}
}

// dynamicValue encodes vals as an object of schema's type, every other
// attribute null.
func dynamicValue(tb testing.TB, schema *tfprotov6.Schema, vals map[string]tftypes.Value) *tfprotov6.DynamicValue {
	tb.Helper()
	typ, ok := schema.ValueType().(tftypes.Object)
	if !ok {
		tb.Fatalf("schema type is %T, want an object", schema.ValueType())
	}
	full := map[string]tftypes.Value{}
	for name, at := range typ.AttributeTypes {
		full[name] = tftypes.NewValue(at, nil)
	}
	for name, v := range vals {
		if _, ok := typ.AttributeTypes[name]; !ok {
			tb.Fatalf("attribute %q is not in the schema", name)
		}
		full[name] = v
	}
	dv, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, full))
	if err != nil {
		tb.Fatal(fmt.Errorf("encoding %v: %w", vals, err))
	}
	return &dv
}
