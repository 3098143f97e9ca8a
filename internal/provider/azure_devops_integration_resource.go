package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

var (
	_ resource.ResourceWithImportState      = (*azureDevOpsIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*azureDevOpsIntegrationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*azureDevOpsIntegrationResource)(nil)
)

type azureDevOpsIntegrationResource = integrationResource[azureDevOpsIntegrationModel, *azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]

// NewAzureDevOpsIntegrationResource is the pulumicloud_azure_devops_integration resource.
func NewAzureDevOpsIntegrationResource() resource.Resource {
	return newIntegrationResource[azureDevOpsIntegrationModel, *azureDevOpsIntegrationModel](azureDevOpsKind)
}

// azureDevOpsIntegrationFields are what both the list and the GET answer (the
// organization and project, flattened to the two inputs as well).
type azureDevOpsIntegrationFields struct {
	AzureDevOpsOrganization     fwtype.CaseInsensitiveString `tfsdk:"azure_devops_organization"`
	AzureDevOpsProjectID        fwtype.CaseInsensitiveString `tfsdk:"azure_devops_project_id"`
	Org                         types.Object                 `tfsdk:"azure_devops_org"`
	Project                     types.Object                 `tfsdk:"azure_devops_project"`
	Valid                       types.Bool                   `tfsdk:"valid"`
	DisablePRComments           types.Bool                   `tfsdk:"disable_pr_comments"`
	DisableNeoSummaries         types.Bool                   `tfsdk:"disable_neo_summaries"`
	DisableDetailedDiff         types.Bool                   `tfsdk:"disable_detailed_diff"`
	DisableCodeAccessForReviews types.Bool                   `tfsdk:"disable_code_access_for_reviews"`
}

// azureDevOpsGetFields are what only the GET answers.
type azureDevOpsGetFields struct {
	Installed types.Bool   `tfsdk:"installed"`
	AuthUser  types.Object `tfsdk:"auth_user"`
}

// azureDevOpsIntegrationModel is the resource (and single-lookup data source) model.
type azureDevOpsIntegrationModel struct {
	integrationBase
	azureDevOpsIntegrationFields
	azureDevOpsGetFields
	withTimeouts
}

type azureDevOpsOrgModel struct {
	ID                     types.String `tfsdk:"id"`
	Name                   types.String `tfsdk:"name"`
	AccountURL             types.String `tfsdk:"account_url"`
	HasRequiredPermissions types.Bool   `tfsdk:"has_required_permissions"`
}

type azureDevOpsProjectModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

var (
	azureDevOpsOrgFields = []fieldSpec{
		stringField("id", "The Azure DevOps organization id."),
		stringField("name", "The organization name (the `myorg` of dev.azure.com/myorg)."),
		stringField("account_url", "The organization's URL, e.g. `https://dev.azure.com/myorg`."),
		boolField("has_required_permissions", "Whether the current user has the permissions the integration needs."),
	}
	azureDevOpsProjectFields = []fieldSpec{
		stringField("id", "The project id."),
		stringField("name", "The project name."),
	}
	// azureDevOpsFields are the fields both the list and the GET answer.
	// The API's `organization` and `project` objects are named
	// azure_devops_org and azure_devops_project here, since `organization`
	// is the Pulumi organization.
	azureDevOpsFields = concatFields([]fieldSpec{
		spelledField("azure_devops_organization", "The Azure DevOps organization name.", fwtype.CaseInsensitiveStringType{}),
		spelledField("azure_devops_project_id", "The Azure DevOps project id.", fwtype.CaseInsensitiveStringType{}),
		// Unknown on update: has_required_permissions is the current user's,
		// checked against Azure DevOps, where they may change at any time.
		objectField("azure_devops_org", "The Azure DevOps organization (the API's `organization`).", azureDevOpsOrgFields...),
		objectField("azure_devops_project", "The Azure DevOps project (the API's `project`).", azureDevOpsProjectFields...).
			stable("the project the integration is for (id and name): a settings PATCH cannot move it"),
		// Unknown on update: status the service recomputes (tokens, hooks).
		boolField("valid", "Whether the integration is currently valid (tokens, hooks, …)."),
	}, flagFields, []fieldSpec{codeAccessField})
	// Both unknown on update: they describe the organization's Azure DevOps
	// setup, which a new OAuth consent (anyone's, the oauth_complete
	// action) changes independently of this resource.
	azureDevOpsGetOnlyFields = []fieldSpec{
		boolField("installed", "Whether the organization has an Azure DevOps app integration configured."),
		authUserField("Azure DevOps"),
	}
)

// azureDevOpsKindType is the Azure DevOps kind: its GET does not answer
// every setting (complete).
type azureDevOpsKindType struct {
	*integrationKind[azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]
}

var _ completing[azureDevOpsIntegrationModel] = azureDevOpsKindType{}

// complete: the GET does not answer disableCodeAccessForReviews; after an
// import, take it from the (shared) list.
func (azureDevOpsKindType) complete(ctx context.Context, d *providerData, org string, m *azureDevOpsIntegrationModel) error {
	return completeAzureDevOpsCodeAccess(ctx, d, org, m.IntegrationID.ValueString(), &m.azureDevOpsIntegrationFields)
}

// completeAzureDevOpsCodeAccess fills disable_code_access_for_reviews of
// integration id from the (shared) list, unless it is known already.
func completeAzureDevOpsCodeAccess(ctx context.Context, d *providerData, org, id string, m *azureDevOpsIntegrationFields) error {
	if !m.DisableCodeAccessForReviews.IsNull() && !m.DisableCodeAccessForReviews.IsUnknown() {
		return nil
	}
	list, _, err := sharedList(ctx, d, "azure_devops_integration", org, listcache.Bound{}, listAzureDevOpsIntegrations)
	if err != nil {
		return err
	}
	m.DisableCodeAccessForReviews = azureDevOpsCodeAccessFromList(list, id)
	return nil
}

// azureDevOpsProjectMatches: a is the integration of project projectID.
func azureDevOpsProjectMatches(a *client.AzureDevOpsIntegration, projectID string) bool {
	return a.Project != nil && sameCaseInsensitive(a.Project.ID, projectID)
}

// azureDevOpsFromAPI maps a GET answer into the fields of a model.
func azureDevOpsFromAPI(ctx context.Context, a *client.AzureDevOpsIntegration, f *azureDevOpsIntegrationFields, g *azureDevOpsGetFields) diag.Diagnostics {
	diags := azureDevOpsIntegrationFromAPI(ctx, a, f)
	return append(diags, azureDevOpsGetFieldsFromAPI(ctx, a, g)...)
}

var azureDevOpsKind = azureDevOpsKindType{&integrationKind[azureDevOpsIntegrationModel, client.AzureDevOpsIntegration]{
	typeName: "azure_devops_integration",
	title:    "Azure DevOps",
	apiKind:  "azure-devops",
	schema:   azureDevOpsResourceSchema,
	list:     listAzureDevOpsIntegrations,
	get: func(ctx context.Context, c *client.Client, org, id string) (*client.AzureDevOpsIntegration, error) {
		return c.GetAzureDevOpsIntegration(ctx, org, id)
	},
	idOf:        func(a *client.AzureDevOpsIntegration) string { return a.ID },
	displayName: azureDevOpsDisplayName,
	describeKey: func(m *azureDevOpsIntegrationModel) string {
		return "Azure DevOps project " + m.AzureDevOpsProjectID.ValueString() + " of " + m.AzureDevOpsOrganization.ValueString()
	},
	matches: func(m *azureDevOpsIntegrationModel, a *client.AzureDevOpsIntegration) bool {
		return azureDevOpsProjectMatches(a, m.AzureDevOpsProjectID.ValueString())
	},
	create: func(ctx context.Context, c *client.Client, org string, m *azureDevOpsIntegrationModel, _ tfsdk.Config) (*client.AzureDevOpsIntegration, error) {
		return nil, c.CreateAzureDevOpsIntegration(ctx, org, client.CreateAzureDevOpsIntegrationRequest{
			OrganizationName:            m.AzureDevOpsOrganization.ValueString(),
			ProjectID:                   m.AzureDevOpsProjectID.ValueString(),
			DisablePRComments:           m.DisablePRComments.ValueBoolPointer(),
			DisableNeoSummaries:         m.DisableNeoSummaries.ValueBoolPointer(),
			DisableDetailedDiff:         m.DisableDetailedDiff.ValueBoolPointer(),
			DisableCodeAccessForReviews: m.DisableCodeAccessForReviews.ValueBoolPointer(),
		})
	},
	patch: func(ctx context.Context, c *client.Client, org, id string, m *azureDevOpsIntegrationModel) error {
		return c.UpdateAzureDevOpsIntegration(ctx, org, id, client.UpdateAzureDevOpsIntegrationRequest{
			DisablePRComments:   m.DisablePRComments.ValueBoolPointer(),
			DisableNeoSummaries: m.DisableNeoSummaries.ValueBoolPointer(),
			DisableDetailedDiff: m.DisableDetailedDiff.ValueBoolPointer(),
		})
	},
	del: func(ctx context.Context, c *client.Client, org, id string) error {
		return c.DeleteAzureDevOpsIntegration(ctx, org, id)
	},
	fromAPI: func(ctx context.Context, a *client.AzureDevOpsIntegration, m *azureDevOpsIntegrationModel) diag.Diagnostics {
		return azureDevOpsFromAPI(ctx, a, &m.azureDevOpsIntegrationFields, &m.azureDevOpsGetFields)
	},
}}

func listAzureDevOpsIntegrations(ctx context.Context, c *client.Client, org string) ([]client.AzureDevOpsIntegration, error) {
	list, err := c.ListAzureDevOpsIntegrations(ctx, org)
	if err != nil {
		return nil, err
	}
	return list.Integrations, nil
}

// azureDevOpsDisplayName is "Azure DevOps project <organization>/<project>".
func azureDevOpsDisplayName(a *client.AzureDevOpsIntegration) string {
	org, proj := "?", a.ID
	if a.Organization != nil {
		org = a.Organization.Name
	}
	if a.Project != nil {
		proj = a.Project.Name
	}
	return "Azure DevOps project " + org + "/" + proj
}

// azureDevOpsCodeAccessFromList finds id's disableCodeAccessForReviews in
// the list. When the list leaves it out (the spec makes it optional) it is
// null: not known, which the attribute's plan modifier takes as "as it is"
// rather than guessing false and replacing a disabled integration.
func azureDevOpsCodeAccessFromList(list []client.AzureDevOpsIntegration, id string) types.Bool {
	for _, in := range list {
		if in.ID == id && in.DisableCodeAccessForReviews != nil {
			return types.BoolValue(*in.DisableCodeAccessForReviews)
		}
	}
	return types.BoolNull()
}

func azureDevOpsResourceSchema() rschema.Schema {
	return rschema.Schema{
		MarkdownDescription: "Manages an Azure DevOps integration of a Pulumi organization: connects an Azure DevOps project " +
			"and manages its pull request and Neo settings. The Azure DevOps OAuth consent must have been given first " +
			"(see the `pulumicloud_azure_devops_oauth_initiate` action and the `pulumicloud_azure_devops_access_status` data source).",
		Attributes: mergeAttributes(
			integrationBaseResourceAttributes("Azure DevOps"),
			resourceAttributes(concatFields(azureDevOpsFields, azureDevOpsGetOnlyFields), map[string]rschema.Attribute{
				"azure_devops_organization": rschema.StringAttribute{
					MarkdownDescription: "The Azure DevOps organization name (the `myorg` of dev.azure.com/myorg). Changing it replaces the integration.",
					Required:            true,
					CustomType:          fwtype.CaseInsensitiveStringType{},
					Validators:          azureDevOpsOrganizationValidators(),
					PlanModifiers:       []planmodifier.String{requiresReplaceUnlessEquivalent(sameCaseInsensitive)},
				},
				"azure_devops_project_id": rschema.StringAttribute{
					MarkdownDescription: "The id (a GUID) of the Azure DevOps project to integrate; the " +
						"`pulumicloud_azure_devops_projects` data source lists them. Changing it replaces the integration.",
					Required:      true,
					CustomType:    fwtype.CaseInsensitiveStringType{},
					Validators:    projectIDValidators(),
					PlanModifiers: []planmodifier.String{requiresReplaceUnlessEquivalent(sameCaseInsensitive)},
				},
				"disable_code_access_for_reviews": createOnlyBool("Whether code access for AI reviews is disabled. " +
					"Pulumi Cloud takes it only when the integration is created."),
			}),
			flagInputs("disable_pr_comments", "disable_neo_summaries", "disable_detailed_diff"),
		),
	}
}

// azureDevOpsIntegrationFromAPI maps the fields the list and the GET share.
// The organization name and project id are spelling types: the framework
// keeps the configured spelling when the API answers the same value.
// disableCodeAccessForReviews is kept when the answer (a GET) leaves it out.
func azureDevOpsIntegrationFromAPI(ctx context.Context, a *client.AzureDevOpsIntegration, m *azureDevOpsIntegrationFields) diag.Diagnostics {
	var diags, d diag.Diagnostics
	orgTypes, projTypes := attrTypes(azureDevOpsOrgFields), attrTypes(azureDevOpsProjectFields)
	m.Org, m.Project = types.ObjectNull(orgTypes), types.ObjectNull(projTypes)
	if a.Organization != nil {
		m.AzureDevOpsOrganization = fwtype.CaseInsensitiveStringValue(a.Organization.Name)
		m.Org, d = types.ObjectValueFrom(ctx, orgTypes, azureDevOpsOrgModel{
			ID: types.StringValue(a.Organization.ID), Name: types.StringValue(a.Organization.Name),
			AccountURL: types.StringValue(a.Organization.AccountURL), HasRequiredPermissions: types.BoolValue(a.Organization.HasRequiredPermissions),
		})
		diags.Append(d...)
	}
	if a.Project != nil {
		m.AzureDevOpsProjectID = fwtype.CaseInsensitiveStringValue(a.Project.ID)
		m.Project, d = types.ObjectValueFrom(ctx, projTypes, azureDevOpsProjectModel{
			ID: types.StringValue(a.Project.ID), Name: types.StringValue(a.Project.Name),
		})
		diags.Append(d...)
	}
	if m.AzureDevOpsOrganization.IsUnknown() {
		m.AzureDevOpsOrganization = fwtype.CaseInsensitiveString{StringValue: types.StringNull()}
	}
	if m.AzureDevOpsProjectID.IsUnknown() {
		m.AzureDevOpsProjectID = fwtype.CaseInsensitiveString{StringValue: types.StringNull()}
	}
	m.Valid = types.BoolValue(a.Valid)
	m.DisablePRComments = types.BoolValue(a.DisablePRComments)
	m.DisableNeoSummaries = types.BoolValue(a.DisableNeoSummaries)
	m.DisableDetailedDiff = types.BoolValue(a.DisableDetailedDiff)
	if a.DisableCodeAccessForReviews != nil {
		m.DisableCodeAccessForReviews = types.BoolValue(*a.DisableCodeAccessForReviews)
	}
	return diags
}

// azureDevOpsGetFieldsFromAPI maps what only the GET answers.
func azureDevOpsGetFieldsFromAPI(ctx context.Context, a *client.AzureDevOpsIntegration, m *azureDevOpsGetFields) diag.Diagnostics {
	var d diag.Diagnostics
	m.Installed = types.BoolValue(a.Installed)
	m.AuthUser, d = authUserFromAPI(ctx, a.AuthUser)
	return d
}
