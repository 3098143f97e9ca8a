package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*vcsRepoDestinationsDataSource)(nil)

// vcsRepoDestinationsDataSource shares pulumicloud_vcs_repos' model, schema
// and read (vcs_repos_data_source.go).
type vcsRepoDestinationsDataSource = orgDataSource[vcsReposModel]

// NewVCSRepoDestinationsDataSource is the pulumicloud_vcs_repo_destinations
// data source: where the caller may create new repositories from templates
// through an integration.
func NewVCSRepoDestinationsDataSource() datasource.DataSource {
	return &vcsRepoDestinationsDataSource{
		typeName: "vcs_repo_destinations",
		schema: vcsRepoListSchema("Lists the repositories (owners) where the caller can create new repositories from templates "+
			"through a VCS integration, following every page. Needs the caller's own OAuth token for the provider. "+
			"Calls `GET /api/console/orgs/{orgName}/integrations/{provider}/{integrationId}/repos/destinations`.",
			"The destination repositories, in the order Pulumi Cloud lists them."),
		read: vcsRepoListReader("repository destinations", func(ctx context.Context, c *client.Client, org, provider, id string) ([]client.VCSRepo, string, error) {
			return c.ListVCSRepoDestinations(ctx, org, provider, id)
		}),
	}
}
