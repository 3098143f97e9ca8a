// Package bridge maps the pulumicloud Terraform provider through the Pulumi
// Terraform bridge (its Plugin Framework bridge): tokens assigned
// automatically, default id mapping, no field overrides. Its tests (`make
// bridge-check`) prove the mapping offline; cmd/pulumi-resource-pulumicloud
// serves it as a Pulumi plugin and cmd/pulumi-sdkgen generates the schema
// and the Go and TypeScript SDKs from it.
package bridge

import (
	"context"

	pftfbridge "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge/tokens"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pkg/pulumicloud"
)

// Version is the Pulumi package's version, the one the SDKs are generated
// with and the plugin serves.
const Version = "0.0.1"

// GoImportBasePath is where the generated Go SDK lives: the package
// sdk/go/pulumicloud of the Go module in sdk/ (sdk/go.mod), the layout of
// Pulumi's own provider repositories.
const GoImportBasePath = "github.com/pulumicloud/terraform-provider-pulumicloud/pulumi/sdk/go/pulumicloud"

// NPMPackageName is the generated TypeScript SDK's package name (sdk/nodejs).
const NPMPackageName = "@pulumicloud/pulumicloud"

// ProviderInfo is the whole bridge mapping a Pulumi package of this provider
// needs: every resource and data source gets its token from the bridge's
// standard single-module strategy (pulumicloud_gitlab_integration becomes
// pulumicloud:index:GitlabIntegration, the data source
// pulumicloud:index:getGitlabIntegration), and nothing else is overridden.
// The Go and JavaScript sections only tell the SDK generators where the SDKs
// live.
func ProviderInfo(ctx context.Context) tfbridge.ProviderInfo {
	info := tfbridge.ProviderInfo{
		P:            pftfbridge.ShimProviderWithContext(ctx, pulumicloud.NewProvider(Version)()),
		Name:         "pulumicloud",
		Version:      Version,
		GitHubOrg:    "pulumicloud",
		Repository:   "https://github.com/pulumicloud/terraform-provider-pulumicloud",
		MetadataInfo: tfbridge.NewProviderMetadata(nil),
		Golang: &tfbridge.GolangInfo{
			ImportBasePath:                 GoImportBasePath,
			GenerateResourceContainerTypes: true,
		},
		JavaScript: &tfbridge.JavaScriptInfo{
			PackageName: NPMPackageName,
		},
	}
	info.MustComputeTokens(tokens.SingleModule("pulumicloud_", "index", tokens.MakeStandard("pulumicloud")))
	return info
}
