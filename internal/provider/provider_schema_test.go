package provider

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The type names DESIGN.md fixes: users, examples and outside tests rely on
// them, so adding or renaming one must be deliberate.
var (
	designResources = []string{
		"pulumicloud_azure_devops_integration", "pulumicloud_bitbucket_integration",
		"pulumicloud_custom_vcs_integration", "pulumicloud_custom_vcs_repository",
		"pulumicloud_github_enterprise_integration", "pulumicloud_github_integration",
		"pulumicloud_gitlab_integration",
	}
	designDataSources = []string{
		"pulumicloud_azure_devops_access_status", "pulumicloud_azure_devops_integration",
		"pulumicloud_azure_devops_integrations", "pulumicloud_azure_devops_organizations",
		"pulumicloud_azure_devops_projects", "pulumicloud_bitbucket_access_status",
		"pulumicloud_bitbucket_integration", "pulumicloud_bitbucket_integrations",
		"pulumicloud_custom_vcs_integration", "pulumicloud_custom_vcs_integrations",
		"pulumicloud_github_access_status", "pulumicloud_github_claimable_installations",
		"pulumicloud_github_enterprise_integration",
		"pulumicloud_github_enterprise_integrations", "pulumicloud_github_integration",
		"pulumicloud_github_integrations", "pulumicloud_github_setup",
		"pulumicloud_gitlab_access_status", "pulumicloud_gitlab_integration",
		"pulumicloud_gitlab_integrations", "pulumicloud_vcs_branches",
		"pulumicloud_vcs_integrations", "pulumicloud_vcs_repo_destinations", "pulumicloud_vcs_repos",
	}
	designActions = []string{
		"pulumicloud_azure_devops_oauth_complete", "pulumicloud_azure_devops_oauth_initiate",
	}
)

func providerSchema(t *testing.T) *tfprotov6.GetProviderSchemaResponse {
	t.Helper()
	server := providerserver.NewProtocol6(New("test")())()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	return resp
}

// TestProviderServesTheDesignedTypes pins the type names of DESIGN.md.
func TestProviderServesTheDesignedTypes(t *testing.T) {
	resp := providerSchema(t)
	if got := sortedKeys(resp.ResourceSchemas); !slices.Equal(got, designResources) {
		t.Errorf("resources = %v, want %v", got, designResources)
	}
	if got := sortedKeys(resp.DataSourceSchemas); !slices.Equal(got, designDataSources) {
		t.Errorf("data sources = %v, want %v", got, designDataSources)
	}
	if got := sortedKeys(resp.ActionSchemas); !slices.Equal(got, designActions) {
		t.Errorf("actions = %v, want %v", got, designActions)
	}
}

// TestSchemasSuitTerraformOpenTofuAndTheBridge checks what the Pulumi
// Terraform bridge (and generated docs) need of every type: nested attributes
// rather than blocks, a string id (the import id for resources), a
// description on every attribute, no name the bridge reserves, no
// ephemeral-only workflow, and a stored alternative to every write-only
// secret for bridges that cannot send write-only values.
func TestSchemasSuitTerraformOpenTofuAndTheBridge(t *testing.T) {
	resp := providerSchema(t)
	if n := len(resp.EphemeralResourceSchemas); n != 0 {
		t.Errorf("%d ephemeral resources: the bridge has no ephemeral-only workflows", n)
	}
	check := func(kind, typeName string, s *tfprotov6.Schema, isResource bool) {
		if s == nil || s.Block == nil {
			t.Errorf("%s %s: no schema", kind, typeName)
			return
		}
		if strings.TrimSpace(s.Block.Description) == "" {
			t.Errorf("%s %s: no description", kind, typeName)
		}
		if len(s.Block.BlockTypes) != 0 {
			t.Errorf("%s %s: has blocks; use nested attributes", kind, typeName)
		}
		byName := map[string]*tfprotov6.SchemaAttribute{}
		for _, a := range s.Block.Attributes {
			byName[a.Name] = a
		}
		id := byName["id"]
		switch {
		case kind == "action" || kind == "provider":
		case id == nil || !id.Type.Is(tftypes.String):
			t.Errorf("%s %s: no string id attribute", kind, typeName)
		case isResource && (!id.Computed || id.Optional || id.Required):
			t.Errorf("%s %s: id must be computed only", kind, typeName)
		}
		for _, a := range s.Block.Attributes {
			if a.WriteOnly {
				alt := byName[strings.TrimSuffix(a.Name, "_wo")]
				if alt == nil || !alt.Sensitive || alt.WriteOnly {
					t.Errorf("%s %s: write-only %s has no sensitive, stored alternative for bridges", kind, typeName, a.Name)
				}
				if !a.Sensitive {
					t.Errorf("%s %s: write-only %s is not sensitive", kind, typeName, a.Name)
				}
			}
		}
		walkAttributes(t, kind+" "+typeName, "", s.Block.Attributes)
	}
	for name, s := range resp.ResourceSchemas {
		check("resource", name, s, true)
	}
	for name, s := range resp.DataSourceSchemas {
		check("data source", name, s, false)
	}
	for name, s := range resp.ActionSchemas {
		check("action", name, s.Schema, false)
	}
	check("provider", "pulumicloud", resp.Provider, false)
}

// walkAttributes checks every attribute, nested ones included.
func walkAttributes(t *testing.T, owner, prefix string, attrs []*tfprotov6.SchemaAttribute) {
	t.Helper()
	for _, a := range attrs {
		path := prefix + a.Name
		if strings.TrimSpace(a.Description) == "" {
			t.Errorf("%s: attribute %s has no description", owner, path)
		}
		if slices.Contains([]string{"urn", "pulumi", "version"}, a.Name) {
			t.Errorf("%s: attribute %s uses a name the Pulumi bridge reserves", owner, path)
		}
		if a.NestedType != nil {
			walkAttributes(t, owner, path+".", a.NestedType.Attributes)
		}
	}
}
