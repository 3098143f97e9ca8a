package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Shared lists must never show a provider process data older than its own
// writes, nor hide from the next command what changed out of band.

// In one apply, a create lists GitLab integrations (after its POST) while
// pulumicloud_gitlab_integration.a still has its old settings; then a's
// update PATCHes them; then a data source reads a. The data source must see
// the PATCH, not the list taken before it.
func TestAccGitLabIntegration_readAfterOwnWriteSeesIt(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	base := env.providerConfig() + `
resource "pulumicloud_gitlab_integration" "a" {
  gitlab_group_id     = 7001
  disable_pr_comments = %t
  depends_on          = [%s]
}
`
	second := `
resource "pulumicloud_gitlab_integration" "c" {
  gitlab_group_id = 7002
}

data "pulumicloud_gitlab_integration" "a" {
  integration_id = pulumicloud_gitlab_integration.a.integration_id
  depends_on     = [pulumicloud_gitlab_integration.a]
}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{Config: fmt.Sprintf(base, false, "")},
			{
				// c is created first (a depends on it): its look-ups list a
				// with disable_pr_comments = false, seconds before a's PATCH.
				Config: fmt.Sprintf(base, true, "pulumicloud_gitlab_integration.c") + second,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.c", plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.a", plancheck.ResourceActionUpdate),
				}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.a", tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

// The next command's refresh sees a change and a deletion made out of band
// between commands.
func TestAccGitLabIntegration_refreshSeesOutOfBandChanges(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true})
	config := env.providerConfig() + `
resource "pulumicloud_gitlab_integration" "g7001" {
  gitlab_group_id = 7001
}

resource "pulumicloud_gitlab_integration" "g7002" {
  gitlab_group_id = 7002
}

resource "pulumicloud_gitlab_integration" "g7003" {
  gitlab_group_id = 7003
}
`
	ids := map[string]*string{"7002": new(string), "7003": new(string)}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: resource.ComposeAggregateTestCheckFunc(
					captureAttr("pulumicloud_gitlab_integration.g7002", "integration_id", ids["7002"]),
					captureAttr("pulumicloud_gitlab_integration.g7003", "integration_id", ids["7003"]),
				),
			},
			{
				PreConfig: func() {
					if err := env.emu.PatchIntegration(testOrg, "gitlab", *ids["7002"], map[string]any{"disablePRComments": true}); err != nil {
						t.Fatal(err)
					}
					if !env.emu.DeleteIntegration(testOrg, "gitlab", *ids["7003"]) {
						t.Fatal("could not delete out of band")
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7001", plancheck.ResourceActionNoop),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7002", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("pulumicloud_gitlab_integration.g7003", plancheck.ResourceActionCreate),
				}},
			},
		},
	})
}
