package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resources lists every resource type the provider serves.
func resources() []func() resource.Resource {
	return []func() resource.Resource{
		// Integration resources (integration_lifecycle.go).
		NewGitHubIntegrationResource,
		NewGitHubEnterpriseIntegrationResource,
		NewGitLabIntegrationResource,
		NewBitbucketIntegrationResource,
		NewAzureDevOpsIntegrationResource,
		NewCustomVCSIntegrationResource,
		// Repositories of a custom VCS integration.
		NewCustomVCSRepositoryResource,
	}
}

// dataSources lists every data source type the provider serves.
func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{
		// Cross-provider lists, access status and setup lookups.
		NewVCSIntegrationsDataSource,
		NewVCSReposDataSource,
		NewVCSRepoDestinationsDataSource,
		NewVCSBranchesDataSource,
		NewGitHubAccessStatusDataSource,
		NewGitLabAccessStatusDataSource,
		NewBitbucketAccessStatusDataSource,
		NewAzureDevOpsAccessStatusDataSource,
		NewAzureDevOpsOrganizationsDataSource,
		NewAzureDevOpsProjectsDataSource,
		NewGitHubSetupDataSource,
		NewGitHubClaimableInstallationsDataSource,
		// Per-kind integration lookups and lists (integration_data_sources.go).
		NewGitHubIntegrationDataSource,
		NewGitHubEnterpriseIntegrationDataSource,
		NewGitLabIntegrationDataSource,
		NewBitbucketIntegrationDataSource,
		NewAzureDevOpsIntegrationDataSource,
		NewCustomVCSIntegrationDataSource,
		NewGitHubIntegrationsDataSource,
		NewGitHubEnterpriseIntegrationsDataSource,
		NewGitLabIntegrationsDataSource,
		NewBitbucketIntegrationsDataSource,
		NewAzureDevOpsIntegrationsDataSource,
		NewCustomVCSIntegrationsDataSource,
	}
}

// actions lists every action type the provider serves.
func actions() []func() action.Action {
	return []func() action.Action{
		NewAzureDevOpsOAuthInitiateAction,
		NewAzureDevOpsOAuthCompleteAction,
	}
}

// listResources are the resources that can also list their instances
// (`terraform query`): every integration kind, by the shared lifecycle.
func listResources() []func() list.ListResource {
	var out []func() list.ListResource
	for _, newResource := range resources() {
		if _, ok := newResource().(list.ListResource); ok {
			out = append(out, func() list.ListResource {
				lr, _ := newResource().(list.ListResource)
				return lr
			})
		}
	}
	return out
}
