// Package pulumicloud is the provider's public entry point for code outside
// this module, such as the Pulumi Terraform bridge build in pulumi/ (its
// plugin, schema and SDKs; pulumi/bridge proves the provider maps cleanly
// through the bridge): the provider
// itself lives in internal/provider, which other modules cannot import.
package pulumicloud

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"

	internal "github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

// NewProvider returns the constructor of the pulumicloud provider reporting
// the given version, as main.go serves it.
func NewProvider(version string) func() provider.Provider {
	return internal.New(version)
}
