package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSource              = (*vcsIntegrationsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vcsIntegrationsDataSource)(nil)
)

// NewVCSIntegrationsDataSource is the pulumicloud_vcs_integrations data source:
// every VCS integration of an organization, across providers.
func NewVCSIntegrationsDataSource() datasource.DataSource {
	return &vcsIntegrationsDataSource{}
}

type vcsIntegrationsDataSource struct {
	data *providerData
}

type vcsIntegrationsModel struct {
	ID           types.String                 `tfsdk:"id"`
	Organization types.String                 `tfsdk:"organization"`
	VCSProvider  types.String                 `tfsdk:"vcs_provider"`
	Integrations []vcsIntegrationSummaryModel `tfsdk:"integrations"`
}

type vcsIntegrationSummaryModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	AvatarURL           types.String `tfsdk:"avatar_url"`
	VCSProvider         types.String `tfsdk:"vcs_provider"`
	HasIndividualAccess types.Bool   `tfsdk:"has_individual_access"`
	Host                types.String `tfsdk:"host"`
}

func (d *vcsIntegrationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_vcs_integrations"
}

func (d *vcsIntegrationsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists every VCS integration of a Pulumi organization across all providers " +
			"(GitHub, GitHub Enterprise Server, GitLab, Bitbucket, Azure DevOps, generic), optionally filtered by provider. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The organization, followed by `/<vcs_provider>` when the list is filtered.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			"vcs_provider": schema.StringAttribute{
				MarkdownDescription: "Only list integrations of this provider: one of `" +
					strings.Join(client.VCSProviders, "`, `") + "`. Lists every integration when unset.",
				Optional:   true,
				Validators: vcsProviderValidators(),
			},
			"integrations": schema.ListNestedAttribute{
				MarkdownDescription: "The integrations, in the order Pulumi Cloud lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The integration's id (the `integration_id` of the repos and branches data sources).",
							Computed:            true,
						},
						"name": schema.StringAttribute{
							MarkdownDescription: "Display name derived from the VCS account (GitHub account, GitLab group, Bitbucket workspace, Azure DevOps organization/project).",
							Computed:            true,
						},
						"avatar_url": schema.StringAttribute{
							MarkdownDescription: "Avatar URL of the VCS account.",
							Computed:            true,
						},
						"vcs_provider": schema.StringAttribute{
							MarkdownDescription: "The provider: `" + strings.Join(client.VCSProviders, "`, `") + "`.",
							Computed:            true,
						},
						"has_individual_access": schema.BoolAttribute{
							MarkdownDescription: "Whether the caller holds an OAuth token for this integration's provider.",
							Computed:            true,
						},
						"host": schema.StringAttribute{
							MarkdownDescription: "The host of a self-hosted provider such as GitHub Enterprise Server; empty for cloud-hosted providers.",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

func (d *vcsIntegrationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *vcsIntegrationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg vcsIntegrationsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	list, err := d.data.client.ListVCSIntegrations(ctx, org)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to List VCS Integrations",
			"Listing the VCS integrations of organization "+org+" failed.",
			"Check that the organization exists and that the access token may read its integrations.", err)
		return
	}
	state := vcsIntegrationsFromAPI(org, cfg.VCSProvider.ValueString(), list)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// vcsIntegrationsFromAPI maps the summary list, keeping only provider's
// integrations when provider is not "".
func vcsIntegrationsFromAPI(org, provider string, list []client.VCSIntegrationSummary) vcsIntegrationsModel {
	m := vcsIntegrationsModel{
		ID:           types.StringValue(org),
		Organization: types.StringValue(org),
		Integrations: []vcsIntegrationSummaryModel{},
	}
	if provider != "" {
		m.ID = types.StringValue(org + "/" + provider)
		m.VCSProvider = types.StringValue(provider)
	}
	for _, in := range list {
		if provider != "" && in.VCSProvider != provider {
			continue
		}
		m.Integrations = append(m.Integrations, vcsIntegrationSummaryModel{
			ID:                  types.StringValue(in.ID),
			Name:                types.StringValue(in.Name),
			AvatarURL:           types.StringValue(in.AvatarURL),
			VCSProvider:         types.StringValue(in.VCSProvider),
			HasIndividualAccess: types.BoolValue(in.HasIndividualAccess),
			Host:                types.StringValue(in.Host),
		})
	}
	return m
}
