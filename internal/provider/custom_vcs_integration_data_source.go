package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*customVCSIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*customVCSIntegrationDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*customVCSIntegrationsDataSource)(nil)
)

type (
	customVCSIntegrationDataSource  = integrationDataSource[customVCSIntegrationDataModel, *customVCSIntegrationDataModel, client.CustomVCSIntegration]
	customVCSIntegrationsDataSource = integrationsDataSource[customVCSIntegrationItem, client.CustomVCSIntegration]
)

// customVCSIntegrationDataModel is the single lookup's model: the resource's
// attributes but the secret, and the repositories.
type customVCSIntegrationDataModel struct {
	withReadTimeout
	integrationBase
	customVCSIntegrationFields
	Repositories []customVCSRepositoryItem `tfsdk:"repositories"`
}

// customVCSIntegrationItem is one element of the list.
type customVCSIntegrationItem struct {
	ID types.String `tfsdk:"id"`
	customVCSIntegrationFields
	Repositories []customVCSRepositoryItem `tfsdk:"repositories"`
}

type customVCSRepositoryItem struct {
	Name        types.String `tfsdk:"name"`
	DisplayName types.String `tfsdk:"display_name"`
}

func customVCSRepositoriesFromAPI(repos []client.CustomVCSRepository) []customVCSRepositoryItem {
	out := make([]customVCSRepositoryItem, 0, len(repos))
	for _, r := range repos {
		out = append(out, customVCSRepositoryItem{Name: types.StringValue(r.Name), DisplayName: types.StringValue(r.DisplayName)})
	}
	return out
}

// NewCustomVCSIntegrationDataSource is the pulumicloud_custom_vcs_integration
// data source: one custom VCS integration, by integration_id or name. It
// never holds the webhook secret (the GET does not answer it).
func NewCustomVCSIntegrationDataSource() datasource.DataSource {
	k := customVCSKind
	return &customVCSIntegrationDataSource{kind: &integrationLookup[customVCSIntegrationDataModel, client.CustomVCSIntegration]{
		typeName:    k.typeName,
		title:       k.title,
		description: "Looks up one custom VCS integration (Gitea, Forgejo, Bitbucket Server, …) and its repositories. It never exposes the webhook secret.",
		fields:      concatFields(customVCSFields, []fieldSpec{customVCSRepositoriesField}),
		selectors: map[string]lookupSelector[customVCSIntegrationDataModel, client.CustomVCSIntegration]{
			"name": {
				desc: "Look the integration up by its name (exact).", validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				value: func(cfg *customVCSIntegrationDataModel) attr.Value { return cfg.Name },
				matches: func(cfg *customVCSIntegrationDataModel, a *client.CustomVCSIntegration) bool {
					return a.Name == cfg.Name.ValueString()
				},
			},
		},
		list: k.list,
		get:  k.get,
		idOf: k.idOf,
		fromAPI: func(_ context.Context, a *client.CustomVCSIntegration, d *customVCSIntegrationDataModel) diag.Diagnostics {
			customVCSFromAPI(a, &d.customVCSIntegrationFields)
			d.Repositories = customVCSRepositoriesFromAPI(a.Repositories)
			return nil
		},
	}}
}

// NewCustomVCSIntegrationsDataSource is the pulumicloud_custom_vcs_integrations
// data source: every custom VCS integration of an organization.
func NewCustomVCSIntegrationsDataSource() datasource.DataSource {
	return &customVCSIntegrationsDataSource{kind: &integrationsList[customVCSIntegrationItem, client.CustomVCSIntegration]{
		typeName:    "custom_vcs_integrations",
		title:       "Custom VCS",
		description: "Lists the custom VCS integrations of a Pulumi organization, with their repositories (never their webhook secrets).",
		itemFields:  concatFields(customVCSFields, []fieldSpec{customVCSRepositoriesField}),
		list:        customVCSKind.list,
		item: func(_ context.Context, a *client.CustomVCSIntegration) (customVCSIntegrationItem, diag.Diagnostics) {
			it := customVCSIntegrationItem{ID: types.StringValue(a.ID), Repositories: customVCSRepositoriesFromAPI(a.Repositories)}
			customVCSFromAPI(a, &it.customVCSIntegrationFields)
			return it, nil
		},
	}}
}
