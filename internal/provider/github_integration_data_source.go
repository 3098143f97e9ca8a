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
	_ datasource.DataSourceWithConfigure        = (*gitHubIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*gitHubIntegrationDataSource)(nil)
)

// gitHubIntegrationDataSource serves pulumicloud_github_integration and
// pulumicloud_github_enterprise_integration (data sources).
type gitHubIntegrationDataSource = integrationDataSource[gitHubIntegrationModel, *gitHubIntegrationModel, client.GitHubIntegration]

// NewGitHubIntegrationDataSource is the pulumicloud_github_integration data
// source: one GitHub integration, by integration_id, installation_id or account_name.
func NewGitHubIntegrationDataSource() datasource.DataSource {
	return &gitHubIntegrationDataSource{kind: gitHubLookup(client.GitHubDotCom)}
}

func gitHubLookup(ep client.GitHubEndpoint) *integrationLookup[gitHubIntegrationModel, client.GitHubIntegration] {
	k := gitHubKind(ep)
	return &integrationLookup[gitHubIntegrationModel, client.GitHubIntegration]{
		typeName:    k.typeName,
		title:       k.title,
		description: "Looks up one " + k.title + " integration (a GitHub App installation connected to a Pulumi organization).",
		fields:      gitHubFields,
		selectors: map[string]dschema.Attribute{
			"installation_id": dschema.Int64Attribute{
				MarkdownDescription: "Look the integration up by its GitHub App installation id.",
				Optional:            true, Computed: true, Validators: positiveID(),
			},
			"account_name": dschema.StringAttribute{
				MarkdownDescription: "Look the integration up by the GitHub account login the app is installed on (case-insensitive).",
				Optional:            true, Computed: true, Validators: gitHubLoginValidators(),
			},
		},
		list:          k.list,
		get:           k.get,
		idOf:          k.idOf,
		listIsDetails: k.listIsDetails,
		selected: func(cfg *gitHubIntegrationModel, a *client.GitHubIntegration) bool {
			if !cfg.InstallationID.IsNull() {
				return a.InstallationID == cfg.InstallationID.ValueInt64()
			}
			return strings.EqualFold(a.AccountName, cfg.AccountName.ValueString())
		},
		describe: func(cfg *gitHubIntegrationModel) string {
			if !cfg.InstallationID.IsNull() {
				return fmt.Sprintf("installation_id = %d", cfg.InstallationID.ValueInt64())
			}
			return fmt.Sprintf("account_name = %q", cfg.AccountName.ValueString())
		},
		fromAPI: func(ctx context.Context, a *client.GitHubIntegration, m *gitHubIntegrationModel) diag.Diagnostics {
			prior := m.AccountName
			diags := gitHubIntegrationFromAPI(ctx, a, &m.gitHubIntegrationFields)
			m.AccountName = keepIfEquivalent(prior, a.AccountName, strings.EqualFold)
			return diags
		},
	}
}
