package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSource              = (*vcsRepoListDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*vcsRepoListDataSource)(nil)
)

// NewVCSReposDataSource is the pulumicloud_vcs_repos data source: every
// repository an integration reaches, across all pages.
func NewVCSReposDataSource() datasource.DataSource {
	return &vcsRepoListDataSource{
		typeSuffix: "_vcs_repos",
		what:       "repositories",
		description: "Lists every repository reachable through a VCS integration, following every page. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations/{provider}/{integrationId}/repos`.",
		reposDescription: "The repositories, in the order Pulumi Cloud lists them.",
		list: func(ctx context.Context, c *client.Client, org, provider, id string) ([]client.VCSRepo, error) {
			return c.ListVCSRepos(ctx, org, provider, id)
		},
	}
}

// vcsRepoListDataSource serves the two repository lists that share a shape:
// pulumicloud_vcs_repos and pulumicloud_vcs_repo_destinations.
type vcsRepoListDataSource struct {
	data             *providerData
	typeSuffix       string
	what             string
	description      string
	reposDescription string
	list             func(ctx context.Context, c *client.Client, org, provider, integrationID string) ([]client.VCSRepo, error)
}

type vcsReposModel struct {
	ID            types.String   `tfsdk:"id"`
	Organization  types.String   `tfsdk:"organization"`
	VCSProvider   types.String   `tfsdk:"vcs_provider"`
	IntegrationID types.String   `tfsdk:"integration_id"`
	Repos         []vcsRepoModel `tfsdk:"repos"`
}

type vcsRepoModel struct {
	ID    types.String `tfsdk:"id"`
	Owner types.String `tfsdk:"owner"`
	Name  types.String `tfsdk:"name"`
}

func (d *vcsRepoListDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + d.typeSuffix
}

func (d *vcsRepoListDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: d.description,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<organization>/<vcs_provider>/<integration_id>`.",
				Computed:            true,
			},
			"organization":   dataSourceOrganizationAttribute(),
			"vcs_provider":   vcsProviderAttribute(),
			"integration_id": integrationIDAttribute(),
			"repos": schema.ListNestedAttribute{
				MarkdownDescription: d.reposDescription,
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The repository's id at the VCS provider (the `repo_id` of `pulumicloud_vcs_branches`).",
							Computed:            true,
						},
						"owner": schema.StringAttribute{
							MarkdownDescription: "The repository's owner: an organization, group, workspace, project or user.",
							Computed:            true,
						},
						"name": schema.StringAttribute{
							MarkdownDescription: "The repository's name.",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

// vcsProviderAttribute is the required {provider} path segment of the repos,
// destinations and branches endpoints.
func vcsProviderAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The integration's provider, as `pulumicloud_vcs_integrations` reports it: one of `" +
			strings.Join(client.VCSProviders, "`, `") + "`.",
		Required:   true,
		Validators: vcsProviderValidators(),
	}
}

// integrationIDAttribute is the required integration id of the repos,
// destinations and branches endpoints.
func integrationIDAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The integration's id: the `integration_id` of an integration resource or data source, " +
			"or an `id` from `pulumicloud_vcs_integrations`.",
		Required:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

func (d *vcsRepoListDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *vcsRepoListDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg vcsReposModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := d.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	provider, id := cfg.VCSProvider.ValueString(), cfg.IntegrationID.ValueString()
	repos, err := d.list(ctx, d.data.client, org, provider, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to List VCS "+titleCase(d.what),
			"Listing the "+d.what+" of "+provider+" integration "+id+" in organization "+org+" failed.",
			vcsNotFoundHint(err), err)
		return
	}
	state := vcsReposFromAPI(org, provider, id, repos)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// vcsNotFoundHint says what to check after a repos/branches lookup failed.
func vcsNotFoundHint(err error) string {
	switch {
	case client.IsNotFound(err):
		return "Check `vcs_provider` and `integration_id` against `data.pulumicloud_vcs_integrations`: " +
			"the integration may have been deleted, or belong to another provider or organization."
	case client.IsBadRequest(err):
		return "Pulumi Cloud refused the provider name; use one of the values `pulumicloud_vcs_integrations` reports."
	case client.StatusCode(err) == 403:
		return "Pulumi Cloud suspended access to this VCS provider; check the integration in the Pulumi Cloud console."
	}
	return ""
}

func titleCase(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		words[i] = strings.ToUpper(w[:1]) + w[1:]
	}
	return strings.Join(words, " ")
}

// vcsReposFromAPI maps a repository list.
func vcsReposFromAPI(org, provider, integrationID string, repos []client.VCSRepo) vcsReposModel {
	m := vcsReposModel{
		ID:            types.StringValue(org + "/" + provider + "/" + integrationID),
		Organization:  types.StringValue(org),
		VCSProvider:   types.StringValue(provider),
		IntegrationID: types.StringValue(integrationID),
		Repos:         make([]vcsRepoModel, 0, len(repos)),
	}
	for _, r := range repos {
		m.Repos = append(m.Repos, vcsRepoModel{
			ID:    types.StringValue(r.ID),
			Owner: types.StringValue(r.Owner),
			Name:  types.StringValue(r.Name),
		})
	}
	return m
}
