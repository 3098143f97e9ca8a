package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*azureDevOpsOrganizationsDataSource)(nil)

type azureDevOpsOrganizationsDataSource = orgDataSource[azureDevOpsOrganizationsModel]

// NewAzureDevOpsOrganizationsDataSource is the
// pulumicloud_azure_devops_organizations data source: the Azure DevOps
// organizations the caller's Azure DevOps token reaches.
func NewAzureDevOpsOrganizationsDataSource() datasource.DataSource {
	return &azureDevOpsOrganizationsDataSource{
		typeName: "azure_devops_organizations",
		schema:   azureDevOpsOrganizationsSchema(),
		read:     readAzureDevOpsOrganizations,
	}
}

type azureDevOpsOrganizationsModel struct {
	withReadTimeout
	ID            types.String                `tfsdk:"id"`
	Organization  types.String                `tfsdk:"organization"`
	Organizations []adoSetupOrganizationModel `tfsdk:"organizations"`
}

// adoSetupOrganizationModel is an Azure DevOps organization as the setup
// and access-status endpoints list it.
type adoSetupOrganizationModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	AccountURL             types.String `tfsdk:"account_url"`
	HasRequiredPermissions types.Bool   `tfsdk:"has_required_permissions"`
}

// adoSetupOrganizationFields are adoSetupOrganizationModel's attributes.
var adoSetupOrganizationFields = []fieldSpec{
	stringField("id", "The Azure DevOps organization's id."),
	stringField("name", "The organization's name (the `myorg` of dev.azure.com/myorg): the `azure_devops_organization` of "+
		"`pulumicloud_azure_devops_projects` and `pulumicloud_azure_devops_integration`."),
	stringField("account_url", "The organization's URL, such as `https://dev.azure.com/myorg`."),
	boolField("has_required_permissions", "Whether the caller has the permissions an integration needs in this organization."),
}

func azureDevOpsOrganizationsSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the Azure DevOps organizations available to the caller, for setting up an Azure DevOps integration. " +
			"Needs the caller's Azure DevOps OAuth token (see the `pulumicloud_azure_devops_oauth_initiate` and " +
			"`pulumicloud_azure_devops_oauth_complete` actions). " +
			"Calls `GET /api/console/orgs/{orgName}/integrations/azure-devops/setup/organizations`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The Pulumi organization.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			"organizations": schema.ListNestedAttribute{
				MarkdownDescription: "The Azure DevOps organizations.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: dataSourceAttributes(adoSetupOrganizationFields, nil)},
			},
		},
	}
}

func readAzureDevOpsOrganizations(ctx context.Context, c *client.Client, org string, m *azureDevOpsOrganizationsModel, diags *diag.Diagnostics) {
	orgs, err := c.ListAzureDevOpsOrganizations(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to List Azure DevOps Organizations",
			"Listing the Azure DevOps organizations available to the caller in Pulumi organization "+org+" failed.",
			"This needs the caller's Azure DevOps OAuth token: run the pulumicloud_azure_devops_oauth_initiate and "+
				"pulumicloud_azure_devops_oauth_complete actions, then check data.pulumicloud_azure_devops_access_status.has_user_token.", err)
		return
	}
	*m = azureDevOpsOrganizationsFromAPI(org, orgs)
}

// azureDevOpsOrganizationsFromAPI maps List Azure DevOps Organizations.
func azureDevOpsOrganizationsFromAPI(org string, orgs []client.AzureDevOpsOrganization) azureDevOpsOrganizationsModel {
	return azureDevOpsOrganizationsModel{
		ID:            types.StringValue(org),
		Organization:  types.StringValue(org),
		Organizations: adoSetupOrganizationsFromAPI(orgs),
	}
}

// adoSetupOrganizationsFromAPI maps a list of Azure DevOps organizations; nil becomes empty.
func adoSetupOrganizationsFromAPI(orgs []client.AzureDevOpsOrganization) []adoSetupOrganizationModel {
	out := make([]adoSetupOrganizationModel, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, adoSetupOrganizationModel{
			ID:                     types.StringValue(o.ID),
			Name:                   types.StringValue(o.Name),
			AccountURL:             types.StringValue(o.AccountURL),
			HasRequiredPermissions: types.BoolValue(o.HasRequiredPermissions),
		})
	}
	return out
}
