package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"

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
	selectors: map[string]dschema.Attribute{
		"azure_devops_project_id": dschema.StringAttribute{
			MarkdownDescription: "Look the integration up by its Azure DevOps project id (a GUID).",
			Optional:            true, Computed: true, Validators: projectIDValidators(),
		},
	},
	list: azureDevOpsKind.list,
	get:  azureDevOpsKind.get,
	idOf: azureDevOpsKind.idOf,
	selected: func(cfg *azureDevOpsIntegrationModel, a *client.AzureDevOpsIntegration) bool {
		return a.Project != nil && strings.EqualFold(a.Project.ID, cfg.AzureDevOpsProjectID.ValueString())
	},
	describe: func(cfg *azureDevOpsIntegrationModel) string {
		return fmt.Sprintf("azure_devops_project_id = %q", cfg.AzureDevOpsProjectID.ValueString())
	},
	fromAPI:  azureDevOpsKind.fromAPI,
	complete: azureDevOpsKind.complete,
}
