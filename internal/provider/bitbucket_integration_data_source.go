package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*bitbucketIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*bitbucketIntegrationDataSource)(nil)
)

type bitbucketIntegrationDataSource = integrationDataSource[bitbucketIntegrationDataSourceModel, *bitbucketIntegrationDataSourceModel, client.BitbucketIntegration]

// NewBitbucketIntegrationDataSource is the pulumicloud_bitbucket_integration
// data source: one Bitbucket integration, by integration_id, workspace_uuid or workspace_slug.
func NewBitbucketIntegrationDataSource() datasource.DataSource {
	return &bitbucketIntegrationDataSource{kind: bitbucketLookup}
}

type bitbucketIntegrationDataSourceModel struct {
	withReadTimeout
	integrationBase
	bitbucketIntegrationFields
}

var bitbucketLookup = &integrationLookup[bitbucketIntegrationDataSourceModel, client.BitbucketIntegration]{
	typeName:    "bitbucket_integration",
	title:       "Bitbucket",
	description: "Looks up one Bitbucket integration of a Pulumi organization.",
	fields:      bitbucketFields,
	selectors: map[string]lookupSelector[bitbucketIntegrationDataSourceModel, client.BitbucketIntegration]{
		"workspace_uuid": {
			desc:       "Look the integration up by its Bitbucket workspace UUID (with or without braces).",
			validators: workspaceUUIDValidators(),
			value:      func(cfg *bitbucketIntegrationDataSourceModel) attr.Value { return cfg.WorkspaceUUID },
			matches: func(cfg *bitbucketIntegrationDataSourceModel, a *client.BitbucketIntegration) bool {
				return sameWorkspaceUUID(a.WorkspaceUUID, cfg.WorkspaceUUID.ValueString())
			},
		},
		"workspace_slug": {
			desc: "Look the integration up by its Bitbucket workspace slug.", validators: bitbucketSlugValidators(),
			value: func(cfg *bitbucketIntegrationDataSourceModel) attr.Value { return cfg.WorkspaceSlug },
			matches: func(cfg *bitbucketIntegrationDataSourceModel, a *client.BitbucketIntegration) bool {
				return sameCaseInsensitive(a.WorkspaceSlug, cfg.WorkspaceSlug.ValueString())
			},
		},
	},
	list:          bitbucketKind.list,
	get:           bitbucketKind.get,
	idOf:          bitbucketKind.idOf,
	listIsDetails: bitbucketKind.listIsDetails,
	fromAPI: func(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationDataSourceModel) diag.Diagnostics {
		return bitbucketIntegrationFromAPI(ctx, a, &m.bitbucketIntegrationFields)
	},
}
