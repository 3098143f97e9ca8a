// Command noop is the benchmark's second floor: a terraform-plugin-framework
// provider ("noop") whose resources, noop_gitlab_integration and the twins
// of the other kinds the benchmark creates (noopprovider.Twins), have
// exactly the schema of their pulumicloud namesakes and call no API. Create and
// Update store the plan with every unknown value made known (empty string,
// 0, false, null object); Read keeps the state; Delete forgets. What the
// benchmark measures for it is the cost of being an external framework
// provider with that schema: process start, handshake, schema, validation,
// plan modifiers and the protocol, apart from the CLI's own work
// (terraform_data) and from pulumicloud's (the API, mapping, logging). Like
// pulumicloud it switches the plugin's logs off when the CLI would drop
// them (provider.QuietUnreadLogs), so the floor is as low as a framework
// provider can be.
package main

import (
	"context"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/bench/noopprovider"
	pc "github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

func main() {
	pc.QuietUnreadLogs("noop") // as pulumicloud does: the floor pays no more than it must
	err := providerserver.Serve(context.Background(), noopprovider.New,
		providerserver.ServeOpts{Address: "registry.terraform.io/pulumicloud/noop", ProtocolVersion: 6})
	if err != nil {
		log.Fatal(err)
	}
}
