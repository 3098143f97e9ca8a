package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
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

var (
	_ resource.ResourceWithIdentity = (*gitHubIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*gitLabIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*bitbucketIntegrationResource)(nil)
	_ resource.ResourceWithIdentity = (*azureDevOpsIntegrationResource)(nil)
)
