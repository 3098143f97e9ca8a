package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*vcsIntegrationsDataSource)(nil)

type vcsIntegrationsDataSource = orgDataSource[vcsIntegrationsModel]

// NewVCSIntegrationsDataSource is the pulumicloud_vcs_integrations data source:
// every VCS integration of an organization, across providers.
func NewVCSIntegrationsDataSource() datasource.DataSource {
	return &vcsIntegrationsDataSource{
		typeName: "vcs_integrations",
		schema:   vcsIntegrationsSchema(),
		read:     readVCSIntegrations,
	}
}

type vcsIntegrationsModel struct {
	withReadTimeout
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
	BaseURL             types.String `tfsdk:"base_url"`
}

func vcsIntegrationsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists every VCS integration of a Pulumi organization across all providers " +
			"(GitHub, GitHub Enterprise Server, GitLab, Bitbucket, Azure DevOps, custom), optionally filtered by provider. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The organization, followed by `/<vcs_provider>` when the list is filtered.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			"vcs_provider": schema.StringAttribute{
				MarkdownDescription: "Only list integrations of this provider: one of " +
					vcsProviderValues() + ". Lists every integration when unset.",
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
						"base_url": schema.StringAttribute{
							MarkdownDescription: "The base URL of a custom VCS integration (e.g. `https://gitea.example.com/myorg`); empty for the other providers.",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

func readVCSIntegrations(ctx context.Context, c *client.Client, org string, m *vcsIntegrationsModel, diags *diag.Diagnostics) {
	list, err := c.ListVCSIntegrations(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to List VCS Integrations",
			"Listing the VCS integrations of organization "+org+" failed.",
			"Check that the organization exists and that the access token may read its integrations.", err)
		return
	}
	*m = vcsIntegrationsFromAPI(org, m.VCSProvider.ValueString(), list)
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
		if provider != "" && client.CanonicalVCSProvider(in.VCSProvider) != client.CanonicalVCSProvider(provider) {
			continue
		}
		m.Integrations = append(m.Integrations, vcsIntegrationSummaryModel{
			ID:                  types.StringValue(in.ID),
			Name:                types.StringValue(in.Name),
			AvatarURL:           types.StringValue(in.AvatarURL),
			VCSProvider:         types.StringValue(in.VCSProvider),
			HasIndividualAccess: types.BoolValue(in.HasIndividualAccess),
			Host:                types.StringValue(in.Host),
			BaseURL:             types.StringValue(in.BaseURL),
		})
	}
	return m
}
