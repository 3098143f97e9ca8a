package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*bitbucketAccessStatusDataSource)(nil)

type bitbucketAccessStatusDataSource = orgDataSource[bitbucketAccessStatusModel]

// NewBitbucketAccessStatusDataSource is the pulumicloud_bitbucket_access_status
// data source: the caller's Bitbucket OAuth status and the workspaces
// available for a new integration.
func NewBitbucketAccessStatusDataSource() datasource.DataSource {
	return &bitbucketAccessStatusDataSource{
		typeName: "bitbucket_access_status",
		schema:   bitbucketAccessStatusSchema(),
		read:     readBitbucketAccessStatus,
	}
}

type bitbucketAccessStatusModel struct {
	withReadTimeout
	ID                  types.String                       `tfsdk:"id"`
	Organization        types.String                       `tfsdk:"organization"`
	HasUserToken        types.Bool                         `tfsdk:"has_user_token"`
	AvailableWorkspaces []bitbucketAvailableWorkspaceModel `tfsdk:"available_workspaces"`
}

type bitbucketAvailableWorkspaceModel struct {
	UUID      types.String `tfsdk:"uuid"`
	Name      types.String `tfsdk:"name"`
	Slug      types.String `tfsdk:"slug"`
	AvatarURL types.String `tfsdk:"avatar_url"`
}

func bitbucketAccessStatusSchema() schema.Schema {
	return orgDataSourceSchema("The caller's Bitbucket access in a Pulumi organization: whether they hold a valid Bitbucket OAuth token, "+
		"and the workspaces available for a new integration (their `uuid` and `slug` are the `workspace_uuid` and "+
		"`workspace_slug` of `pulumicloud_bitbucket_integration`). "+
		"Calls `GET /api/console/orgs/{orgName}/integrations/bitbucket/access-status`.",
		boolField("has_user_token", "Whether the caller has a valid Bitbucket OAuth token."),
		listField("available_workspaces", "Bitbucket workspaces available to the caller for a new integration.",
			stringField("uuid", "The workspace UUID, in braces as Bitbucket writes it."),
			stringField("name", "The workspace's display name."),
			stringField("slug", "The workspace's URL-friendly slug."),
			stringField("avatar_url", "The workspace's avatar URL; empty when Bitbucket has none."),
		),
	)
}

func readBitbucketAccessStatus(ctx context.Context, c *client.Client, org string, m *bitbucketAccessStatusModel, diags *diag.Diagnostics) {
	status, err := c.GetBitbucketAccessStatus(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to Read Bitbucket Access Status",
			"Reading the caller's Bitbucket access status in organization "+org+" failed.", "", err)
		return
	}
	*m = bitbucketAccessStatusFromAPI(org, status)
}

// bitbucketAccessStatusFromAPI maps Get BitBucket Access Status; an absent list becomes empty.
func bitbucketAccessStatusFromAPI(org string, s *client.BitbucketAccessStatus) bitbucketAccessStatusModel {
	m := bitbucketAccessStatusModel{
		ID:                  types.StringValue(org),
		Organization:        types.StringValue(org),
		HasUserToken:        types.BoolValue(s.HasUserToken),
		AvailableWorkspaces: make([]bitbucketAvailableWorkspaceModel, 0, len(s.AvailableWorkspaces)),
	}
	for _, w := range s.AvailableWorkspaces {
		m.AvailableWorkspaces = append(m.AvailableWorkspaces, bitbucketAvailableWorkspaceModel{
			UUID:      types.StringValue(w.UUID),
			Name:      types.StringValue(w.Name),
			Slug:      types.StringValue(w.Slug),
			AvatarURL: types.StringValue(w.AvatarURL),
		})
	}
	return m
}
