package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
			customVCSRepositoryImport.importHint(importTarget{org: org, integrationID: id, name: name}), err)
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
		repo, _, lerr := r.lookup(lctx, org, id, name, 0)
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

// lookup returns the repository name of integration id, or nil when the
// integration has none of that name or is gone, from the process's shared
// GET of the integration (sharedCustomVCSIntegration) that started after
// the GET numbered `after` (0: any) and after this process's last write, and
// that GET's number.
func (r *customVCSRepositoryResource) lookup(ctx context.Context, org, id, name string, after uint64) (*client.CustomVCSRepository, uint64, error) {
	in, seq, err := sharedCustomVCSIntegration(ctx, r.data, org, id, after)
	if err != nil || in == nil {
		return nil, seq, err
	}
	for i := range in.Repositories {
		if in.Repositories[i].Name == name {
			return &in.Repositories[i], seq, nil
		}
	}
	return nil, seq, nil
}

// current is repository name as the API has it now, or nil when it is
// gone: a repository (or its integration) missing from the shared GET is
// confirmed missing by a GET that started after that one, as the
// integration lists confirm an integration's absence, before it leaves the
// state. The repositories found missing together share that GET too.
func (r *customVCSRepositoryResource) current(ctx context.Context, org, id, name string) (*client.CustomVCSRepository, error) {
	repo, seq, err := r.lookup(ctx, org, id, name, 0)
	if err != nil || repo != nil {
		return repo, err
	}
	tflog.Debug(ctx, "not in the integration's snapshot; confirming with a later GET before anything leaves the state", map[string]any{"name": name})
	repo, _, err = r.lookup(ctx, org, id, name, seq)
	return repo, err
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
	repo, err := r.current(ctx, org, id, name)
	if err == nil && repo == nil {
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
	customVCSRepositoryImport.importState(ctx, req, resp, r.data)
}
