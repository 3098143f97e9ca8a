package provider

import rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"

// GitLabIntegrationResourceSchema is the schema of
// pulumicloud_gitlab_integration, validators, defaults and plan modifiers
// included. The benchmark's no-op provider (internal/bench/noop) serves it
// with no API behind it, to price being a framework provider with this
// schema apart from this provider's own work.
func GitLabIntegrationResourceSchema() rschema.Schema { return gitLabResourceSchema() }
