package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccAzureDevOpsIntegrationsDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	const addr = "data.pulumicloud_azure_devops_integrations.all"
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `data "pulumicloud_azure_devops_integrations" "all" {}`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("azure_devops_project_id"), knownvalue.StringExact(emulator.SeedIntegratedADOProjectID)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("azure_devops_org").AtMapKey("name"), knownvalue.StringExact(emulator.SeedIntegratedADOOrg)),
				statecheck.ExpectKnownValue(addr, item.AtMapKey("disable_code_access_for_reviews"), knownvalue.Bool(false)),
				// installationUrl is the list response's, not an item's.
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_url"),
					knownvalue.StringRegexp(regexp.MustCompile(`^https://app\.vssps\.visualstudio\.com/oauth2/authorize\?`))),
			},
		}},
	})
}
