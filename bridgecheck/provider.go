// Package bridgecheck proves, offline, that the pulumicloud Terraform
// provider maps cleanly through the Pulumi Terraform bridge (its Plugin
// Framework bridge): tokens assigned automatically, default id mapping, no
// field overrides. It is a separate Go module so that the bridge's large
// dependency tree stays out of the provider's go.mod; `make bridge-check`
// runs its tests.
package bridgecheck

import (
	"context"

	pftfbridge "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pkg/pulumicloud"
)

// ProviderInfo is the whole bridge mapping a Pulumi package of this provider
// would need: every resource and data source gets its token from the bridge's
// standard single-module strategy (pulumicloud_gitlab_integration becomes
// pulumicloud:index:GitlabIntegration, the data source
// pulumicloud:index:getGitlabIntegration), and nothing else is overridden.
func ProviderInfo(ctx context.Context) tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:            pftfbridge.ShimProviderWithContext(ctx, pulumicloud.NewProvider("0.0.1")()),
		Name:         "pulumicloud",
		Version:      "0.0.1",
		GitHubOrg:    "pulumicloud",
		Repository:   "https://github.com/pulumicloud/terraform-provider-pulumicloud",
		MetadataInfo: tfbridge.NewProviderMetadata(nil),
	}
	info.MustComputeTokens(tokens.SingleModule("pulumicloud_", "index", tokens.MakeStandard("pulumicloud")))
	return info
}
