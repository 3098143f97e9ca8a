package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitHubAccessStatusDataSource)(nil)

type gitHubAccessStatusDataSource = orgDataSource[gitHubAccessStatusModel]

// NewGitHubAccessStatusDataSource is the pulumicloud_github_access_status
// data source: the caller's GitHub OAuth status in an organization.
func NewGitHubAccessStatusDataSource() datasource.DataSource {
	return &gitHubAccessStatusDataSource{
		typeName: "github_access_status",
		schema:   gitHubAccessStatusSchema(),
		read:     readGitHubAccessStatus,
	}
}

type gitHubAccessStatusModel struct {
	withReadTimeout
	ID             types.String                       `tfsdk:"id"`
	Organization   types.String                       `tfsdk:"organization"`
	HasUserToken   types.Bool                         `tfsdk:"has_user_token"`
	HasIntegration types.Bool                         `tfsdk:"has_integration"`
	AvailableOrgs  []types.String                     `tfsdk:"available_orgs"`
	Integrations   []gitHubIntegrationPermissionModel `tfsdk:"integrations"`
}

type gitHubIntegrationPermissionModel struct {
	ID            types.String `tfsdk:"id"`
	CanCreateRepo types.Bool   `tfsdk:"can_create_repo"`
}

func gitHubAccessStatusSchema() schema.Schema {
	return orgDataSourceSchema("The caller's GitHub access in a Pulumi organization: whether they hold a GitHub user token, "+
		"whether the organization has the Pulumi GitHub App installed, and what they may do with each installation. "+
		"Calls `GET /api/console/orgs/{orgName}/integrations/github/access-status`.",
		boolField("has_user_token", "Whether the caller has a GitHub user (OAuth) token."),
		boolField("has_integration", "Whether the organization has the Pulumi GitHub App installed."),
		stringsField("available_orgs", "The GitHub organizations available to the caller."),
		listField("integrations", "The caller's permissions on each GitHub integration.",
			stringField("id", "The integration's id (Pulumi's installation id)."),
			boolField("can_create_repo", "Whether the caller can create repositories under this installation."),
		),
	)
}

func readGitHubAccessStatus(ctx context.Context, c *client.Client, org string, m *gitHubAccessStatusModel, diags *diag.Diagnostics) {
	status, err := c.GetGitHubAccessStatus(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to Read GitHub Access Status",
			"Reading the caller's GitHub access status in organization "+org+" failed.", "", err)
		return
	}
	*m = gitHubAccessStatusFromAPI(org, status)
}

// gitHubAccessStatusFromAPI maps Get GitHub Access; absent lists become empty.
func gitHubAccessStatusFromAPI(org string, s *client.GitHubAccessStatus) gitHubAccessStatusModel {
	m := gitHubAccessStatusModel{
		ID:             types.StringValue(org),
		Organization:   types.StringValue(org),
		HasUserToken:   types.BoolValue(s.HasUserToken),
		HasIntegration: types.BoolValue(s.HasIntegration),
		AvailableOrgs:  make([]types.String, 0, len(s.AvailableOrgs)),
		Integrations:   make([]gitHubIntegrationPermissionModel, 0, len(s.Integrations)),
	}
	for _, o := range s.AvailableOrgs {
		m.AvailableOrgs = append(m.AvailableOrgs, types.StringValue(o))
	}
	for _, p := range s.Integrations {
		m.Integrations = append(m.Integrations, gitHubIntegrationPermissionModel{
			ID:            types.StringValue(p.ID),
			CanCreateRepo: types.BoolValue(p.CanCreateRepo),
		})
	}
	return m
}
