package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*gitHubSetupDataSource)(nil)

type gitHubSetupDataSource = orgDataSource[gitHubSetupModel]

// NewGitHubSetupDataSource is the pulumicloud_github_setup data source: the
// URL that installs the Pulumi GitHub App for an organization.
func NewGitHubSetupDataSource() datasource.DataSource {
	return &gitHubSetupDataSource{
		typeName: "github_setup",
		schema:   gitHubSetupSchema(),
		read:     readGitHubSetup,
	}
}

type gitHubSetupModel struct {
	withReadTimeout
	ID              types.String `tfsdk:"id"`
	Organization    types.String `tfsdk:"organization"`
	InstallationURL types.String `tfsdk:"installation_url"`
}

func gitHubSetupSchema() schema.Schema {
	return orgDataSourceSchema("Starts the GitHub App setup of a Pulumi organization and exposes the URL that installs the "+
		"Pulumi GitHub App. Open it in a browser, install the app on a GitHub account, then adopt the installation with "+
		"`pulumicloud_github_integration`. Nothing is created by reading this data source; the URL carries a fresh "+
		"`state` parameter on every read. Calls `POST /api/console/orgs/{orgName}/integrations/github`.",
		stringField("installation_url", "The URL that installs the Pulumi GitHub App, with a fresh OAuth `state` parameter."),
	)
}

func readGitHubSetup(ctx context.Context, c *client.Client, org string, m *gitHubSetupModel, diags *diag.Diagnostics) {
	setup, err := c.StartGitHubSetup(ctx, org)
	if err != nil {
		addAPIError(diags, "Unable to Start GitHub Setup",
			"Asking Pulumi Cloud for the GitHub App installation URL of organization "+org+" failed.",
			"Check that the access token may administer the organization's integrations.", err)
		return
	}
	if setup.InstallationURL == "" {
		diags.AddError("Unable to Start GitHub Setup",
			"Pulumi Cloud answered without an installation URL for organization "+org+". Try again; if it persists, "+
				"install the Pulumi GitHub App from the organization's settings in the Pulumi Cloud console.")
		return
	}
	*m = gitHubSetupFromAPI(org, setup)
}

// gitHubSetupFromAPI maps Start GitHub Setup.
func gitHubSetupFromAPI(org string, s *client.GitHubSetup) gitHubSetupModel {
	return gitHubSetupModel{
		ID:              types.StringValue(org),
		Organization:    types.StringValue(org),
		InstallationURL: types.StringValue(s.InstallationURL),
	}
}
