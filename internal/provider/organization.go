package provider

import (
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

const organizationDescription = "The Pulumi organization. Defaults to the provider's `organization`; " +
	"one of the two must be set."

// resolveOrganization returns the organization a resource or data source
// works in: its own when set, else the provider's default. It adds an error
// naming the attribute when neither is set.
func (pd *providerData) resolveOrganization(configured types.String, diags *diag.Diagnostics) string {
	if !configured.IsNull() && !configured.IsUnknown() && configured.ValueString() != "" {
		return configured.ValueString()
	}
	if pd != nil && pd.organization != "" {
		return pd.organization
	}
	diags.AddAttributeError(path.Root("organization"), "Missing Pulumi Organization",
		"Set `organization` on this block, or a default `organization` in the provider block "+
			"(or the "+envOrganization+" environment variable).")
	return ""
}

// dataSourceOrganizationAttribute is the `organization` attribute of a data
// source: optional, and computed from the provider's default when unset.
func dataSourceOrganizationAttribute() dsschema.StringAttribute {
	return dsschema.StringAttribute{
		MarkdownDescription: organizationDescription,
		Optional:            true,
		Computed:            true,
		Validators:          organizationValidators(),
	}
}
