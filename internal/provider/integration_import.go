package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// Import: every resource of the provider lives at an organization and an
// integration id, and a custom VCS repository adds its name. One form
// (importForm) per resource type says which; one parser reads the string id,
// one importer reads the string id or an import block's identity, and one
// hint tells a user whose create met an existing object how to import it.

// importID is an integration resource's id: "<organization>/<integration_id>".
func importID(org, integrationID string) string { return org + "/" + integrationID }

// importTarget is what an import id or identity names.
type importTarget struct{ org, integrationID, name string }

// importForm is the shape of a resource type's import id.
type importForm struct {
	typeName string // the resource type, e.g. pulumicloud_gitlab_integration
	// withName: the id has a third part, the name, which is everything after
	// the second '/' (it may hold '/' itself).
	withName bool
	lister   string // what lists the ids, for the usage text
}

// integrationImport is the import form of an integration kind's resource.
func integrationImport(typeName string) importForm {
	return importForm{typeName: "pulumicloud_" + typeName, lister: "the pulumicloud_" + typeName + "s data source lists the ids"}
}

// customVCSRepositoryImport is pulumicloud_custom_vcs_repository's import form.
var customVCSRepositoryImport = importForm{
	typeName: "pulumicloud_custom_vcs_repository", withName: true,
	lister: "the pulumicloud_custom_vcs_integration data source lists an integration's repositories",
}

// placeholder is the id's form in the usage text.
func (f importForm) placeholder() string {
	if f.withName {
		return "<organization>/<integration_id>/<name>"
	}
	return "<organization>/<integration_id>"
}

// id is t as this form's string id.
func (f importForm) id(t importTarget) string {
	if f.withName {
		return importID(t.org, t.integrationID) + "/" + t.name
	}
	return importID(t.org, t.integrationID)
}

// usage tells every way to import this resource type.
func (f importForm) usage() string {
	ident := `organization = "<organization>", integration_id = "<integration_id>"`
	if f.withName {
		ident += `, name = "<name>"`
	}
	return "Import with `terraform import " + f.typeName + ".<name> " + f.placeholder() + "`, or an import block with " +
		"`id = \"" + f.placeholder() + "\"` or `identity = { " + ident + " }`; " + f.lister + "."
}

// parse splits a string id, checking every part.
func (f importForm) parse(id string) (importTarget, error) {
	example := "acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b"
	if f.withName {
		example += "/group/repo"
	}
	s := strings.TrimSpace(id)
	if f.withName {
		s = strings.TrimLeft(id, " \t\r\n") // the name is the rest, as it is
	}
	org, rest, ok := strings.Cut(s, "/")
	t := importTarget{org: org, integrationID: rest}
	if f.withName {
		var ok2 bool
		t.integrationID, t.name, ok2 = strings.Cut(rest, "/")
		ok = ok && ok2 && t.name != ""
	}
	switch {
	case !ok || t.org == "" || t.integrationID == "":
		return importTarget{}, fmt.Errorf("the import id %q is not of the form %s, e.g. %s", id, f.placeholder(), example)
	case strings.Contains(t.integrationID, "/"):
		return importTarget{}, fmt.Errorf("the import id %q has more than one '/': want %s", id, f.placeholder())
	case checkOrganizationName(t.org) != "":
		return importTarget{}, fmt.Errorf("the import id %q does not start with a valid organization: %s", id, checkOrganizationName(t.org))
	case strings.TrimSpace(t.integrationID) != t.integrationID:
		return importTarget{}, fmt.Errorf("the import id %q has spaces around the integration id", id)
	case client.CheckIntegrationID(t.integrationID) != nil:
		return importTarget{}, fmt.Errorf("the import id %q has no valid integration id: %s", id, integrationIDProblem(t.integrationID))
	}
	return t, nil
}

// integrationIDProblem is what client.CheckIntegrationID finds wrong with id.
func integrationIDProblem(id string) string {
	return strings.TrimPrefix(client.CheckIntegrationID(id).Error(), client.ErrInvalidRequest.Error()+": ")
}

// target is where an import points: the string id (terraform import, import
// blocks with `id`, pulumi import) or the identity of an import block, whose
// organization defaults to the provider's.
func (f importForm) target(ctx context.Context, req resource.ImportStateRequest, data *providerData, diags *diag.Diagnostics) (importTarget, bool) {
	usage := "\n\n" + f.usage()
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		t, err := f.parse(req.ID)
		if err != nil {
			diags.AddError("Invalid Import ID", err.Error()+usage)
			return importTarget{}, false
		}
		return t, true
	}
	get := func(attr string) string {
		var v types.String
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(attr), &v)...)
		return v.ValueString()
	}
	t := importTarget{org: get("organization"), integrationID: get("integration_id")}
	if f.withName {
		t.name = get("name")
	}
	if diags.HasError() {
		return importTarget{}, false
	}
	if t.integrationID == "" || !noSlashPattern.MatchString(t.integrationID) {
		diags.AddAttributeError(path.Root("integration_id"), "Invalid Import Identity",
			fmt.Sprintf("The identity's integration_id %q is not an integration id (one segment, no '/' or spaces).%s", t.integrationID, usage))
		return importTarget{}, false
	}
	if client.CheckIntegrationID(t.integrationID) != nil {
		diags.AddAttributeError(path.Root("integration_id"), "Invalid Import Identity",
			fmt.Sprintf("The identity's integration_id %q is not an integration id: %s%s", t.integrationID, integrationIDProblem(t.integrationID), usage))
		return importTarget{}, false
	}
	if f.withName && t.name == "" {
		diags.AddAttributeError(path.Root("name"), "Invalid Import Identity", "The identity's name is empty."+usage)
		return importTarget{}, false
	}
	if t.org == "" && data != nil {
		t.org = data.organization
	}
	if t.org == "" {
		diags.AddAttributeError(path.Root("organization"), "Missing Pulumi Organization",
			"The import identity leaves out organization and the provider has no default `organization` "+
				"(or "+envOrganization+" environment variable). Set one of them."+usage)
		return importTarget{}, false
	}
	if msg := checkOrganizationName(t.org); msg != "" {
		diags.AddAttributeError(path.Root("organization"), "Invalid Import Identity",
			fmt.Sprintf("The identity's organization %q is not a Pulumi organization name: %s%s", t.org, msg, usage))
		return importTarget{}, false
	}
	return t, true
}

// importState is a resource's ImportState: it records where the resource
// lives, in the state and as its identity, for the read that follows.
func (f importForm) importState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse, data *providerData) {
	t, ok := f.target(ctx, req, data, &resp.Diagnostics)
	if !ok {
		return
	}
	set := func(attr, v string) { resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), v)...) }
	set("id", f.id(t))
	set("organization", t.org)
	set("integration_id", t.integrationID)
	if f.withName {
		set("name", t.name)
		resp.Diagnostics.Append(setCustomVCSRepositoryIdentity(ctx, resp.Identity, t.org, t.integrationID, t.name)...)
		return
	}
	resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, t.org, t.integrationID)...)
}

// importHint tells a user whose create met an existing object how to bring
// it under Terraform instead.
func (f importForm) importHint(t importTarget) string {
	if t.integrationID == "" {
		t.integrationID = "<integration_id>"
	}
	full, address := f.id(t), f.typeName+".<name>"
	return fmt.Sprintf("To manage it with Terraform, import it instead of creating it:\n\n"+
		"  terraform import %s %s\n\nor add an import block (Terraform 1.5 or later):\n\n"+
		"  import {\n    to = %s\n    id = %q\n  }", address, full, address, full)
}
