package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// A paginated read against a slow server stops at its read timeout: with
// every page held for a second, `timeouts = { read = "3s" }` ends the read
// long before the last page (counted, not timed), and the error says it
// timed out and how to allow more. The timeouts value itself is kept in
// the state of a read that succeeds.
func TestAccDataSourceReadTimeout_slowPages(t *testing.T) {
	env := newTestEnv(t, emulator.Options{PageSize: 1})
	id := seededIntegrationID(t, env, "bitbucket")
	repos, err := env.client(t).ListVCSRepos(context.Background(), testOrg, client.VCSProviderBitbucket, id)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(repos) // one repository a page
	if pages < 8 {
		t.Fatalf("%d pages, want at least 8 so that a 3s timeout at 1s a page ends the read early", pages)
	}
	config := func(read string) string {
		return env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_vcs_repos" "bb" {
  vcs_provider   = "bitbucket"
  integration_id = %q
  timeouts       = { read = %q }
}
`, id, read)
	}
	reposPath := "/api/console/orgs/" + testOrg + "/integrations/bitbucket/" + id + "/repos"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				PreConfig: func() {
					env.emu.ResetRequests()
					env.emu.SetFaults(emulator.FaultConfig{Latency: time.Second})
				},
				Config:      config("3s"),
				ExpectError: regexp.MustCompile(`Data Source Read Timed Out(?s).*timeouts\s*=\s*\{\s*read`),
			},
			{
				PreConfig: func() {
					if n := len(emulatorRequestsTo(env, "GET", reposPath)); n == 0 || n >= pages {
						t.Errorf("the timed-out read sent %d page requests of %d: want it stopped early", n, pages)
					}
					env.emu.SetFaults(emulator.FaultConfig{})
				},
				Config: config("2m"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.bb", tfjsonpath.New("repos"), knownvalue.ListSizeExact(pages)),
					statecheck.ExpectKnownValue("data.pulumicloud_vcs_repos.bb", tfjsonpath.New("timeouts").AtMapKey("read"), knownvalue.StringExact("2m")),
				},
			},
		},
	})
}
