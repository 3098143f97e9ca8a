package provider

import (
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// TestAccCustomVCS_identity (Terraform 1.12+): the custom VCS integration
// and its repository carry their identities through create, update and an
// import by identity; the repository's identity adds its name.
func TestAccCustomVCS_identity(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	uuid := knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`))
	identities := []statecheck.StateCheck{
		statecheck.ExpectIdentity(customAddr, map[string]knownvalue.Check{
			"organization": knownvalue.StringExact(testOrg), "integration_id": uuid,
		}),
		statecheck.ExpectIdentity(repoAddr, map[string]knownvalue.Check{
			"organization": knownvalue.StringExact(testOrg), "integration_id": uuid,
			"name": knownvalue.StringExact("platform/infra"),
		}),
		// Both name the same integration.
		statecheck.CompareValuePairs(customAddr, tfjsonpath.New("integration_id"), repoAddr, tfjsonpath.New("integration_id"), compare.ValuesSame()),
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("custom", "pulumicloud_custom_vcs_integration"),
		Steps: []resource.TestStep{
			{
				Config:            env.providerConfig() + customConfig("Forgejo Identity", "https://forgejo.example.com/acme", "", true),
				ConfigStateChecks: identities,
			},
			{
				Config:            env.providerConfig() + customConfig("Forgejo Identity", "https://forgejo.example.com/acme-2", "", true),
				ConfigPlanChecks:  expectAction(customAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: identities,
			},
			{ResourceName: customAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
			{ResourceName: repoAddr, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity},
		},
	})
}
