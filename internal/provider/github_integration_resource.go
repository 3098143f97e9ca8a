package provider

import (
	"context"
	"fmt"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

// GitHub and GitHub Enterprise Server are one implementation over two
// endpoint prefixes (client.GitHubEndpoint). This file holds it;
// github_enterprise_integration_resource.go only picks the other prefix.

var (
	_ resource.ResourceWithImportState      = (*gitHubIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan       = (*gitHubIntegrationResource)(nil)
	_ resource.ResourceWithConfigValidators = (*gitHubIntegrationResource)(nil)
)

// gitHubIntegrationResource serves pulumicloud_github_integration and
// pulumicloud_github_enterprise_integration.
type gitHubIntegrationResource = integrationResource[gitHubIntegrationModel, *gitHubIntegrationModel, client.GitHubIntegration]

// NewGitHubIntegrationResource is the pulumicloud_github_integration resource:
// it adopts an existing GitHub App installation into Terraform.
func NewGitHubIntegrationResource() resource.Resource {
	return newIntegrationResource[gitHubIntegrationModel, *gitHubIntegrationModel](gitHubKind(client.GitHubDotCom))
}

// gitHubIntegrationFields are the API's GitHubIntegrationDetails, except the id.
type gitHubIntegrationFields struct {
	InstallationID              types.Int64                  `tfsdk:"installation_id"`
	AccountID                   types.Int64                  `tfsdk:"account_id"`
	AccountName                 fwtype.CaseInsensitiveString `tfsdk:"account_name"`
	AvatarURL                   types.String                 `tfsdk:"avatar_url"`
	IsOrganization              types.Bool                   `tfsdk:"is_organization"`
	IsSelfHosted                types.Bool                   `tfsdk:"is_self_hosted"`
	Created                     types.String                 `tfsdk:"created"`
	HasMembersPermission        types.Bool                   `tfsdk:"has_members_permission"`
	HasContentsPermission       types.Bool                   `tfsdk:"has_contents_permission"`
	PermissionRequirements      types.List                   `tfsdk:"permission_requirements"`
	GHURLs                      types.Object                 `tfsdk:"gh_urls"`
	DisablePRComments           types.Bool                   `tfsdk:"disable_pr_comments"`
	DisableNeoSummaries         types.Bool                   `tfsdk:"disable_neo_summaries"`
	DisableDetailedDiff         types.Bool                   `tfsdk:"disable_detailed_diff"`
	DisableCodeAccessForReviews types.Bool                   `tfsdk:"disable_code_access_for_reviews"`
	DisableDraftPRComments      types.Bool                   `tfsdk:"disable_draft_pr_comments"`
	IndividualAuthEnabled       types.Bool                   `tfsdk:"individual_auth_enabled"`
}

// gitHubIntegrationModel is the resource model.
type gitHubIntegrationModel struct {
	integrationBase
	gitHubIntegrationFields
	withTimeouts
	// listedInstallationURL is the installationUrl of the last list a create
	// read (github_claim.go), for its errors; not an attribute.
	listedInstallationURL string `tfsdk:"-"`
}

type gitHubPermissionRequirementModel struct {
	Name         types.String `tfsdk:"name"`
	Required     types.String `tfsdk:"required"`
	Actual       types.String `tfsdk:"actual"`
	Reason       types.String `tfsdk:"reason"`
	IsSufficient types.Bool   `tfsdk:"is_sufficient"`
}

type gitHubAppURLsModel struct {
	InstallationURL  types.String `tfsdk:"installation_url"`
	ConfigurationURL types.String `tfsdk:"configuration_url"`
	PermissionsURL   types.String `tfsdk:"permissions_url"`
	StateParam       types.String `tfsdk:"state_param"`
}

var (
	gitHubPermissionRequirementFields = []fieldSpec{
		stringField("name", "The permission, e.g. `Checks` or `Contents`."),
		stringField("required", "The level Neo needs: `NoAccess`, `ReadOnly` or `ReadWrite`."),
		stringField("actual", "The level the installation has: `NoAccess`, `ReadOnly` or `ReadWrite`."),
		stringField("reason", "Why Neo needs it."),
		boolField("is_sufficient", "Whether `actual` satisfies `required`."),
	}
	gitHubAppURLFields = []fieldSpec{
		stringField("installation_url", "URL that installs the GitHub App."),
		stringField("configuration_url", "URL that configures the installation (repository access)."),
		stringField("permissions_url", "URL that manages the installation's permissions."),
		stringField("state_param", "OAuth state parameter of these URLs."),
	}
	// gitHubFields are every field of GitHubIntegrationDetails but the id.
	gitHubFields = concatFields([]fieldSpec{
		int64Field("installation_id", "The GitHub App installation id."),
		int64Field("account_id", "The GitHub account (user or organization) id.").
			stable("the account the installation belongs to: GitHub never moves an installation"),
		spelledField("account_name", "The GitHub account login the app is installed on.", fwtype.CaseInsensitiveStringType{}).
			stable("the account's login: a settings PATCH cannot rename it"),
		stringField("avatar_url", "The GitHub account's avatar URL.").
			stable("the account's avatar, by account id"),
		boolField("is_organization", "Whether the account is an organization rather than a personal account.").
			stable("the account's type"),
		boolField("is_self_hosted", "Whether this is a GitHub Enterprise Server installation.").
			stable("which GitHub the installation is on"),
		stringField("created", "When the installation was created (RFC 3339).").
			stable("a creation time"),
		// Unknown on update: what the installation may do is granted on
		// GitHub (an owner accepting new permissions) at any time.
		boolField("has_members_permission", "Whether the installation has the `members` permission (organization accounts only)."),
		boolField("has_contents_permission", "Whether the installation has the `contents` permission."),
		listField("permission_requirements", "Neo's GitHub App permission requirements and whether the installation meets them.",
			gitHubPermissionRequirementFields...),
		// Unknown on update: it carries an OAuth state parameter, a CSRF
		// token the service may mint afresh for any answer.
		objectField("gh_urls", "GitHub App management URLs of this installation.", gitHubAppURLFields...),
	}, flagFields, []fieldSpec{codeAccessField}, gitHubOnlyFlagFields)
)

// gitHubTitle is the kind's name in messages.
func gitHubTitle(ep client.GitHubEndpoint) string {
	if ep == client.GitHubEnterpriseServer {
		return "GitHub Enterprise"
	}
	return "GitHub"
}

// gitHubKindType is the kind of both GitHub resources: it adopts the
// installation the organization has (or, on GitHub.com, claims it: see
// github_claim.go), lists for a create on its own to note the install URL,
// PATCHes the flags after adopting, and explains a refused delete.
type gitHubKindType struct {
	*integrationKind[gitHubIntegrationModel, client.GitHubIntegration]
	ep client.GitHubEndpoint
}

var (
	_ adopting[gitHubIntegrationModel]                                   = gitHubKindType{}
	_ listingForCreate[gitHubIntegrationModel, client.GitHubIntegration] = gitHubKindType{}
	_ createRefusing[gitHubIntegrationModel]                             = gitHubKindType{}
	_ createFinishing[gitHubIntegrationModel, client.GitHubIntegration]  = gitHubKindType{}
	_ deleteRefusing                                                     = gitHubKindType{}
)

func gitHubKind(ep client.GitHubEndpoint) gitHubKindType {
	title := gitHubTitle(ep)
	typeName := "github_integration"
	if ep == client.GitHubEnterpriseServer {
		typeName = "github_enterprise_integration"
	}
	return gitHubKindType{ep: ep, integrationKind: &integrationKind[gitHubIntegrationModel, client.GitHubIntegration]{
		typeName: typeName,
		title:    title,
		schema:   func() rschema.Schema { return gitHubResourceSchema(ep) },
		list: func(ctx context.Context, c *client.Client, org string) ([]client.GitHubIntegration, error) {
			list, err := c.ListGitHubIntegrations(ctx, ep, org)
			if err != nil {
				return nil, err
			}
			return list.Integrations, nil
		},
		get: func(ctx context.Context, c *client.Client, org, id string) (*client.GitHubIntegration, error) {
			return c.GetGitHubIntegration(ctx, ep, org, id)
		},
		idOf: func(a *client.GitHubIntegration) string { return a.ID },
		displayName: func(a *client.GitHubIntegration) string {
			return fmt.Sprintf("%s account %s (installation %d)", title, a.AccountName, a.InstallationID)
		},
		describeKey: func(m *gitHubIntegrationModel) string {
			return "installation " + strconv.FormatInt(m.InstallationID.ValueInt64(), 10)
		},
		matches: func(m *gitHubIntegrationModel, a *client.GitHubIntegration) bool {
			return a.InstallationID == m.InstallationID.ValueInt64()
		},
		create: gitHubClaim(ep),
		patch: func(ctx context.Context, c *client.Client, org, id string, m *gitHubIntegrationModel) error {
			return c.UpdateGitHubIntegration(ctx, ep, org, id, gitHubUpdateFromModel(&m.gitHubIntegrationFields))
		},
		listIsDetails: true,
		del: func(ctx context.Context, c *client.Client, org, id string) error {
			return c.DeleteGitHubIntegration(ctx, ep, org, id)
		},
		fromAPI: func(ctx context.Context, a *client.GitHubIntegration, m *gitHubIntegrationModel) diag.Diagnostics {
			return gitHubIntegrationFromAPI(ctx, a, &m.gitHubIntegrationFields)
		},
	}}
}

// listFor lists for a create, noting the install URL the list answers,
// which the "not installed" errors quote instead of asking for it again.
func (k gitHubKindType) listFor(ctx context.Context, c *client.Client, org string, m *gitHubIntegrationModel) ([]client.GitHubIntegration, error) {
	list, err := c.ListGitHubIntegrations(ctx, k.ep, org)
	if err != nil {
		return nil, err
	}
	m.listedInstallationURL = list.InstallationURL
	return list.Integrations, nil
}

// notInstalled is the create's error when there is nothing to adopt (and no
// claim, on GitHub Enterprise Server).
func (k gitHubKindType) notInstalled(_ context.Context, _ *client.Client, org string, m *gitHubIntegrationModel) string {
	return fmt.Sprintf(
		"Organization %s has no %s integration for %s: the Pulumi GitHub App is not installed on that account, "+
			"or the installation is not connected to this organization.\n\n%s\n\nThen run terraform apply again.",
		org, k.title, k.describeKey(m), gitHubInstallHint(k.ep, org, m.listedInstallationURL))
}

// createRefused explains the claim's documented refusals (github_claim.go).
func (k gitHubKindType) createRefused(org string, m *gitHubIntegrationModel, err error) (string, string, bool) {
	return gitHubClaimRefused(k.ep, org, m, err)
}

// finishCreate: adopting makes the configured flags true; the list item is
// GitHubIntegrationDetails.
func (k gitHubKindType) finishCreate(ctx context.Context, c *client.Client, org, id string, m *gitHubIntegrationModel,
	found *client.GitHubIntegration) (*client.GitHubIntegration, string, error) {
	return flagSettings(ctx, c, org, id, m, found, func(m *gitHubIntegrationModel, a *client.GitHubIntegration) bool {
		return setFlags([]*bool{&a.DisablePRComments, &a.DisableNeoSummaries, &a.DisableDetailedDiff, &a.DisableCodeAccessForReviews,
			&a.DisableDraftPRComments, &a.IndividualAuthEnabled},
			m.DisablePRComments, m.DisableNeoSummaries, m.DisableDetailedDiff, m.DisableCodeAccessForReviews,
			m.DisableDraftPRComments, m.IndividualAuthEnabled)
	}, k.patch)
}

// deleteRefused: Pulumi Cloud answers 400 to deleting an installation other
// organizations use too.
func (k gitHubKindType) deleteRefused(org, id string, err error) (string, string, bool) {
	if !client.IsBadRequest(err) {
		return "", "", false
	}
	return "Unable to Delete " + k.title + " Integration", fmt.Sprintf(
		"Pulumi Cloud will not delete the %s integration %s: its GitHub App installation is used by several "+
			"Pulumi organizations. Nothing was deleted, and Terraform keeps the integration in its state.\n\n"+
			"To stop managing it with Terraform without deleting it, remove it from the state "+
			"(`terraform state rm`, or a `removed` block with `lifecycle { destroy = false }`). To delete it, "+
			"first disconnect the installation from the other Pulumi organizations (or uninstall the app on GitHub).\n\n"+
			"Pulumi Cloud said: %s", k.title, importID(org, id), err.Error()), true
}

// gitHubInstallHint says how to install the app, with the install URL the
// list answered (installationURL; empty when it answered none).
func gitHubInstallHint(ep client.GitHubEndpoint, org, installationURL string) string {
	if installationURL != "" {
		return "Install (or connect) the Pulumi GitHub App on the account by opening:\n\n  " + installationURL
	}
	if ep == client.GitHubEnterpriseServer {
		return "Install the Pulumi GitHub App on your GitHub Enterprise Server and connect it to organization " + org +
			" in Pulumi Cloud (Settings → Version control → GitHub Enterprise)."
	}
	return "Install the Pulumi GitHub App from Pulumi Cloud (Settings → Version control → GitHub) for organization " + org + "."
}

func gitHubResourceSchema(ep client.GitHubEndpoint) rschema.Schema {
	title := gitHubTitle(ep)
	inputs := map[string]rschema.Attribute{
		"installation_id": rschema.Int64Attribute{
			MarkdownDescription: installationIDDescription(ep),
			Required:            true,
			Validators:          positiveID(),
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.RequiresReplace()},
		},
	}
	desc := "Manages a " + title + " integration of a Pulumi organization: adopts the GitHub App installation " +
		"`installation_id` when the organization has it already, else links (claims) it when no organization has it yet, " +
		"such as an installation from the GitHub Marketplace, and manages its pull request and Neo settings. " +
		"Deleting it disconnects the installation from the organization (Pulumi Cloud refuses when the app serves " +
		"several Pulumi organizations)."
	if ep == client.GitHubEnterpriseServer {
		desc = "Manages a GitHub Enterprise Server integration of a Pulumi organization: adopts an existing installation of " +
			"the Pulumi GitHub App on your GitHub Enterprise Server (by `installation_id`) and manages its pull request and Neo settings."
	}
	return rschema.Schema{
		MarkdownDescription: desc,
		Attributes: mergeAttributes(
			integrationBaseResourceAttributes(title),
			resourceAttributes(gitHubFields, inputs),
			flagInputs("disable_pr_comments", "disable_neo_summaries", "disable_detailed_diff", "disable_code_access_for_reviews",
				"disable_draft_pr_comments", "individual_auth_enabled"),
		),
	}
}

// gitHubUpdateFromModel is the PATCH body: every flag, explicitly.
func gitHubUpdateFromModel(m *gitHubIntegrationFields) client.UpdateGitHubIntegrationRequest {
	return client.UpdateGitHubIntegrationRequest{
		DisablePRComments:           m.DisablePRComments.ValueBoolPointer(),
		DisableNeoSummaries:         m.DisableNeoSummaries.ValueBoolPointer(),
		DisableDetailedDiff:         m.DisableDetailedDiff.ValueBoolPointer(),
		DisableCodeAccessForReviews: m.DisableCodeAccessForReviews.ValueBoolPointer(),
		DisableDraftPRComments:      m.DisableDraftPRComments.ValueBoolPointer(),
		IndividualAuthEnabled:       m.IndividualAuthEnabled.ValueBoolPointer(),
	}
}

// gitHubIntegrationFromAPI maps GitHubIntegrationDetails into m.
func gitHubIntegrationFromAPI(ctx context.Context, a *client.GitHubIntegration, m *gitHubIntegrationFields) diag.Diagnostics {
	var diags diag.Diagnostics
	m.InstallationID = types.Int64Value(a.InstallationID)
	m.AccountID = types.Int64Value(a.AccountID)
	m.AccountName = fwtype.CaseInsensitiveStringValue(a.AccountName)
	m.AvatarURL = types.StringValue(a.AvatarURL)
	m.IsOrganization = types.BoolValue(a.IsOrganization)
	m.IsSelfHosted = types.BoolValue(a.IsSelfHosted)
	m.Created = types.StringValue(a.Created)
	m.HasMembersPermission = types.BoolValue(a.HasMembersPermission)
	m.HasContentsPermission = types.BoolValue(a.HasContentsPermission)
	m.DisablePRComments = types.BoolValue(a.DisablePRComments)
	m.DisableNeoSummaries = types.BoolValue(a.DisableNeoSummaries)
	m.DisableDetailedDiff = types.BoolValue(a.DisableDetailedDiff)
	m.DisableCodeAccessForReviews = types.BoolValue(a.DisableCodeAccessForReviews)
	m.DisableDraftPRComments = types.BoolValue(a.DisableDraftPRComments)
	m.IndividualAuthEnabled = types.BoolValue(a.IndividualAuthEnabled)

	reqs := make([]gitHubPermissionRequirementModel, 0, len(a.NeoGitHubAppPermissionRequirements))
	for _, p := range a.NeoGitHubAppPermissionRequirements {
		reqs = append(reqs, gitHubPermissionRequirementModel{
			Name: types.StringValue(p.Name), Required: types.StringValue(p.Required), Actual: types.StringValue(p.Actual),
			Reason: types.StringValue(p.Reason), IsSufficient: types.BoolValue(p.IsSufficient),
		})
	}
	var d diag.Diagnostics
	m.PermissionRequirements, d = types.ListValueFrom(ctx, types.ObjectType{AttrTypes: attrTypes(gitHubPermissionRequirementFields)}, reqs)
	diags.Append(d...)

	urlTypes := attrTypes(gitHubAppURLFields)
	if a.GHURLs == nil {
		m.GHURLs = types.ObjectNull(urlTypes)
	} else {
		m.GHURLs, d = types.ObjectValueFrom(ctx, urlTypes, gitHubAppURLsModel{
			InstallationURL:  types.StringValue(a.GHURLs.InstallationURL),
			ConfigurationURL: types.StringValue(a.GHURLs.ConfigurationURL),
			PermissionsURL:   types.StringValue(a.GHURLs.PermissionsURL),
			StateParam:       types.StringValue(a.GHURLs.StateParam),
		})
		diags.Append(d...)
	}
	return diags
}
