package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Resource identity (Terraform and OpenTofu 1.12 or later): where an
// integration lives, as `organization` and `integration_id`. It is what an
// `import { identity = {...} }` block takes and what a list resource
// (`terraform query`) answers for each integration. Every CRUD and import
// response of an integration kind sets it (setIntegrationIdentity): a
// response without it fails with "Missing Resource Identity After ..." on
// clients that keep identities, and older clients ignore it.

// integrationIdentityModel is the identity's value.
type integrationIdentityModel struct {
	Organization  types.String `tfsdk:"organization"`
	IntegrationID types.String `tfsdk:"integration_id"`
}

// integrationIdentitySchema is the identity schema of every integration kind.
func integrationIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"organization": identityschema.StringAttribute{
				Description: "The Pulumi organization. On import it defaults to the provider's `organization`.",
				// Optional on import: the provider's default organization fills it.
				OptionalForImport: true,
			},
			"integration_id": identityschema.StringAttribute{
				Description:       "The Pulumi Cloud id of the integration.",
				RequiredForImport: true,
			},
		},
	}
}

// setIntegrationIdentity records org and id as the identity. ident is nil
// only when the framework has no identity to fill (it always has one for a
// resource with an identity schema).
func setIntegrationIdentity(ctx context.Context, ident *tfsdk.ResourceIdentity, org, id string) diag.Diagnostics {
	if ident == nil {
		return nil
	}
	return ident.Set(ctx, integrationIdentityModel{
		Organization: types.StringValue(org), IntegrationID: types.StringValue(id),
	})
}

func (r *integrationResource[M, P, A]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = integrationIdentitySchema()
}

// importTarget is where an import points: the string id
// `<organization>/<integration_id>` (terraform import, import blocks with
// `id`, pulumi import) or the identity of an import block.
func (r *integrationResource[M, P, A]) importTarget(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (org, id string) {
	usage := "Import with `terraform import pulumicloud_" + r.kind.typeName + ".<name> <organization>/<integration_id>`, " +
		"or an import block with `id = \"<organization>/<integration_id>\"` or " +
		"`identity = { organization = \"<organization>\", integration_id = \"<integration_id>\" }`; " +
		"the pulumicloud_" + r.kind.typeName + "s data source lists the ids."
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		org, id, err := parseImportID(req.ID)
		if err != nil {
			diags.AddError("Invalid Import ID", err.Error()+"\n\n"+usage)
			return "", ""
		}
		return org, id
	}
	var ident integrationIdentityModel
	diags.Append(req.Identity.Get(ctx, &ident)...)
	if diags.HasError() {
		return "", ""
	}
	id = ident.IntegrationID.ValueString()
	if id == "" || !noSlashPattern.MatchString(id) {
		diags.AddAttributeError(path.Root("integration_id"), "Invalid Import Identity",
			fmt.Sprintf("The identity's integration_id %q is not an integration id (one segment, no '/' or spaces).\n\n%s", id, usage))
		return "", ""
	}
	org = ident.Organization.ValueString()
	if org == "" && r.data != nil {
		org = r.data.organization
	}
	if org == "" {
		diags.AddAttributeError(path.Root("organization"), "Missing Pulumi Organization",
			"The import identity leaves out organization and the provider has no default `organization` "+
				"(or "+envOrganization+" environment variable). Set one of them.\n\n"+usage)
		return "", ""
	}
	if msg := checkOrganizationName(org); msg != "" {
		diags.AddAttributeError(path.Root("organization"), "Invalid Import Identity",
			fmt.Sprintf("The identity's organization %q is not a Pulumi organization name: %s\n\n%s", org, msg, usage))
		return "", ""
	}
	return org, id
}

var (
	_ resource.ResourceWithIdentity = (*gitHubIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*gitLabIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*azureDevOpsIntegrationResource)(nil)
)
