package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*vcsReposDataSource)(nil)

// vcsReposDataSource and vcsRepoDestinationsDataSource share a model,
// schema (vcsRepoListSchema) and read (vcsRepoListReader), over two endpoints.
type vcsReposDataSource = orgDataSource[vcsReposModel]

// NewVCSReposDataSource is the pulumicloud_vcs_repos data source: every
// repository an integration reaches, across all pages.
func NewVCSReposDataSource() datasource.DataSource {
	return &vcsReposDataSource{
		typeName: "vcs_repos",
		schema: vcsRepoListSchema("Lists every repository reachable through a VCS integration, following every page. "+
			"Calls `GET /api/console/orgs/{orgName}/integrations/{provider}/{integrationId}/repos`.",
			"The repositories, in the order Pulumi Cloud lists them."),
		read: vcsRepoListReader("repositories", func(ctx context.Context, c *client.Client, org, provider, id string) ([]client.VCSRepo, string, error) {
			repos, err := c.ListVCSRepos(ctx, org, provider, id)
			return repos, "", err
		}),
	}
}

type vcsReposModel struct {
	withReadTimeout
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

// vcsRepoListSchema is the schema of the repository lists, described by
// description and, for the list itself, reposDescription.
func vcsRepoListSchema(description, reposDescription string) schema.Schema {
	return schema.Schema{
		MarkdownDescription: description,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<organization>/<vcs_provider>/<integration_id>`.",
				Computed:            true,
			},
			"organization":   dataSourceOrganizationAttribute(),
			"vcs_provider":   vcsProviderAttribute(),
			"integration_id": integrationIDAttribute(),
			"repos": schema.ListNestedAttribute{
				MarkdownDescription: reposDescription,
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
		MarkdownDescription: "The integration's provider, as `pulumicloud_vcs_integrations` reports it: one of " +
			vcsProviderValues() + ".",
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
		Validators: integrationIDValidators(),
	}
}

// vcsRepoListReader reads a repository list through list, which may return
// a warning beside what it read; what names the list in messages
// ("repositories").
func vcsRepoListReader(what string,
	list func(ctx context.Context, c *client.Client, org, provider, integrationID string) (repos []client.VCSRepo, warning string, err error),
) orgReadFunc[vcsReposModel] {
	return func(ctx context.Context, c *client.Client, org string, m *vcsReposModel, diags *diag.Diagnostics) {
		configured, id := m.VCSProvider.ValueString(), m.IntegrationID.ValueString()
		provider := client.CanonicalVCSProvider(configured)
		repos, warning, err := list(ctx, c, org, provider, id)
		if err != nil {
			addAPIError(diags, "Unable to List VCS "+titleCase(what),
				"Listing the "+what+" of "+provider+" integration "+id+" in organization "+org+" failed.",
				vcsNotFoundHint(err), err)
			return
		}
		if warning != "" {
			diags.AddWarning("Incomplete List of VCS "+titleCase(what), warning+
				"\n\nThe data source holds what was read; Pulumi Cloud may list more than that.")
		}
		*m = vcsReposFromAPI(org, configured, id, repos)
	}
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
