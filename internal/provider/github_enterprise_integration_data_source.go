package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// NewGitHubEnterpriseIntegrationDataSource is the
// pulumicloud_github_enterprise_integration data source: the GitHub lookup
// (github_integration_data_source.go) over the github-enterprise endpoints.
func NewGitHubEnterpriseIntegrationDataSource() datasource.DataSource {
	return &gitHubIntegrationDataSource{kind: gitHubLookup(client.GitHubEnterpriseServer)}
}
