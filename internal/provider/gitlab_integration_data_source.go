package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
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
	integrationBase
	gitLabIntegrationFields
}

var gitLabLookup = &integrationLookup[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{
	typeName:    "gitlab_integration",
	title:       "GitLab",
	description: "Looks up one GitLab integration of a Pulumi organization.",
	fields:      gitLabFields,
	selectors: map[string]dschema.Attribute{
		"gitlab_group_id": dschema.Int64Attribute{
			MarkdownDescription: "Look the integration up by its GitLab group id.",
			Optional:            true, Computed: true, Validators: positiveID(),
		},
		"group_path": dschema.StringAttribute{
			MarkdownDescription: "Look the integration up by its GitLab group path, e.g. `acme/platform` (case-insensitive).",
			Optional:            true, Computed: true, Validators: gitLabGroupPathValidators(),
		},
	},
	list:          gitLabKind.list,
	get:           gitLabKind.get,
	idOf:          gitLabKind.idOf,
	listIsDetails: gitLabKind.listIsDetails,
	selected: func(cfg *gitLabIntegrationDataSourceModel, a *client.GitLabIntegration) bool {
		if !cfg.GitLabGroupID.IsNull() {
			return a.GitLabGroupID == cfg.GitLabGroupID.ValueInt64()
		}
		return strings.EqualFold(a.GroupPath, cfg.GroupPath.ValueString())
	},
	describe: func(cfg *gitLabIntegrationDataSourceModel) string {
		if !cfg.GitLabGroupID.IsNull() {
			return fmt.Sprintf("gitlab_group_id = %d", cfg.GitLabGroupID.ValueInt64())
		}
		return fmt.Sprintf("group_path = %q", cfg.GroupPath.ValueString())
	},
	fromAPI: func(ctx context.Context, a *client.GitLabIntegration, m *gitLabIntegrationDataSourceModel) diag.Diagnostics {
		prior := m.GroupPath
		diags := gitLabIntegrationFromAPI(ctx, a, &m.gitLabIntegrationFields)
		m.GroupPath = keepIfEquivalent(prior, a.GroupPath, strings.EqualFold)
		return diags
	},
}
