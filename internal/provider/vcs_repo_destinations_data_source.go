package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// NewVCSRepoDestinationsDataSource is the pulumicloud_vcs_repo_destinations
// data source: where the caller may create new repositories from templates
// through an integration. It shares pulumicloud_vcs_repos' schema and
// implementation (vcsRepoListDataSource).
func NewVCSRepoDestinationsDataSource() datasource.DataSource {
	return &vcsRepoListDataSource{
		typeSuffix: "_vcs_repo_destinations",
		what:       "repository destinations",
		description: "Lists the repositories (owners) where the caller can create new repositories from templates " +
			"through a VCS integration, following every page. Needs the caller's own OAuth token for the provider. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations/{provider}/{integrationId}/repos/destinations`.",
		reposDescription: "The destination repositories, in the order Pulumi Cloud lists them.",
		list: func(ctx context.Context, c *client.Client, org, provider, id string) ([]client.VCSRepo, error) {
			return c.ListVCSRepoDestinations(ctx, org, provider, id)
		},
	}
}
