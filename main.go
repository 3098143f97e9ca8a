// Command terraform-provider-pulumicloud serves the Pulumi Cloud provider to
// Terraform and OpenTofu over plugin protocol 6.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

// version is set by the release build (goreleaser ldflags).
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "start the provider for a debugger (prints TF_REATTACH_PROVIDERS)")
	flag.Parse()
	if !debug {
		provider.QuietUnreadLogs("pulumicloud")
	}

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/pulumicloud/pulumicloud",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
