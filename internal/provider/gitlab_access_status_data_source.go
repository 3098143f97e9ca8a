package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitLabAccessStatusDataSource)(nil)

type gitLabAccessStatusDataSource = orgDataSource[gitLabAccessStatusModel]

// NewGitLabAccessStatusDataSource is the pulumicloud_gitlab_access_status
// data source: the caller's GitLab OAuth status and the groups available
// for a new integration.
func NewGitLabAccessStatusDataSource() datasource.DataSource {
	return &gitLabAccessStatusDataSource{
		typeName: "gitlab_access_status",
		schema:   gitLabAccessStatusSchema(),
		read:     readGitLabAccessStatus,
	}
}

type gitLabAccessStatusModel struct {
	withReadTimeout
	ID              types.String                `tfsdk:"id"`
	Organization    types.String                `tfsdk:"organization"`
	HasUserToken    types.Bool                  `tfsdk:"has_user_token"`
	AvailableGroups []gitLabAvailableGroupModel `tfsdk:"available_groups"`
}

type gitLabAvailableGroupModel struct {
	ID                     types.Int64  `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	AvatarURL              types.String `tfsdk:"avatar_url"`
	HasRequiredPermissions types.Bool   `tfsdk:"has_required_permissions"`
}

func gitLabAccessStatusSchema() schema.Schema {
	return orgDataSourceSchema("The caller's GitLab access in a Pulumi organization: whether they hold a valid GitLab OAuth token, "+
		"and the GitLab groups they can integrate (use a group's `id` as `gitlab_group_id` of `pulumicloud_gitlab_integration`). "+
		"Calls `GET /api/console/orgs/{orgName}/integrations/gitlab/access-status`.",
		boolField("has_user_token", "Whether the caller has a valid GitLab OAuth token."),
		listField("available_groups", "GitLab groups the caller can access that are available for a new integration.",
			int64Field("id", "The GitLab group id."),
			stringField("name", "The group's name."),
			stringField("avatar_url", "The group's avatar URL."),
			boolField("has_required_permissions", "Whether the caller has the permissions an integration needs on this group."),
		),
	)
}

func readGitLabAccessStatus(ctx context.Context, c *client.Client, org string, m *gitLabAccessStatusModel, diags *diag.Diagnostics) {
	status, err := c.GetGitLabAccessStatus(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to Read GitLab Access Status",
			"Reading the caller's GitLab access status in organization "+org+" failed.", "", err)
		return
	}
	*m = gitLabAccessStatusFromAPI(org, status)
}

// gitLabAccessStatusFromAPI maps Get GitLab Access Status; an absent list becomes empty.
func gitLabAccessStatusFromAPI(org string, s *client.GitLabAccessStatus) gitLabAccessStatusModel {
	m := gitLabAccessStatusModel{
		ID:              types.StringValue(org),
		Organization:    types.StringValue(org),
		HasUserToken:    types.BoolValue(s.HasUserToken),
		AvailableGroups: make([]gitLabAvailableGroupModel, 0, len(s.AvailableGroups)),
	}
	for _, g := range s.AvailableGroups {
		m.AvailableGroups = append(m.AvailableGroups, gitLabAvailableGroupModel{
			ID:                     types.Int64Value(g.ID),
			Name:                   types.StringValue(g.Name),
			AvatarURL:              types.StringValue(g.AvatarURL),
			HasRequiredPermissions: types.BoolValue(g.HasRequiredPermissions),
		})
	}
	return m
}
