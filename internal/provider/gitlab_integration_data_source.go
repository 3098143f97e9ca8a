package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*gitLabIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*gitLabIntegrationDataSource)(nil)
)

type gitLabIntegrationDataSource = integrationDataSource[gitLabIntegrationDataSourceModel, *gitLabIntegrationDataSourceModel, client.GitLabIntegration]

// NewGitLabIntegrationDataSource is the pulumicloud_gitlab_integration data
// source: one GitLab integration, by integration_id, gitlab_group_id or group_path.
func NewGitLabIntegrationDataSource() datasource.DataSource {
	return &gitLabIntegrationDataSource{kind: gitLabLookup}
}

type gitLabIntegrationDataSourceModel struct {
	withReadTimeout
	integrationBase
	gitLabIntegrationFields
}

var gitLabLookup = &integrationLookup[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{
	typeName:    "gitlab_integration",
	title:       "GitLab",
	description: "Looks up one GitLab integration of a Pulumi organization.",
	fields:      gitLabFields,
	selectors: map[string]lookupSelector[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{
		"gitlab_group_id": {
			desc: "Look the integration up by its GitLab group id.", validators: positiveID(),
			value: func(cfg *gitLabIntegrationDataSourceModel) attr.Value { return cfg.GitLabGroupID },
			matches: func(cfg *gitLabIntegrationDataSourceModel, a *client.GitLabIntegration) bool {
				return a.GitLabGroupID == cfg.GitLabGroupID.ValueInt64()
			},
		},
		"group_path": {
			desc:       "Look the integration up by its GitLab group path, e.g. `acme/platform` (case-insensitive).",
			validators: gitLabGroupPathValidators(),
			value:      func(cfg *gitLabIntegrationDataSourceModel) attr.Value { return cfg.GroupPath },
			matches: func(cfg *gitLabIntegrationDataSourceModel, a *client.GitLabIntegration) bool {
				return sameCaseInsensitive(a.GroupPath, cfg.GroupPath.ValueString())
			},
		},
	},
	list:          gitLabKind.list,
	get:           gitLabKind.get,
	idOf:          gitLabKind.idOf,
	listIsDetails: gitLabKind.listIsDetails,
	fromAPI: func(ctx context.Context, a *client.GitLabIntegration, m *gitLabIntegrationDataSourceModel) diag.Diagnostics {
		return gitLabIntegrationFromAPI(ctx, a, &m.gitLabIntegrationFields)
	},
}
