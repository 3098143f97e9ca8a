package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*vcsBranchesDataSource)(nil)

type vcsBranchesDataSource = orgDataSource[vcsBranchesModel]

// NewVCSBranchesDataSource is the pulumicloud_vcs_branches data source: the
// branches of one repository reached through an integration.
func NewVCSBranchesDataSource() datasource.DataSource {
	return &vcsBranchesDataSource{
		typeName: "vcs_branches",
		schema:   vcsBranchesSchema(),
		read:     readVCSBranches,
	}
}

type vcsBranchesModel struct {
	withReadTimeout
	ID            types.String     `tfsdk:"id"`
	Organization  types.String     `tfsdk:"organization"`
	VCSProvider   types.String     `tfsdk:"vcs_provider"`
	IntegrationID types.String     `tfsdk:"integration_id"`
	RepoID        types.String     `tfsdk:"repo_id"`
	Branches      []vcsBranchModel `tfsdk:"branches"`
}

type vcsBranchModel struct {
	Name        types.String `tfsdk:"name"`
	IsProtected types.Bool   `tfsdk:"is_protected"`
}

func vcsBranchesSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "Lists the branches of a repository reachable through a VCS integration. " +
			"Calls `GET /api/console/orgs/{orgName}/integrations/{provider}/{integrationId}/repos/{repoId}/branches`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`<organization>/<vcs_provider>/<integration_id>/<repo_id>`.",
				Computed:            true,
			},
			"organization":   dataSourceOrganizationAttribute(),
			"vcs_provider":   vcsProviderAttribute(),
			"integration_id": integrationIDAttribute(),
			"repo_id": schema.StringAttribute{
				MarkdownDescription: "The repository's id at the VCS provider: a `repos[*].id` of `pulumicloud_vcs_repos`.",
				Required:            true,
				Validators:          []validator.String{pathSegmentValidator{}},
			},
			"branches": schema.ListNestedAttribute{
				MarkdownDescription: "The branches, in the order Pulumi Cloud lists them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name": schema.StringAttribute{
							MarkdownDescription: "The branch name, such as `main` or `release/1.0`.",
							Computed:            true,
						},
						"is_protected": schema.BoolAttribute{
							MarkdownDescription: "Whether the branch is protected at the VCS provider.",
							Computed:            true,
						},
					},
				},
			},
		},
	}
}

func readVCSBranches(ctx context.Context, c *client.Client, org string, m *vcsBranchesModel, diags *diag.Diagnostics) {
	configured, id, repo := m.VCSProvider.ValueString(), m.IntegrationID.ValueString(), m.RepoID.ValueString()
	provider := client.CanonicalVCSProvider(configured)
	branches, err := c.ListVCSBranches(ctx, org, provider, id, repo)
	if err != nil {
		next := vcsNotFoundHint(err)
		if client.IsNotFound(err) {
			next = "Check `repo_id` against `data.pulumicloud_vcs_repos`, and " +
				"`vcs_provider` and `integration_id` against `data.pulumicloud_vcs_integrations`."
		}
		addAPIError(diags, "Unable to List VCS Branches",
			"Listing the branches of repository "+repo+" through "+provider+" integration "+id+
				" in organization "+org+" failed.", next, err)
		return
	}
	*m = vcsBranchesFromAPI(org, configured, id, repo, branches)
}

// vcsBranchesFromAPI maps a branch list.
func vcsBranchesFromAPI(org, provider, integrationID, repoID string, branches []client.VCSBranch) vcsBranchesModel {
	m := vcsBranchesModel{
		ID:            types.StringValue(org + "/" + provider + "/" + integrationID + "/" + repoID),
		Organization:  types.StringValue(org),
		VCSProvider:   types.StringValue(provider),
		IntegrationID: types.StringValue(integrationID),
		RepoID:        types.StringValue(repoID),
		Branches:      make([]vcsBranchModel, 0, len(branches)),
	}
	for _, b := range branches {
		m.Branches = append(m.Branches, vcsBranchModel{
			Name:        types.StringValue(b.Name),
			IsProtected: types.BoolValue(b.IsProtected),
		})
	}
	return m
}
