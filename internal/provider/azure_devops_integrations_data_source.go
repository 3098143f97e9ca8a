package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*azureDevOpsIntegrationsDataSource)(nil)

type azureDevOpsIntegrationsDataSource = integrationsDataSource[azureDevOpsIntegrationItem, client.AzureDevOpsIntegration]

// NewAzureDevOpsIntegrationsDataSource is the pulumicloud_azure_devops_integrations
// data source: every Azure DevOps integration of an organization.
func NewAzureDevOpsIntegrationsDataSource() datasource.DataSource {
	return &azureDevOpsIntegrationsDataSource{kind: &integrationsList[azureDevOpsIntegrationItem, client.AzureDevOpsIntegration]{
		typeName:    "azure_devops_integrations",
		title:       "Azure DevOps",
		description: "Lists the Azure DevOps integrations of a Pulumi organization, with their organization, project and settings.",
		itemFields: concatFields(azureDevOpsFields, []fieldSpec{
			stringField("installation_url", "URL that starts the OAuth consent flow to install a new Azure DevOps integration."),
		}),
		list: azureDevOpsKind.list,
		item: azureDevOpsIntegrationItemFromAPI,
	}}
}

// azureDevOpsIntegrationItem is one element of the list (which, unlike the
// GET, answers the id and disableCodeAccessForReviews, but not installed or
// authUser).
type azureDevOpsIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	azureDevOpsIntegrationFields
	InstallationURL types.String `tfsdk:"installation_url"`
}

func azureDevOpsIntegrationItemFromAPI(ctx context.Context, a *client.AzureDevOpsIntegration) (azureDevOpsIntegrationItem, diag.Diagnostics) {
	it := azureDevOpsIntegrationItem{ID: types.StringValue(a.ID), InstallationURL: types.StringValue(a.InstallationURL)}
	diags := azureDevOpsIntegrationFromAPI(ctx, a, &it.azureDevOpsIntegrationFields)
	if it.DisableCodeAccessForReviews.IsNull() { // the list left it out
		it.DisableCodeAccessForReviews = types.BoolValue(false)
	}
	return it, diags
}
