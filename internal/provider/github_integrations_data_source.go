package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitHubIntegrationsDataSource)(nil)

// gitHubIntegrationsDataSource serves pulumicloud_github_integrations and
// pulumicloud_github_enterprise_integrations.
type gitHubIntegrationsDataSource = integrationsDataSource[gitHubIntegrationItem, client.GitHubIntegration]

// NewGitHubIntegrationsDataSource is the pulumicloud_github_integrations data
// source: every GitHub integration of an organization.
func NewGitHubIntegrationsDataSource() datasource.DataSource {
	return &gitHubIntegrationsDataSource{kind: gitHubList(client.GitHubDotCom)}
}

// gitHubIntegrationItem is one element of the list: every field the list answers.
type gitHubIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	gitHubIntegrationFields
}

func gitHubList(ep client.GitHubEndpoint) *integrationsList[gitHubIntegrationItem, client.GitHubIntegration] {
	k := gitHubKind(ep)
	return &integrationsList[gitHubIntegrationItem, client.GitHubIntegration]{
		typeName:    k.typeName + "s",
		title:       k.title,
		description: "Lists the " + k.title + " integrations (connected GitHub App installations) of a Pulumi organization.",
		itemFields:  gitHubFields,
		list:        k.list,
		item:        gitHubIntegrationItemFromAPI,
		installationURL: &listInstallationURL[client.GitHubIntegration]{
			desc: "URL that installs the Pulumi GitHub App for the organization (the list response's `installationUrl`).",
			list: func(ctx context.Context, c *client.Client, org string) ([]client.GitHubIntegration, string, error) {
				list, err := listOwnGitHubIntegrations(ctx, c, ep, org)
				if err != nil {
					return nil, "", err
				}
				return list.Integrations, list.InstallationURL, nil
			},
		},
	}
}

// gitHubIntegrationItemFromAPI maps one list element.
func gitHubIntegrationItemFromAPI(ctx context.Context, a *client.GitHubIntegration) (gitHubIntegrationItem, diag.Diagnostics) {
	it := gitHubIntegrationItem{ID: types.StringValue(a.ID)}
	diags := gitHubIntegrationFromAPI(ctx, a, &it.gitHubIntegrationFields)
	return it, diags
}
