package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSource              = (*azureDevOpsProjectsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*azureDevOpsProjectsDataSource)(nil)
)

// NewAzureDevOpsProjectsDataSource is the pulumicloud_azure_devops_projects
// data source: the projects of one Azure DevOps organization.
func NewAzureDevOpsProjectsDataSource() datasource.DataSource {
	return &azureDevOpsProjectsDataSource{}
}

type azureDevOpsProjectsDataSource struct {
	data *providerData
}

type azureDevOpsProjectsModel struct {
	ID                      types.String           `tfsdk:"id"`
	Organization            types.String           `tfsdk:"organization"`
	AzureDevOpsOrganization types.String           `tfsdk:"azure_devops_organization"`
	Projects                []adoSetupProjectModel `tfsdk:"projects"`
}

type adoSetupProjectModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

func (d *azureDevOpsProjectsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_azure_devops_projects"
}

func (d *azureDevOpsProjectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the projects of an Azure DevOps organization available to the caller; a project's `id` is the " +
			"`azure_devops_project_id` of `pulumicloud_azure_devops_integration`. Needs the caller's Azure DevOps OAuth token. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations/azure-devops/setup/organizations/{adoOrgName}/projects`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<organization>/<azure_devops_organization>`.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			"azure_devops_organization": schema.StringAttribute{
				MarkdownDescription: "The Azure DevOps organization's name (the `myorg` of dev.azure.com/myorg), " +
					"as `pulumicloud_azure_devops_organizations` lists it.",
				Required:   true,
				Validators: azureDevOpsOrganizationValidators(),
			},
			"projects": schema.ListNestedAttribute{
				MarkdownDescription: "The projects.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The project's id (a GUID).",
							Computed:            true,
						},
						"name": schema.StringAttribute{
							MarkdownDescription: "The project's name.",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

func (d *azureDevOpsProjectsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *azureDevOpsProjectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg azureDevOpsProjectsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	adoOrg := cfg.AzureDevOpsOrganization.ValueString()
	projects, err := d.data.client.ListAzureDevOpsProjects(ctx, org, adoOrg)
	if err != nil {
		next := "This needs the caller's Azure DevOps OAuth token; check data.pulumicloud_azure_devops_access_status.has_user_token."
		if client.IsNotFound(err) {
			next = "Check `azure_devops_organization` against data.pulumicloud_azure_devops_organizations."
		}
		addAPIError(&resp.Diagnostics, "Unable to List Azure DevOps Projects",
			"Listing the projects of Azure DevOps organization "+adoOrg+" in Pulumi organization "+org+" failed.", next, err)
		return
	}
	state := azureDevOpsProjectsFromAPI(org, adoOrg, projects)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// azureDevOpsProjectsFromAPI maps List Azure DevOps Projects.
func azureDevOpsProjectsFromAPI(org, adoOrg string, projects []client.AzureDevOpsProject) azureDevOpsProjectsModel {
	m := azureDevOpsProjectsModel{
		ID:                      types.StringValue(org + "/" + adoOrg),
		Organization:            types.StringValue(org),
		AzureDevOpsOrganization: types.StringValue(adoOrg),
		Projects:                make([]adoSetupProjectModel, 0, len(projects)),
	}
	for _, p := range projects {
		m.Projects = append(m.Projects, adoSetupProjectModel{ID: types.StringValue(p.ID), Name: types.StringValue(p.Name)})
	}
	return m
}
