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
		itemFields:  azureDevOpsFields,
		list:        azureDevOpsKind.list,
		item:        azureDevOpsIntegrationItemFromAPI,
		installationURL: &listInstallationURL[client.AzureDevOpsIntegration]{
			desc: "URL that starts the OAuth consent flow to install a new Azure DevOps integration (the list response's `installationUrl`).",
			list: func(ctx context.Context, c *client.Client, org string) ([]client.AzureDevOpsIntegration, string, error) {
				list, err := c.ListAzureDevOpsIntegrations(ctx, org)
				if err != nil {
					return nil, "", err
				}
				return list.Integrations, list.InstallationURL, nil
			},
		},
	}}
}

// azureDevOpsIntegrationItem is one element of the list (which, unlike the
// GET, answers the id and disableCodeAccessForReviews, but not installed or
// authUser).
type azureDevOpsIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	azureDevOpsIntegrationFields
}

func azureDevOpsIntegrationItemFromAPI(ctx context.Context, a *client.AzureDevOpsIntegration) (azureDevOpsIntegrationItem, diag.Diagnostics) {
	it := azureDevOpsIntegrationItem{ID: types.StringValue(a.ID)}
	diags := azureDevOpsIntegrationFromAPI(ctx, a, &it.azureDevOpsIntegrationFields)
	if it.DisableCodeAccessForReviews.IsNull() { // the list left it out
		it.DisableCodeAccessForReviews = types.BoolValue(false)
	}
	return it, diags
}
