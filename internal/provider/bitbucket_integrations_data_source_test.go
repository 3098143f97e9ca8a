package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccBitbucketIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_bitbucket_integrations.all"
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `data "pulumicloud_bitbucket_integrations" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("workspace_slug"), knownvalue.StringExact(emulator.SeedIntegratedBitbucketSlug)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("workspace_uuid"), knownvalue.StringExact(acmeToolsUUID)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("valid"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("disable_pr_comments"), knownvalue.Bool(false)),
			},
		}},
	})
}
