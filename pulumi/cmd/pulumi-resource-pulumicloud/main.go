// Command pulumi-resource-pulumicloud serves the provider through the Pulumi
// Terraform bridge as a Pulumi resource plugin, for `make pulumi-e2e` (the
// real pulumi CLI finds it on PATH). A published Pulumi package would embed
// the schema that tfgen writes at build time; this one generates the same
// schema in-process at start, from the same ProviderInfo that pulumi/bridge's
// tests check, so it can never be stale.
package main

import (
	"context"
	"fmt"
	"os"

	pftfbridge "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	pfgen "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pulumi/bridge"
)

func main() {
	ctx := context.Background()
	info := bridge.ProviderInfo(ctx)
	// Schema warnings go to stderr: stdout is the plugin handshake (the port).
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	res, err := pfgen.GenerateSchema(ctx, pfgen.GenerateSchemaOptions{
		ProviderInfo: info, DiagnosticsSink: sink, XInMemoryDocs: true,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-resource-pulumicloud: generating the Pulumi schema: %v\n", err)
		os.Exit(1)
	}
	pftfbridge.Main(ctx, info.Name, info, res.ProviderMetadata)
}
