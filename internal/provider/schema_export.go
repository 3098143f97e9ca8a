package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// GitLabIntegrationResourceSchema is the schema of
// pulumicloud_gitlab_integration, validators, defaults and plan modifiers
// included. The benchmark's no-op provider (internal/bench/noop) serves it
// with no API behind it, to price being a framework provider with this
// schema apart from this provider's own work.
func GitLabIntegrationResourceSchema() rschema.Schema { return gitLabResourceSchema() }

// ResourceSchema is the schema of the resource pulumicloud_<typeName> (e.g.
// "custom_vcs_repository"), taken from the provider's own resources, and
// whether there is one: the no-op provider's twin of each kind the
// benchmark creates many times.
func ResourceSchema(typeName string) (rschema.Schema, bool) {
	ctx := context.Background()
	for _, newResource := range (&pulumiCloudProvider{}).Resources(ctx) {
		r := newResource()
		var md resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "pulumicloud"}, &md)
		if md.TypeName != "pulumicloud_"+typeName {
			continue
		}
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		return sr.Schema, true
	}
	return rschema.Schema{}, false
}
