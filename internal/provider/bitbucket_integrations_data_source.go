package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*bitbucketIntegrationsDataSource)(nil)

type bitbucketIntegrationsDataSource = integrationsDataSource[bitbucketIntegrationItem, client.BitbucketIntegration]

// NewBitbucketIntegrationsDataSource is the pulumicloud_bitbucket_integrations
// data source: every Bitbucket integration of an organization.
func NewBitbucketIntegrationsDataSource() datasource.DataSource {
	return &bitbucketIntegrationsDataSource{kind: &integrationsList[bitbucketIntegrationItem, client.BitbucketIntegration]{
		typeName:    "bitbucket_integrations",
		title:       "Bitbucket",
		description: "Lists the Bitbucket integrations of a Pulumi organization, with their validity and linked workspace.",
		itemFields:  bitbucketFields,
		list:        bitbucketKind.list,
		item:        bitbucketIntegrationItemFromAPI,
	}}
}

// bitbucketIntegrationItem is one element of the list.
type bitbucketIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	bitbucketIntegrationFields
}

func bitbucketIntegrationItemFromAPI(ctx context.Context, a *client.BitbucketIntegration) (bitbucketIntegrationItem, diag.Diagnostics) {
	it := bitbucketIntegrationItem{ID: types.StringValue(a.ID)}
	diags := bitbucketIntegrationFromAPI(ctx, a, &it.bitbucketIntegrationFields)
	return it, diags
}
