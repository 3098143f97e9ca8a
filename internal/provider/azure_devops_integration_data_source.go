package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*azureDevOpsIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*azureDevOpsIntegrationDataSource)(nil)
)

type azureDevOpsIntegrationDataSource = integrationDataSource[azureDevOpsIntegrationDataModel, *azureDevOpsIntegrationDataModel, client.AzureDevOpsIntegration]

// azureDevOpsIntegrationDataModel is the single-lookup data source model.
type azureDevOpsIntegrationDataModel struct {
	integrationBase
	azureDevOpsIntegrationFields
	azureDevOpsGetFields
}

// NewAzureDevOpsIntegrationDataSource is the pulumicloud_azure_devops_integration
// data source: one Azure DevOps integration, by integration_id or azure_devops_project_id.
func NewAzureDevOpsIntegrationDataSource() datasource.DataSource {
	return &azureDevOpsIntegrationDataSource{kind: azureDevOpsLookup}
}

var azureDevOpsLookup = &integrationLookup[azureDevOpsIntegrationDataModel, client.AzureDevOpsIntegration]{
	typeName:    "azure_devops_integration",
	title:       "Azure DevOps",
	description: "Looks up one Azure DevOps integration of a Pulumi organization.",
	fields:      concatFields(azureDevOpsFields, azureDevOpsGetOnlyFields),
	selectors: map[string]lookupSelector[azureDevOpsIntegrationDataModel, client.AzureDevOpsIntegration]{
		"azure_devops_project_id": {
			desc: "Look the integration up by its Azure DevOps project id (a GUID).", validators: projectIDValidators(),
			value: func(cfg *azureDevOpsIntegrationDataModel) attr.Value { return cfg.AzureDevOpsProjectID },
			matches: func(cfg *azureDevOpsIntegrationDataModel, a *client.AzureDevOpsIntegration) bool {
				return azureDevOpsProjectMatches(a, cfg.AzureDevOpsProjectID.ValueString())
			},
		},
	},
	list: azureDevOpsKind.list,
	get:  azureDevOpsKind.get,
	idOf: azureDevOpsKind.idOf,
	fromAPI: func(ctx context.Context, a *client.AzureDevOpsIntegration, m *azureDevOpsIntegrationDataModel) diag.Diagnostics {
		return azureDevOpsFromAPI(ctx, a, &m.azureDevOpsIntegrationFields, &m.azureDevOpsGetFields)
	},
	complete: func(ctx context.Context, d *providerData, org string, m *azureDevOpsIntegrationDataModel) error {
		return completeAzureDevOpsCodeAccess(ctx, d, org, m.IntegrationID.ValueString(), &m.azureDevOpsIntegrationFields)
	},
}
