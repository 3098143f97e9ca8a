package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*azureDevOpsAccessStatusDataSource)(nil)

type azureDevOpsAccessStatusDataSource = orgDataSource[azureDevOpsAccessStatusModel]

// NewAzureDevOpsAccessStatusDataSource is the
// pulumicloud_azure_devops_access_status data source: whether the caller
// holds an Azure DevOps token (the outcome of the OAuth actions).
func NewAzureDevOpsAccessStatusDataSource() datasource.DataSource {
	return &azureDevOpsAccessStatusDataSource{
		typeName: "azure_devops_access_status",
		schema:   azureDevOpsAccessStatusSchema(),
		read:     readAzureDevOpsAccessStatus,
	}
}

type azureDevOpsAccessStatusModel struct {
	withReadTimeout
	ID             types.String                `tfsdk:"id"`
	Organization   types.String                `tfsdk:"organization"`
	HasUserToken   types.Bool                  `tfsdk:"has_user_token"`
	HasIntegration types.Bool                  `tfsdk:"has_integration"`
	AvailableOrgs  []adoSetupOrganizationModel `tfsdk:"available_orgs"`
}

func azureDevOpsAccessStatusSchema() schema.Schema {
	return orgDataSourceSchema("The caller's Azure DevOps access in a Pulumi organization: whether they hold an Azure DevOps OAuth or "+
		"PAT token (`has_user_token` turns true once the `pulumicloud_azure_devops_oauth_complete` action has run), "+
		"whether the organization has an Azure DevOps integration, and the Azure DevOps organizations the token reaches. "+
		"Calls `GET /api/console/orgs/{orgName}/integrations/azure-devops/access-status`.",
		boolField("has_user_token", "Whether the caller has an Azure DevOps OAuth or PAT token."),
		boolField("has_integration", "Whether the organization has an Azure DevOps integration."),
		listField("available_orgs", "The Azure DevOps organizations the caller's token can access.", adoSetupOrganizationFields...),
	)
}

func readAzureDevOpsAccessStatus(ctx context.Context, c *client.Client, org string, m *azureDevOpsAccessStatusModel, diags *diag.Diagnostics) {
	status, err := c.GetAzureDevOpsAccessStatus(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to Read Azure DevOps Access Status",
			"Reading the caller's Azure DevOps access status in organization "+org+" failed.", "", err)
		return
	}
	*m = azureDevOpsAccessStatusFromAPI(org, status)
}

// azureDevOpsAccessStatusFromAPI maps Get Azure DevOps Access Status; an absent list becomes empty.
func azureDevOpsAccessStatusFromAPI(org string, s *client.AzureDevOpsAccessStatus) azureDevOpsAccessStatusModel {
	return azureDevOpsAccessStatusModel{
		ID:             types.StringValue(org),
		Organization:   types.StringValue(org),
		HasUserToken:   types.BoolValue(s.HasUserToken),
		HasIntegration: types.BoolValue(s.HasIntegration),
		AvailableOrgs:  adoSetupOrganizationsFromAPI(s.AvailableOrgs),
	}
}
