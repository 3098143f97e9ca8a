package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSource              = (*gitHubSetupDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*gitHubSetupDataSource)(nil)
)

// NewGitHubSetupDataSource is the pulumicloud_github_setup data source: the
// URL that installs the Pulumi GitHub App for an organization.
func NewGitHubSetupDataSource() datasource.DataSource {
	return &gitHubSetupDataSource{}
}

type gitHubSetupDataSource struct {
	data *providerData
}

type gitHubSetupModel struct {
	ID              types.String `tfsdk:"id"`
	Organization    types.String `tfsdk:"organization"`
	InstallationURL types.String `tfsdk:"installation_url"`
}

func (d *gitHubSetupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_github_setup"
}

func (d *gitHubSetupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts the GitHub App setup of a Pulumi organization and exposes the URL that installs the " +
			"Pulumi GitHub App. Open it in a browser, install the app on a GitHub account, then adopt the installation with " +
			"`pulumicloud_github_integration`. Nothing is created by reading this data source; the URL carries a fresh " +
			"`state` parameter on every read. Calls `POST /api/console/orgs/{orgName}/integrations/github`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The organization.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			"installation_url": schema.StringAttribute{
				MarkdownDescription: "The URL that installs the Pulumi GitHub App, with a fresh OAuth `state` parameter.",
				Computed:            true,
			},
		},
	}
}

func (d *gitHubSetupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *gitHubSetupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg gitHubSetupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setup, err := d.data.client.StartGitHubSetup(ctx, org)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Start GitHub Setup",
			"Asking Pulumi Cloud for the GitHub App installation URL of organization "+org+" failed.",
			"Check that the access token may administer the organization's integrations.", err)
		return
	}
	if setup.InstallationURL == "" {
		resp.Diagnostics.AddError("Unable to Start GitHub Setup",
			"Pulumi Cloud answered without an installation URL for organization "+org+". Try again; if it persists, "+
				"install the Pulumi GitHub App from the organization's settings in the Pulumi Cloud console.")
		return
	}
	state := gitHubSetupFromAPI(org, setup)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// gitHubSetupFromAPI maps Start GitHub Setup.
func gitHubSetupFromAPI(org string, s *client.GitHubSetup) gitHubSetupModel {
	return gitHubSetupModel{
		ID:              types.StringValue(org),
		Organization:    types.StringValue(org),
		InstallationURL: types.StringValue(s.InstallationURL),
	}
}
