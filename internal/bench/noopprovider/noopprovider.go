// Package noopprovider is the benchmark's second floor: a
// terraform-plugin-framework provider ("noop") whose resources, one per kind
// the benchmark creates (noop_gitlab_integration, ...,
// noop_custom_vcs_repository), have exactly the schema of their pulumicloud
// twin (pulumicloud_gitlab_integration, ...) and call no API. Create and Update store
// the plan with every unknown value made known (empty string, 0, false, null
// object); Read keeps the state; Delete forgets. internal/bench/noop serves
// it as a plugin binary; BenchmarkRPCs calls it in-process beside
// pulumicloud.
package noopprovider

import (
	"context"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	pc "github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

// New returns the no-op provider.
func New() provider.Provider { return noopProvider{} }

type noopProvider struct{}

func (noopProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "noop"
}
func (noopProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}
func (noopProvider) Configure(context.Context, provider.ConfigureRequest, *provider.ConfigureResponse) {
}
func (noopProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }
func (noopProvider) Resources(context.Context) []func() resource.Resource {
	out := make([]func() resource.Resource, 0, len(Twins))
	for _, typeName := range Twins {
		out = append(out, func() resource.Resource { return noopResource{typeName: typeName} })
	}
	return out
}

// Twins are the pulumicloud resources (type names without the provider's
// prefix) the no-op provider has a twin of, under the same name.
var Twins = []string{
	"gitlab_integration", "bitbucket_integration", "azure_devops_integration",
	"custom_vcs_integration", "custom_vcs_repository",
}

type noopResource struct{ typeName string }

func (r noopResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.typeName
}

func (r noopResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	s, ok := pc.ResourceSchema(r.typeName)
	if !ok {
		resp.Diagnostics.AddError("No Such pulumicloud Resource", "pulumicloud has no resource pulumicloud_"+r.typeName+" to be the twin of.")
		return
	}
	resp.Schema = s
}

func (noopResource) Create(_ context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (noopResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse) {}

func (noopResource) Update(_ context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	resp.State.Raw = known(req.Plan.Raw)
}

func (noopResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// known replaces every unknown value in v by a known one of its type.
func known(v tftypes.Value) tftypes.Value {
	out, err := tftypes.Transform(v, func(_ *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		switch t := v.Type(); {
		case t.Is(tftypes.String):
			return tftypes.NewValue(t, ""), nil
		case t.Is(tftypes.Number):
			return tftypes.NewValue(t, big.NewFloat(0)), nil
		case t.Is(tftypes.Bool):
			return tftypes.NewValue(t, false), nil
		default:
			return tftypes.NewValue(t, nil), nil
		}
	})
	if err != nil {
		panic(err)
	}
	return out
}
