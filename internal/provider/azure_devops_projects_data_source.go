package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*azureDevOpsProjectsDataSource)(nil)

type azureDevOpsProjectsDataSource = orgDataSource[azureDevOpsProjectsModel]

// NewAzureDevOpsProjectsDataSource is the pulumicloud_azure_devops_projects
// data source: the projects of one Azure DevOps organization.
func NewAzureDevOpsProjectsDataSource() datasource.DataSource {
	return &azureDevOpsProjectsDataSource{
		typeName: "azure_devops_projects",
		schema:   azureDevOpsProjectsSchema(),
		read:     readAzureDevOpsProjects,
	}
}

type azureDevOpsProjectsModel struct {
	withReadTimeout
	ID                      types.String           `tfsdk:"id"`
	Organization            types.String           `tfsdk:"organization"`
	AzureDevOpsOrganization types.String           `tfsdk:"azure_devops_organization"`
	Projects                []adoSetupProjectModel `tfsdk:"projects"`
}

type adoSetupProjectModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

func azureDevOpsProjectsSchema() schema.Schema {
	return schema.Schema{
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

func readAzureDevOpsProjects(ctx context.Context, c *client.Client, org string, m *azureDevOpsProjectsModel, diags *diag.Diagnostics) {
	adoOrg := m.AzureDevOpsOrganization.ValueString()
	projects, err := c.ListAzureDevOpsProjects(ctx, org, adoOrg)
	if err != nil {
		next := "This needs the caller's Azure DevOps OAuth token; check data.pulumicloud_azure_devops_access_status.has_user_token."
		if client.IsNotFound(err) {
			next = "Check `azure_devops_organization` against data.pulumicloud_azure_devops_organizations."
		}
		addAPIError(diags, "Unable to List Azure DevOps Projects",
			"Listing the projects of Azure DevOps organization "+adoOrg+" in Pulumi organization "+org+" failed.", next, err)
		return
	}
	*m = azureDevOpsProjectsFromAPI(org, adoOrg, projects)
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
