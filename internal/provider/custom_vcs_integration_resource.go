package provider

import (
	"context"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// pulumicloud_custom_vcs_integration runs on the shared lifecycle: the name is
// its natural key (unique in the organization, 409 when taken). Its create
// answers the integration (201), so the lifecycle takes that answer instead
// of finding it in the list; the answer is also the only place the webhook
// secret ever appears, so it goes into the (sensitive) state from there.

var (
	_ resource.ResourceWithImportState = (*customVCSIntegrationResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customVCSIntegrationResource)(nil)
)

type customVCSIntegrationResource = integrationResource[customVCSIntegrationModel, *customVCSIntegrationModel, client.CustomVCSIntegration]

// NewCustomVCSIntegrationResource is the pulumicloud_custom_vcs_integration resource.
func NewCustomVCSIntegrationResource() resource.Resource {
	return newIntegrationResource[customVCSIntegrationModel, *customVCSIntegrationModel](customVCSKind)
}

// customVCSIntegrationFields are the API's CustomVCSIntegrationResponse but
// the id, the secret and the repositories.
type customVCSIntegrationFields struct {
	Name        types.String `tfsdk:"name"`
	BaseURL     types.String `tfsdk:"base_url"`
	Environment types.String `tfsdk:"environment"`
	VCSType     types.String `tfsdk:"vcs_type"`
	WebhookURL  types.String `tfsdk:"webhook_url"`
	Created     types.String `tfsdk:"created"`
	Modified    types.String `tfsdk:"modified"`
}

// customVCSIntegrationModel is the resource model.
type customVCSIntegrationModel struct {
	integrationBase
	customVCSIntegrationFields
	WebhookSecret        types.String `tfsdk:"webhook_secret"`
	WebhookSecretVersion types.Int64  `tfsdk:"webhook_secret_version"`
	withTimeouts
}

var (
	customVCSRepositoryFields = []fieldSpec{
		stringField("name", "The repository's name or path, relative to `base_url` (e.g. `myrepo` or `subgroup/myrepo`)."),
		stringField("display_name", "The repository's display name; empty when it has none (the name is shown)."),
	}
	// customVCSFields are every field of CustomVCSIntegrationResponse the
	// resource has (the data sources add the repositories).
	customVCSFields = []fieldSpec{
		stringField("name", "The integration's name, unique within the organization (e.g. `Gitea Production`)."),
		stringField("base_url", "URL prefix of the repositories the integration covers (e.g. `https://gitea.example.com/myorg`)."),
		stringField("environment", "The Pulumi ESC environment, as `project/environment`, holding the credentials (SSH keys, tokens) used for repository operations."),
		stringField("vcs_type", "The version control system: `git` or `hg`."),
		stringField("webhook_url", "The endpoint the VCS must POST its webhook events to (it includes the integration id).").
			stable("the endpoint is named after the integration's id, which an update keeps"),
		stringField("created", "When the integration was created (ISO 8601).").
			stable("a creation time"),
		// Unknown on update: an update is a modification.
		stringField("modified", "When the integration was last modified (ISO 8601)."),
	}
	customVCSRepositoriesField = listField("repositories", "The repositories configured on the integration.", customVCSRepositoryFields...)
)

// escEnvironmentPattern is an ESC environment reference "project/env".
var escEnvironmentPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)

func escEnvironmentValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(escEnvironmentPattern,
		"must be a Pulumi ESC environment reference `project/environment`, such as `vcs/gitea`: two names of letters, digits, '-', '_' or '.', joined by one '/'")}
}

// customVCSKindType is the custom VCS kind: a create whose answer was lost
// makes a new webhook secret (finishCreate).
type customVCSKindType struct {
	*integrationKind[customVCSIntegrationModel, client.CustomVCSIntegration]
}

var _ createFinishing[customVCSIntegrationModel, client.CustomVCSIntegration] = customVCSKindType{}

// finishCreate: after a create that succeeded but whose answer was lost
// (found in the list after an ambiguous failure), the secret is unknown to
// everyone: regenerate it, so that the state holds a secret that works.
func (customVCSKindType) finishCreate(ctx context.Context, c *client.Client, org, id string, m *customVCSIntegrationModel,
	found *client.CustomVCSIntegration) (*client.CustomVCSIntegration, string, error) {
	if found.WebhookSecret != "" {
		return found, "", nil
	}
	a, err := c.UpdateCustomVCSIntegration(ctx, org, id, client.UpdateCustomVCSIntegrationRequest{
		Name:                    m.Name.ValueStringPointer(),
		BaseURL:                 m.BaseURL.ValueStringPointer(),
		Environment:             m.Environment.ValueStringPointer(),
		RegenerateWebhookSecret: true,
	})
	if err != nil {
		return nil, "making its webhook secret (the create's answer, the only one that carries it, was lost)", err
	}
	regenerated := *found
	regenerated.WebhookSecret = a.WebhookSecret
	return &regenerated, "", nil
}

var customVCSKind = customVCSKindType{&integrationKind[customVCSIntegrationModel, client.CustomVCSIntegration]{
	typeName: "custom_vcs_integration",
	title:    "Custom VCS",
	displayName: func(a *client.CustomVCSIntegration) string {
		return "Custom VCS integration " + a.Name + " (" + a.BaseURL + ")"
	},
	schema: customVCSResourceSchema,
	list: func(ctx context.Context, c *client.Client, org string) ([]client.CustomVCSIntegration, error) {
		return c.ListCustomVCSIntegrations(ctx, org)
	},
	get: func(ctx context.Context, c *client.Client, org, id string) (*client.CustomVCSIntegration, error) {
		return c.GetCustomVCSIntegration(ctx, org, id)
	},
	idOf: func(a *client.CustomVCSIntegration) string { return a.ID },
	describeKey: func(m *customVCSIntegrationModel) string {
		return "the name " + strconv.Quote(m.Name.ValueString())
	},
	matches: func(m *customVCSIntegrationModel, a *client.CustomVCSIntegration) bool {
		return a.Name == m.Name.ValueString()
	},
	// The create answers the integration (201), secret included.
	create: func(ctx context.Context, c *client.Client, org string, m *customVCSIntegrationModel, _ tfsdk.Config) (*client.CustomVCSIntegration, error) {
		a, err := c.CreateCustomVCSIntegration(ctx, org, client.CreateCustomVCSIntegrationRequest{
			Name:        m.Name.ValueString(),
			BaseURL:     m.BaseURL.ValueString(),
			Environment: m.Environment.ValueString(),
			VCSType:     m.VCSType.ValueString(),
		})
		if err != nil || a.ID == "" { // no id: look it up in the list
			return nil, err
		}
		return a, nil
	},
	listIsDetails: true,
	patch: func(ctx context.Context, c *client.Client, org, id string, m *customVCSIntegrationModel) error {
		a, err := c.UpdateCustomVCSIntegration(ctx, org, id, client.UpdateCustomVCSIntegrationRequest{
			Name:                    m.Name.ValueStringPointer(),
			BaseURL:                 m.BaseURL.ValueStringPointer(),
			Environment:             m.Environment.ValueStringPointer(),
			RegenerateWebhookSecret: m.WebhookSecret.IsUnknown(),
		})
		if err != nil {
			return err
		}
		if a.WebhookSecret != "" {
			m.WebhookSecret = types.StringValue(a.WebhookSecret)
		}
		return nil
	},
	del: func(ctx context.Context, c *client.Client, org, id string) error {
		return c.DeleteCustomVCSIntegration(ctx, org, id)
	},
	fromAPI: func(_ context.Context, a *client.CustomVCSIntegration, m *customVCSIntegrationModel) diag.Diagnostics {
		customVCSFromAPI(a, &m.customVCSIntegrationFields)
		if a.WebhookSecret != "" {
			m.WebhookSecret = types.StringValue(a.WebhookSecret)
		}
		if m.WebhookSecret.IsUnknown() { // never answered (after an import, or a lost create answer)
			m.WebhookSecret = types.StringNull()
		}
		return nil
	},
}}

// customVCSFromAPI maps CustomVCSIntegrationResponse into m.
func customVCSFromAPI(a *client.CustomVCSIntegration, m *customVCSIntegrationFields) {
	m.Name = types.StringValue(a.Name)
	m.BaseURL = types.StringValue(a.BaseURL)
	m.Environment = types.StringValue(a.Environment)
	vcsType := a.VCSType
	if vcsType == "" {
		vcsType = "git" // the API's default
	}
	m.VCSType = types.StringValue(vcsType)
	m.WebhookURL = types.StringValue(a.WebhookURL)
	m.Created = types.StringValue(a.Created)
	m.Modified = types.StringValue(a.Modified)
}

func customVCSResourceSchema() rschema.Schema {
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	inputs := map[string]rschema.Attribute{
		"name": rschema.StringAttribute{
			MarkdownDescription: "The integration's name, unique within the organization (e.g. `Gitea Production`). Changed in place.",
			Required:            true,
			Validators:          nonEmpty,
		},
		"base_url": rschema.StringAttribute{
			MarkdownDescription: "URL prefix of the repositories the integration covers, e.g. `https://gitea.example.com/myorg`: " +
				"Pulumi Cloud matches repositories to the integration by it and joins it with a repository's name to clone. Changed in place.",
			Required:   true,
			Validators: nonEmpty,
		},
		"environment": rschema.StringAttribute{
			MarkdownDescription: "The Pulumi ESC environment holding the VCS credentials (SSH keys, access tokens), as " +
				"`project/environment`, e.g. `vcs/gitea`. Changed in place.",
			Required:   true,
			Validators: escEnvironmentValidators(),
		},
		"vcs_type": rschema.StringAttribute{
			MarkdownDescription: "The version control system: `git` (the default) or `hg`. Changing it replaces the integration.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString("git"),
			Validators:          []validator.String{stringvalidator.OneOf("git", "hg")},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		},
		"webhook_url": rschema.StringAttribute{MarkdownDescription: customVCSFields[4].desc, Computed: true, PlanModifiers: keep},
		"created":     rschema.StringAttribute{MarkdownDescription: customVCSFields[5].desc, Computed: true, PlanModifiers: keep},
		"modified":    rschema.StringAttribute{MarkdownDescription: customVCSFields[6].desc, Computed: true},
		"webhook_secret": rschema.StringAttribute{
			MarkdownDescription: "The HMAC secret the VCS signs its webhook events with: configure it in the VCS beside " +
				"`webhook_url`. Sensitive. Pulumi Cloud answers it only when it makes one (the create, or a regeneration), " +
				"so it is null after an import; change `webhook_secret_version` to have a new one made.",
			Computed:      true,
			Sensitive:     true,
			PlanModifiers: []planmodifier.String{webhookSecretPlan{}},
		},
		"webhook_secret_version": rschema.Int64Attribute{
			MarkdownDescription: "Any number; changing it (setting it, too, after an import, which records none) regenerates " +
				"`webhook_secret` in place, and the old secret stops working.",
			Optional: true,
		},
	}
	return rschema.Schema{
		MarkdownDescription: "Manages a custom VCS integration of a Pulumi organization: connects a self-hosted or third-party " +
			"version control system (Gitea, Forgejo, Bitbucket Server, …) to Pulumi Deployments through credentials held " +
			"in a Pulumi ESC environment and inbound webhooks. Add repositories with `pulumicloud_custom_vcs_repository`.",
		Attributes: mergeAttributes(integrationBaseResourceAttributes("custom VCS"), inputs),
	}
}

// webhookSecretPlan keeps the secret of the state, unless
// webhook_secret_version changes: then it is unknown, which is what makes
// the update regenerate it. A create plans it unknown (the create answers it).
type webhookSecretPlan struct{}

var pathWebhookSecretVersion = path.Root("webhook_secret_version")

func (webhookSecretPlan) Description(context.Context) string {
	return "Keeps the webhook secret unless webhook_secret_version changes."
}

func (p webhookSecretPlan) MarkdownDescription(ctx context.Context) string { return p.Description(ctx) }

func (webhookSecretPlan) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() { // create, destroy
		return
	}
	var planned, prior types.Int64
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, pathWebhookSecretVersion, &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, pathWebhookSecretVersion, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if planned.IsUnknown() || !planned.Equal(prior) {
		resp.PlanValue = types.StringUnknown()
		return
	}
	resp.PlanValue = req.StateValue
}
