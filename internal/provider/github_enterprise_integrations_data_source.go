package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// NewGitHubEnterpriseIntegrationsDataSource is the
// pulumicloud_github_enterprise_integrations data source: the GitHub list
// (github_integrations_data_source.go) over the github-enterprise endpoint.
func NewGitHubEnterpriseIntegrationsDataSource() datasource.DataSource {
	return &gitHubIntegrationsDataSource{kind: gitHubList(client.GitHubEnterpriseServer)}
}
