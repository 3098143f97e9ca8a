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
	integrationBase
	bitbucketIntegrationFields
}

var bitbucketLookup = &integrationLookup[bitbucketIntegrationDataSourceModel, client.BitbucketIntegration]{
	typeName:    "bitbucket_integration",
	title:       "Bitbucket",
	description: "Looks up one Bitbucket integration of a Pulumi organization.",
	fields:      bitbucketFields,
	selectors: map[string]dschema.Attribute{
		"workspace_uuid": dschema.StringAttribute{
			MarkdownDescription: "Look the integration up by its Bitbucket workspace UUID (with or without braces).",
			Optional:            true, Computed: true, Validators: workspaceUUIDValidators(),
		},
		"workspace_slug": dschema.StringAttribute{
			MarkdownDescription: "Look the integration up by its Bitbucket workspace slug.",
			Optional:            true, Computed: true, Validators: bitbucketSlugValidators(),
		},
	},
	list:          bitbucketKind.list,
	get:           bitbucketKind.get,
	idOf:          bitbucketKind.idOf,
	listIsDetails: bitbucketKind.listIsDetails,
	selected: func(cfg *bitbucketIntegrationDataSourceModel, a *client.BitbucketIntegration) bool {
		if !cfg.WorkspaceUUID.IsNull() {
			return sameWorkspaceUUID(a.WorkspaceUUID, cfg.WorkspaceUUID.ValueString())
		}
		return strings.EqualFold(a.WorkspaceSlug, cfg.WorkspaceSlug.ValueString())
	},
	describe: func(cfg *bitbucketIntegrationDataSourceModel) string {
		if !cfg.WorkspaceUUID.IsNull() {
			return fmt.Sprintf("workspace_uuid = %q", cfg.WorkspaceUUID.ValueString())
		}
		return fmt.Sprintf("workspace_slug = %q", cfg.WorkspaceSlug.ValueString())
	},
	fromAPI: func(ctx context.Context, a *client.BitbucketIntegration, m *bitbucketIntegrationDataSourceModel) diag.Diagnostics {
		return bitbucketIntegrationFromAPI(ctx, a, &m.bitbucketIntegrationFields)
	},
}
