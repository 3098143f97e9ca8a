package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*azureDevOpsIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*azureDevOpsIntegrationDataSource)(nil)
)

type azureDevOpsIntegrationDataSource = integrationDataSource[azureDevOpsIntegrationModel, *azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]

// NewAzureDevOpsIntegrationDataSource is the pulumicloud_azure_devops_integration
// data source: one Azure DevOps integration, by integration_id or azure_devops_project_id.
func NewAzureDevOpsIntegrationDataSource() datasource.DataSource {
	return &azureDevOpsIntegrationDataSource{kind: azureDevOpsLookup}
}

var azureDevOpsLookup = &integrationLookup[azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]{
	typeName:    "azure_devops_integration",
	title:       "Azure DevOps",
	description: "Looks up one Azure DevOps integration of a Pulumi organization.",
	fields:      concatFields(azureDevOpsFields, azureDevOpsGetOnlyFields),
	selectors: map[string]lookupSelector[azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]{
		"azure_devops_project_id": {
			desc: "Look the integration up by its Azure DevOps project id (a GUID).", validators: projectIDValidators(),
			value:   func(cfg *azureDevOpsIntegrationModel) attr.Value { return cfg.AzureDevOpsProjectID },
			matches: azureDevOpsKind.matches,
		},
	},
	list:     azureDevOpsKind.list,
	get:      azureDevOpsKind.get,
	idOf:     azureDevOpsKind.idOf,
	fromAPI:  azureDevOpsKind.fromAPI,
	complete: azureDevOpsKind.complete,
}
