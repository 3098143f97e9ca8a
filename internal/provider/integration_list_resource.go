package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	lschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Every integration kind is also a list resource (Terraform 1.14 or later,
// `terraform query`): a `list "pulumicloud_<kind>" "all" {}` block streams
// the organization's integrations of that kind, each with its identity, a
// display name and, when asked, the whole resource as a refresh would record
// it. `terraform query -generate-config-out=FILE` writes from those an import
// block and a resource block per integration, which plan as clean imports:
// the create-only inputs come from the same inference an import makes (and
// stay null, "as it is", where the API does not tell), and no secret is
// known to write.

// integrationListModel is a list block's `config`.
type integrationListModel struct {
	Organization types.String `tfsdk:"organization"`
}

func (r *integrationResource[M, P, A]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = lschema.Schema{
		MarkdownDescription: "Lists the " + r.kind.title + " integrations of a Pulumi organization, for `terraform query` " +
			"(Terraform 1.14 or later); `-generate-config-out` turns them into import blocks and configuration.",
		Attributes: map[string]lschema.Attribute{
			"organization": lschema.StringAttribute{
				MarkdownDescription: organizationDescription,
				Optional:            true,
				Validators:          organizationValidators(),
			},
		},
	}
}

func (r *integrationResource[M, P, A]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var cfg integrationListModel
	var diags diag.Diagnostics
	diags.Append(req.Config.Get(ctx, &cfg)...)
	org := ""
	if !diags.HasError() {
		org = r.data.resolveOrganization(cfg.Organization, &diags)
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	ctx = tflog.SetField(ctx, "organization", org)
	k, c := r.kind, r.data.client
	items, err := k.list(ctx, c, org)
	if err != nil {
		addAPIError(&diags, "Unable to List "+k.title+" Integrations",
			fmt.Sprintf("Listing the %s integrations of organization %s failed.", k.title, org),
			"Check the organization name and that the access token may read its integrations, then run terraform query again.", err)
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		for i := range items {
			if req.Limit > 0 && int64(i) >= req.Limit {
				return
			}
			a := &items[i]
			id := k.idOf(a)
			result := req.NewListResult(ctx)
			result.DisplayName = k.displayName(a)
			result.Diagnostics.Append(setIntegrationIdentity(ctx, result.Identity, org, id)...)
			if req.IncludeResource && !result.Diagnostics.HasError() {
				m, d := r.listedModel(ctx, result.Resource, org, id, a)
				result.Diagnostics.Append(d...)
				if !result.Diagnostics.HasError() {
					// The model's timeouts are null, as an import's: the defaults.
					result.Diagnostics.Append(result.Resource.Set(ctx, m)...)
				}
			}
			if !push(result) {
				return
			}
		}
	}
}

// listedModel is the resource as a refresh after an import records it: the
// list item mapped, read back where the list is not the whole answer, and
// completed from the list, with the create-only inputs inferred.
func (r *integrationResource[M, P, A]) listedModel(ctx context.Context, res *tfsdk.Resource, org, id string, item *A) (*M, diag.Diagnostics) {
	k, c := r.kind, r.data.client
	var m M
	// Start from every attribute null, typed by the schema, as an import does.
	null := nullResource(ctx, res)
	diags := null.Get(ctx, &m)
	if diags.HasError() {
		return nil, diags
	}
	P(&m).base().setIdentity(org, id)
	diags.Append(k.fromAPI(ctx, item, &m)...)
	if !k.listIsDetails {
		a, err := k.get(ctx, c, org, id)
		if err != nil {
			addAPIError(&diags, "Unable to Read "+k.title+" Integration",
				fmt.Sprintf("Reading the %s integration %s, listed in organization %s, failed.", k.title, importID(org, id), org),
				"Run terraform query again.", err)
			return nil, diags
		}
		diags.Append(k.fromAPI(ctx, a, &m)...)
	}
	if completer, ok := r.hooks.(completing[M]); ok {
		if err := completer.complete(ctx, r.data, org, &m); err != nil {
			addAPIError(&diags, "Unable to Read "+k.title+" Integration",
				fmt.Sprintf("Listing the %s integrations of organization %s (for the settings the GET does not answer) failed.", k.title, org),
				"Run terraform query again.", err)
			return nil, diags
		}
	}
	P(&m).base().setIdentity(org, id)
	return &m, diags
}

// nullResource is res's schema with every top-level attribute null.
func nullResource(ctx context.Context, res *tfsdk.Resource) tfsdk.Resource {
	typ, _ := res.Schema.Type().TerraformType(ctx).(tftypes.Object)
	vals := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, t := range typ.AttributeTypes {
		vals[name] = tftypes.NewValue(t, nil)
	}
	return tfsdk.Resource{Schema: res.Schema, Raw: tftypes.NewValue(typ, vals)}
}

var (
	_ list.ListResourceWithConfigure = (*gitHubIntegrationResource)(nil)
	_ list.ListResourceWithConfigure = (*gitLabIntegrationResource)(nil)
	_ list.ListResourceWithConfigure = (*bitbucketIntegrationResource)(nil)
	_ list.ListResourceWithConfigure = (*azureDevOpsIntegrationResource)(nil)
)
