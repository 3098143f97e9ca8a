package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*gitHubIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*gitHubIntegrationDataSource)(nil)
)

// gitHubIntegrationDataSource serves pulumicloud_github_integration and
// pulumicloud_github_enterprise_integration (data sources).
type gitHubIntegrationDataSource = integrationDataSource[gitHubIntegrationDataModel, *gitHubIntegrationDataModel, client.GitHubIntegration]

// gitHubIntegrationDataModel is the single-lookup data source model.
type gitHubIntegrationDataModel struct {
	integrationBase
	gitHubIntegrationFields
}

// NewGitHubIntegrationDataSource is the pulumicloud_github_integration data
// source: one GitHub integration, by integration_id, installation_id or account_name.
func NewGitHubIntegrationDataSource() datasource.DataSource {
	return &gitHubIntegrationDataSource{kind: gitHubLookup(client.GitHubDotCom)}
}

func gitHubLookup(ep client.GitHubEndpoint) *integrationLookup[gitHubIntegrationDataModel, client.GitHubIntegration] {
	k := gitHubKind(ep)
	return &integrationLookup[gitHubIntegrationDataModel, client.GitHubIntegration]{
		typeName:    k.typeName,
		title:       k.title,
		description: "Looks up one " + k.title + " integration (a GitHub App installation connected to a Pulumi organization).",
		fields:      gitHubFields,
		selectors: map[string]lookupSelector[gitHubIntegrationDataModel, client.GitHubIntegration]{
			"installation_id": {
				desc: "Look the integration up by its GitHub App installation id.", validators: positiveID(),
				value: func(cfg *gitHubIntegrationDataModel) attr.Value { return cfg.InstallationID },
				matches: func(cfg *gitHubIntegrationDataModel, a *client.GitHubIntegration) bool {
					return a.InstallationID == cfg.InstallationID.ValueInt64()
				},
			},
			"account_name": {
				desc:       "Look the integration up by the GitHub account login the app is installed on (case-insensitive).",
				validators: gitHubLoginValidators(),
				value:      func(cfg *gitHubIntegrationDataModel) attr.Value { return cfg.AccountName },
				matches: func(cfg *gitHubIntegrationDataModel, a *client.GitHubIntegration) bool {
					return sameCaseInsensitive(a.AccountName, cfg.AccountName.ValueString())
				},
			},
		},
		list:          k.list,
		get:           k.get,
		idOf:          k.idOf,
		listIsDetails: k.listIsDetails,
		fromAPI: func(ctx context.Context, a *client.GitHubIntegration, m *gitHubIntegrationDataModel) diag.Diagnostics {
			return gitHubIntegrationFromAPI(ctx, a, &m.gitHubIntegrationFields)
		},
	}
}
