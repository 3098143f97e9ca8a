package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitHubClaimableInstallationsDataSource)(nil)

type gitHubClaimableInstallationsDataSource = orgDataSource[gitHubClaimableInstallationsModel]

// NewGitHubClaimableInstallationsDataSource is the
// pulumicloud_github_claimable_installations data source: installations of
// the Pulumi GitHub App that no Pulumi organization has linked yet.
func NewGitHubClaimableInstallationsDataSource() datasource.DataSource {
	return &gitHubClaimableInstallationsDataSource{
		typeName: "github_claimable_installations",
		schema:   gitHubClaimableInstallationsSchema(),
		read:     readGitHubClaimableInstallations,
	}
}

type gitHubClaimableInstallationsModel struct {
	withReadTimeout
	ID            types.String                       `tfsdk:"id"`
	Organization  types.String                       `tfsdk:"organization"`
	Installations []gitHubClaimableInstallationModel `tfsdk:"installations"`
}

type gitHubClaimableInstallationModel struct {
	InstallationID   types.Int64  `tfsdk:"installation_id"`
	AccountLogin     types.String `tfsdk:"account_login"`
	AccountAvatarURL types.String `tfsdk:"account_avatar_url"`
	IsOrganization   types.Bool   `tfsdk:"is_organization"`
}

func gitHubClaimableInstallationsSchema() schema.Schema {
	return orgDataSourceSchema("Lists the installations of the Pulumi GitHub App that no Pulumi organization has linked yet "+
		"(such as ones installed from the GitHub Marketplace) and that the caller could link: the `installation_id` "+
		"a `pulumicloud_github_integration` claims. Calls `GET /api/console/orgs/{orgName}/integrations/github/claimable`.",
		listField("installations", "The unlinked installations, in the order Pulumi Cloud lists them.",
			int64Field("installation_id", "The GitHub App installation id (the `installation_id` of `pulumicloud_github_integration`)."),
			stringField("account_login", "The login of the GitHub account (user or organization) the app is installed on."),
			stringField("account_avatar_url", "The avatar URL of that GitHub account."),
			boolField("is_organization", "Whether the account is a GitHub organization rather than a personal account."),
		),
	)
}

func readGitHubClaimableInstallations(ctx context.Context, c *client.Client, org string, m *gitHubClaimableInstallationsModel, diags *diag.Diagnostics) {
	list, err := c.ListClaimableGitHubIntegrations(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to List Claimable GitHub Installations",
			"Listing the GitHub App installations organization "+org+" could claim failed.",
			"Check the organization name and that the access token's user has a GitHub account connected.", err)
		return
	}
	*m = gitHubClaimableInstallationsFromAPI(org, list)
}

// gitHubClaimableInstallationsFromAPI maps the claimable list.
func gitHubClaimableInstallationsFromAPI(org string, list []client.ClaimableGitHubIntegration) gitHubClaimableInstallationsModel {
	m := gitHubClaimableInstallationsModel{
		ID:            types.StringValue(org),
		Organization:  types.StringValue(org),
		Installations: make([]gitHubClaimableInstallationModel, 0, len(list)),
	}
	for _, in := range list {
		m.Installations = append(m.Installations, gitHubClaimableInstallationModel{
			InstallationID:   types.Int64Value(in.InstallationID),
			AccountLogin:     types.StringValue(in.AccountLogin),
			AccountAvatarURL: types.StringValue(in.AccountAvatarURL),
			IsOrganization:   types.BoolValue(in.IsOrganization),
		})
	}
	return m
}
