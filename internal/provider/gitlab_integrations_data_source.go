package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitLabIntegrationsDataSource)(nil)

type gitLabIntegrationsDataSource = integrationsDataSource[gitLabIntegrationItem, client.GitLabIntegration]

// NewGitLabIntegrationsDataSource is the pulumicloud_gitlab_integrations data
// source: every GitLab integration of an organization.
func NewGitLabIntegrationsDataSource() datasource.DataSource {
	return &gitLabIntegrationsDataSource{kind: &integrationsList[gitLabIntegrationItem, client.GitLabIntegration]{
		typeName:    "gitlab_integrations",
		title:       "GitLab",
		description: "Lists the GitLab integrations of a Pulumi organization, with their validity and linked group.",
		itemFields:  gitLabFields,
		list:        gitLabKind.list,
		item:        gitLabIntegrationItemFromAPI,
	}}
}

// gitLabIntegrationItem is one element of the list.
type gitLabIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	gitLabIntegrationFields
}

func gitLabIntegrationItemFromAPI(ctx context.Context, a *client.GitLabIntegration) (gitLabIntegrationItem, diag.Diagnostics) {
	it := gitLabIntegrationItem{ID: types.StringValue(a.ID)}
	diags := gitLabIntegrationFromAPI(ctx, a, &it.gitLabIntegrationFields)
	return it, diags
}
