package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// pulumicloud_custom_vcs_repository is one entry of a custom VCS
// integration's repository list: added with POST .../custom/{id}/repos,
// read from the integration's GET, removed with DELETE .../repos whose body
// names it. There is no update: every change replaces it. It is not an
// integration kind, so it has its own (small) lifecycle.

var (
	_ resource.ResourceWithImportState = (*customVCSRepositoryResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*customVCSRepositoryResource)(nil)
	_ resource.ResourceWithIdentity    = (*customVCSRepositoryResource)(nil)
)

type customVCSRepositoryResource struct {
	data *providerData
}

// NewCustomVCSRepositoryResource is the pulumicloud_custom_vcs_repository resource.
func NewCustomVCSRepositoryResource() resource.Resource { return &customVCSRepositoryResource{} }

type customVCSRepositoryModel struct {
	ID            types.String   `tfsdk:"id"`
	Organization  types.String   `tfsdk:"organization"`
	IntegrationID types.String   `tfsdk:"integration_id"`
	Name          types.String   `tfsdk:"name"`
	DisplayName   types.String   `tfsdk:"display_name"`
	Timeouts      timeouts.Value `tfsdk:"timeouts"`
}

// located returns where a stored repository lives, with its integration
// in the log context.
func (m *customVCSRepositoryModel) located(ctx context.Context) (context.Context, string, string, string) {
	org, id := m.Organization.ValueString(), m.IntegrationID.ValueString()
	ctx = tflog.SetField(ctx, "organization", org)
	ctx = tflog.SetField(ctx, "integration_id", id)
	return ctx, org, id, m.Name.ValueString()
}

// customVCSRepositoryID is the resource id and import id:
// "<organization>/<integration_id>/<name>" (the name may hold '/').
func customVCSRepositoryID(org, integrationID, name string) string {
	return org + "/" + integrationID + "/" + name
}

// parseCustomVCSRepositoryID splits an import id; everything after the
// second '/' is the repository's name.
func parseCustomVCSRepositoryID(id string) (org, integrationID, name string, err error) {
	org, rest, ok := strings.Cut(id, "/")
	integrationID, name, ok2 := strings.Cut(rest, "/")
	const form = "<organization>/<integration_id>/<name>, e.g. acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b/group/repo"
	switch {
	case !ok || !ok2 || org == "" || integrationID == "" || name == "":
		return "", "", "", fmt.Errorf("the import id %q is not of the form %s", id, form)
	case checkOrganizationName(org) != "":
		return "", "", "", fmt.Errorf("the import id %q does not start with a valid organization: %s", id, checkOrganizationName(org))
	case client.CheckIntegrationID(integrationID) != nil:
		return "", "", "", fmt.Errorf("the import id %q has no valid integration id: %s", id,
			strings.TrimPrefix(client.CheckIntegrationID(integrationID).Error(), client.ErrInvalidRequest.Error()+": "))
	}
	return org, integrationID, name, nil
}

// customVCSRepositoryIdentityModel is the resource identity: the
// integration's identity and the repository's name.
type customVCSRepositoryIdentityModel struct {
	Organization  types.String `tfsdk:"organization"`
	IntegrationID types.String `tfsdk:"integration_id"`
	Name          types.String `tfsdk:"name"`
}

func (r *customVCSRepositoryResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	s := integrationIdentitySchema()
	s.Attributes["integration_id"] = identityschema.StringAttribute{
		Description: "The Pulumi Cloud id of the custom VCS integration.", RequiredForImport: true,
	}
	s.Attributes["name"] = identityschema.StringAttribute{
		Description: "The repository's name within the integration.", RequiredForImport: true,
	}
	resp.IdentitySchema = s
}

// setIdentity records where the repository lives (ident is nil only when the
// framework has no identity to fill).
func setCustomVCSRepositoryIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, org, id, name string) diag.Diagnostics {
	if ident == nil {
		return nil
	}
	return ident.Set(ctx, customVCSRepositoryIdentityModel{
		Organization: types.StringValue(org), IntegrationID: types.StringValue(id), Name: types.StringValue(name),
	})
}

func (r *customVCSRepositoryResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_custom_vcs_repository"
}

func (r *customVCSRepositoryResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = rschema.Schema{
		MarkdownDescription: "Manages one repository of a custom VCS integration (`pulumicloud_custom_vcs_integration`): " +
			"its name, joined with the integration's `base_url` to clone it, and its display name. Any change replaces it.",
		Attributes: map[string]rschema.Attribute{
			"id": rschema.StringAttribute{
				MarkdownDescription: "`<organization>/<integration_id>/<name>`: the string `terraform import` takes.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"organization": rschema.StringAttribute{
				MarkdownDescription: organizationDescription + " Changing it replaces the repository.",
				Optional:            true,
				Computed:            true,
				Validators:          organizationValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"integration_id": rschema.StringAttribute{
				MarkdownDescription: "The `integration_id` of the custom VCS integration. Changing it replaces the repository.",
				Required:            true,
				Validators:          append(integrationIDValidators(), noSlashValidator()),
				PlanModifiers:       replace,
			},
			"name": rschema.StringAttribute{
				MarkdownDescription: "The repository's name or path, unique within the integration and joined with its " +
					"`base_url` to form the clone URL (e.g. `myrepo` or `subgroup/myrepo`). Changing it replaces the repository.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers: replace,
			},
			"timeouts": timeoutsAttribute("repository"),
			"display_name": rschema.StringAttribute{
				MarkdownDescription: "A display name for the repository; when unset, Pulumi Cloud shows its name. Changing it replaces the repository.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
		},
	}
}

func (r *customVCSRepositoryResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan resolves organization as the integration resources do (their
// ModifyPlan reads only the provider data, never the kind).
func (r *customVCSRepositoryResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	planOrganization(ctx, r.data, req, resp)
}

const customVCSRepositoryTitle = "Custom VCS Repository"

func (r *customVCSRepositoryResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan customVCSRepositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	ctx, cancel := withOperationTimeout(ctx, plan.Timeouts.Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	org := r.data.resolveOrganization(plan.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	id, name := plan.IntegrationID.ValueString(), plan.Name.ValueString()
	ctx = tflog.SetField(ctx, "organization", org)
	ctx = tflog.SetField(ctx, "integration_id", id)
	c := r.data.client
	summary := "Unable to Create " + customVCSRepositoryTitle
	full := customVCSRepositoryID(org, id, name)

	err := c.AddCustomVCSRepository(ctx, org, id, client.AddCustomVCSRepositoryRequest{Name: name, DisplayName: plan.DisplayName.ValueString()})
	switch {
	case err == nil:
	case client.IsConflict(err):
		addAPIError(&resp.Diagnostics, summary,
			fmt.Sprintf("The custom VCS integration %s already has a repository named %q.", importID(org, id), name),
			fmt.Sprintf("To manage it with Terraform, import it instead of creating it:\n\n"+
				"  terraform import pulumicloud_custom_vcs_repository.<name> %s\n\nor add an import block (Terraform 1.5 or later):\n\n"+
				"  import {\n    to = pulumicloud_custom_vcs_repository.<name>\n    id = %q\n  }", full, full), err)
		return
	case client.IsNotFound(err):
		addAPIError(&resp.Diagnostics, summary,
			fmt.Sprintf("Organization %s has no custom VCS integration %s.", org, id),
			"Check integration_id: the pulumicloud_custom_vcs_integrations data source lists the integrations.", err)
		return
	case client.IsAmbiguous(err):
		// The POST may have taken effect: look before reporting anything,
		// also when Terraform interrupted the run (interruption.go).
		lctx := ctx
		if interrupted(ctx) {
			var cancel context.CancelFunc
			lctx, cancel = bookkeeping(ctx)
			defer cancel()
		}
		repo, lerr := r.lookup(lctx, c, org, id, name)
		if lerr == nil && repo != nil {
			tflog.Info(ctx, "the ambiguous add took effect")
			if interrupted(ctx) {
				resp.Diagnostics.AddWarning(customVCSRepositoryTitle+" Create Interrupted", fmt.Sprintf(
					"Terraform was interrupted while adding repository %q to the custom VCS integration %s, after the request was sent. "+
						"It was added (%s) and is recorded in the state, so the next terraform apply goes on from it.", name, importID(org, id), full))
			}
			break
		}
		if interrupted(ctx) {
			outcome := "It is not on the integration, so it was most likely not added."
			if lerr != nil {
				outcome = "Whether it was added is unknown: reading the integration failed (" + lerr.Error() + ")."
			}
			resp.Diagnostics.AddError(customVCSRepositoryTitle+" Create Interrupted", fmt.Sprintf(
				"Terraform was interrupted while adding repository %q to the custom VCS integration %s, after the request was sent. %s\n\n"+
					"Run terraform apply again: it adds the repository, or, if it is there, fails naming the command that adopts it:\n\n"+
					"  terraform import pulumicloud_custom_vcs_repository.<name> %s", name, importID(org, id), outcome, full))
			return
		}
		addAPIError(&resp.Diagnostics, summary,
			fmt.Sprintf("Adding repository %q to the custom VCS integration %s failed, and it is not on the integration.", name, importID(org, id)),
			"Run terraform apply again.", err)
		return
	default:
		addAPIError(&resp.Diagnostics, summary,
			fmt.Sprintf("Pulumi Cloud refused repository %q for the custom VCS integration %s.", name, importID(org, id)),
			"Check the name (and that the access token may manage the organization's integrations).", err)
		return
	}
	plan.ID = types.StringValue(full)
	plan.Organization = types.StringValue(org)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setCustomVCSRepositoryIdentity(ctx, resp.Identity, org, id, name)...)
}

// lookup returns the repository name of integration id, nil when the
// integration has none of that name, and a 404 error when it is gone.
func (r *customVCSRepositoryResource) lookup(ctx context.Context, c *client.Client, org, id, name string) (*client.CustomVCSRepository, error) {
	in, err := c.GetCustomVCSIntegration(ctx, org, id)
	if err != nil {
		return nil, err
	}
	for i := range in.Repositories {
		if in.Repositories[i].Name == name {
			return &in.Repositories[i], nil
		}
	}
	return nil, nil
}

func (r *customVCSRepositoryResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state customVCSRepositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := withOperationTimeout(ctx, state.Timeouts.Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, org, id, name := state.located(ctx)
	// The framework wants an identity even in a response that removes the resource.
	resp.Diagnostics.Append(setCustomVCSRepositoryIdentity(ctx, resp.Identity, org, id, name)...)
	repo, err := r.lookup(ctx, r.data.client, org, id, name)
	if client.IsNotFound(err) || (err == nil && repo == nil) {
		tflog.Warn(ctx, "custom VCS repository not found; removing it from state", map[string]any{"name": name})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Read "+customVCSRepositoryTitle,
			fmt.Sprintf("Reading the custom VCS integration %s, for its repository %q, failed.", importID(org, id), name),
			"Check that the access token may read the organization's integrations, then try again.", err)
		return
	}
	state.DisplayName = types.StringNull()
	if repo.DisplayName != "" {
		state.DisplayName = types.StringValue(repo.DisplayName)
	}
	state.ID = types.StringValue(customVCSRepositoryID(org, id, name))
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// Update changes only what is Terraform's own: every API attribute replaces,
// so the one in-place change is timeouts, recorded as planned.
func (r *customVCSRepositoryResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan customVCSRepositoryModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setCustomVCSRepositoryIdentity(ctx, resp.Identity,
		plan.Organization.ValueString(), plan.IntegrationID.ValueString(), plan.Name.ValueString())...)
}

func (r *customVCSRepositoryResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state customVCSRepositoryModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := withOperationTimeout(ctx, state.Timeouts.Delete, defaultDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, org, id, name := state.located(ctx)
	err := r.data.client.RemoveCustomVCSRepository(ctx, org, id, name)
	if err == nil || client.IsNotFound(err) {
		return
	}
	if interrupted(ctx) && client.IsAmbiguous(err) {
		resp.Diagnostics.AddError(customVCSRepositoryTitle+" Delete Interrupted", fmt.Sprintf(
			"Terraform was interrupted while removing repository %q from the custom VCS integration %s, after the request was sent: "+
				"whether it was removed is unknown, so it stays in the state.\n\n"+
				"Run terraform apply (or destroy) again: it reads the integration first and removes the repository if it is still there.",
			name, importID(org, id)))
		return
	}
	addAPIError(&resp.Diagnostics, "Unable to Delete "+customVCSRepositoryTitle,
		fmt.Sprintf("Removing repository %q from the custom VCS integration %s failed; it is still in the state.", name, importID(org, id)),
		"Run terraform destroy (or apply) again.", err)
}

func (r *customVCSRepositoryResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	org, id, name, ok := r.importTarget(ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(setCustomVCSRepositoryIdentity(ctx, resp.Identity, org, id, name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), customVCSRepositoryID(org, id, name))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization"), org)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("integration_id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

// importTarget is where an import points: the string id
// `<organization>/<integration_id>/<name>` or an import block's identity
// (whose organization defaults to the provider's).
func (r *customVCSRepositoryResource) importTarget(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (org, id, name string, ok bool) {
	const usage = "\n\nImport with `terraform import pulumicloud_custom_vcs_repository.<name> <organization>/<integration_id>/<name>` " +
		"or an import block with that `id` or with `identity = { organization, integration_id, name }`; " +
		"the pulumicloud_custom_vcs_integration data source lists an integration's repositories."
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		org, id, name, err := parseCustomVCSRepositoryID(req.ID)
		if err != nil {
			diags.AddError("Invalid Import ID", err.Error()+usage)
			return "", "", "", false
		}
		return org, id, name, true
	}
	var ident customVCSRepositoryIdentityModel
	if diags.Append(req.Identity.Get(ctx, &ident)...); diags.HasError() {
		return "", "", "", false
	}
	org = ident.Organization.ValueString()
	if org == "" && r.data != nil {
		org = r.data.organization
	}
	// The string form checks every part the same way.
	org, id, name, err := parseCustomVCSRepositoryID(customVCSRepositoryID(org, ident.IntegrationID.ValueString(), ident.Name.ValueString()))
	if err != nil {
		diags.AddError("Invalid Import Identity", strings.Replace(err.Error(), "the import id", "the identity", 1)+usage)
		return "", "", "", false
	}
	return org, id, name, true
}
