package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccBitbucketIntegrationDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_bitbucket_integration" "by_uuid" {
  workspace_uuid = "2E8B3A4C-5D6F-4E7A-8B12-C3D4E5F6A7B3"
}
data "pulumicloud_bitbucket_integration" "by_slug" {
  workspace_slug = "acme-tools"
}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_uuid", tfjsonpath.New("workspace_slug"), knownvalue.StringExact("acme-tools")),
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_uuid", tfjsonpath.New("workspace_uuid"), knownvalue.StringExact("2E8B3A4C-5D6F-4E7A-8B12-C3D4E5F6A7B3")),
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_slug", tfjsonpath.New("workspace_uuid"), knownvalue.StringExact(acmeToolsUUID)),
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_slug", tfjsonpath.New("workspace_name"), knownvalue.StringExact("Acme Tools")),
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_slug", tfjsonpath.New("auth_type"), knownvalue.StringExact("workspace_token")),
				statecheck.ExpectKnownValue("data.pulumicloud_bitbucket_integration.by_slug", tfjsonpath.New("auth_user"), knownvalue.Null()),
			},
		}},
	})
}
