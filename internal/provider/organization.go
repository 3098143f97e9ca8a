package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

const organizationDescription = "The Pulumi organization. Defaults to the provider's `organization`; " +
	"one of the two must be set."

// resolveOrganization returns the organization a resource or data source
// works in: its own when set, else the provider's default. It adds an error
// naming the attribute when neither is set.
func (pd *providerData) resolveOrganization(configured types.String, diags *diag.Diagnostics) string {
	if !configured.IsNull() && !configured.IsUnknown() && configured.ValueString() != "" {
		return configured.ValueString()
	}
	if pd != nil && pd.organization != "" {
		return pd.organization
	}
	diags.AddAttributeError(path.Root("organization"), "Missing Pulumi Organization",
		"Set `organization` on this block, or a default `organization` in the provider block "+
			"(or the "+envOrganization+" environment variable).")
	return ""
}

// dataSourceOrganizationAttribute is the `organization` attribute of a data
// source: optional, and computed from the provider's default when unset.
func dataSourceOrganizationAttribute() dsschema.StringAttribute {
	return dsschema.StringAttribute{
		MarkdownDescription: organizationDescription,
		Optional:            true,
		Computed:            true,
		Validators:          organizationValidators(),
	}
}

// orgDataSourceSchema is the schema of a data source that reads one answer
// of the organization: `id` (the organization), `organization`, and the
// answer's fields.
func orgDataSourceSchema(desc string, fields ...fieldSpec) dsschema.Schema {
	return dsschema.Schema{
		MarkdownDescription: desc,
		Attributes: dataSourceAttributes(fields, map[string]dsschema.Attribute{
			"id":           dsschema.StringAttribute{MarkdownDescription: "The organization.", Computed: true},
			"organization": dataSourceOrganizationAttribute(),
		}),
	}
}

// orgDataSource is a read-only data source that makes one lookup in one
// Pulumi organization. Configure, resolving the organization and the
// config-to-state plumbing are written here once; each data source is an
// alias of it over its model M and gives only its type name, schema and
// read. The per-kind integration data sources have their own generic types
// (integration_data_sources.go).
type orgDataSource[M any] struct {
	typeName string          // after "pulumicloud_", e.g. "vcs_repos"
	schema   dsschema.Schema // must have the `organization` attribute
	read     orgReadFunc[M]
	data     *providerData
}

// orgReadFunc calls the API for org through c and maps the answer: m holds
// the configuration on entry and the state on return. It reports failures,
// as summaries and details a person can act on, in diags.
type orgReadFunc[M any] func(ctx context.Context, c *client.Client, org string, m *M, diags *diag.Diagnostics)

func (d *orgDataSource[M]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.typeName
}

// Schema is the data source's schema with the timeouts attribute every
// data source has (its model embeds withReadTimeout).
func (d *orgDataSource[M]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
	resp.Schema.Attributes = maps.Clone(d.schema.Attributes)
	resp.Schema.Attributes[timeoutsAttr] = dataSourceTimeoutsAttribute()
}

func (d *orgDataSource[M]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *orgDataSource[M]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m M
	var configured types.String
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization"), &configured)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.data.resolveOrganization(configured, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "organization", org)
	timeout, ok := any(&m).(readTimeoutModel)
	if !ok {
		resp.Diagnostics.AddError("Provider Bug", fmt.Sprintf("The model of %s does not embed withReadTimeout; please report it.", d.typeName))
		return
	}
	deadline := *timeout.readTimeout() // a read may replace the whole model
	deadline.boundedRead(ctx, &resp.Diagnostics, func(ctx context.Context) {
		d.read(ctx, d.data.client, org, &m, &resp.Diagnostics)
	})
	*timeout.readTimeout() = deadline
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// orgScopedAction is what the actions share: the provider data, and a
// plan-time check that the organization resolves.
type orgScopedAction struct {
	data *providerData
}

func (a *orgScopedAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan refuses at plan time an action with no organization.
func (a *orgScopedAction) ModifyPlan(ctx context.Context, req action.ModifyPlanRequest, resp *action.ModifyPlanResponse) {
	var org types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization"), &org)...)
	if resp.Diagnostics.HasError() || org.IsUnknown() || a.data == nil {
		return
	}
	a.data.resolveOrganization(org, &resp.Diagnostics)
}
