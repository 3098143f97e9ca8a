package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// TestKindSchemaBuiltOnce: a resource type's schema is built once, however
// many resources the framework makes (one per RPC) and however many times it
// asks, even when each resource gets a kind value of its own (as gitHubKind
// makes).
func TestKindSchemaBuiltOnce(t *testing.T) {
	builds := 0
	newKind := func() *integrationKind[gitLabIntegrationModel, client.GitLabIntegration] {
		return &integrationKind[gitLabIntegrationModel, client.GitLabIntegration]{
			typeName: "test_counted_integration",
			schema: func() rschema.Schema {
				builds++
				return gitLabResourceSchema()
			},
		}
	}
	for range 5 {
		r := newIntegrationResource[gitLabIntegrationModel, *gitLabIntegrationModel](gitLabKindType{newKind()})
		var resp resource.SchemaResponse
		r.Schema(context.Background(), resource.SchemaRequest{}, &resp)
		if _, ok := resp.Schema.Attributes["gitlab_group_id"]; !ok {
			t.Fatalf("schema without gitlab_group_id: %v", resp.Schema.Attributes)
		}
		if len(r.kind.built().stable) == 0 {
			t.Fatal("no stable attributes")
		}
	}
	if builds != 1 {
		t.Errorf("the schema was built %d times for 5 resources, want once", builds)
	}
}
