package provider

import (
	"net/http"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestAccGitLabIntegrationDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + `
data "pulumicloud_gitlab_integration" "by_group" {
  gitlab_group_id = 7003
}
data "pulumicloud_gitlab_integration" "by_path" {
  group_path = "ACME/data"
}
data "pulumicloud_gitlab_integration" "by_id" {
  integration_id = data.pulumicloud_gitlab_integration.by_group.integration_id
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_group", tfjsonpath.New("group_path"), knownvalue.StringExact("acme/data")),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_group", tfjsonpath.New("auth_user").AtMapKey("name"), knownvalue.StringExact("Jane Doe")),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_group", tfjsonpath.New("gitlab_org").AtMapKey("name"), knownvalue.StringExact("Data")),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_path", tfjsonpath.New("gitlab_group_id"), knownvalue.Int64Exact(7003)),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_path", tfjsonpath.New("group_path"), knownvalue.StringExact("ACME/data")),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_id", tfjsonpath.New("gitlab_group_id"), knownvalue.Int64Exact(7003)),
					statecheck.ExpectKnownValue("data.pulumicloud_gitlab_integration.by_id", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^acme/`))),
				},
			},
			{
				Config:      env.providerConfig() + `data "pulumicloud_gitlab_integration" "x" { gitlab_group_id = 7001 }`,
				ExpectError: regexp.MustCompile(`(?s)No GitLab Integration Found.*gitlab_group_id = 7001`),
			},
		},
	})
}

// Two list entries match (the API should never answer this): a clear error.
func TestAccGitLabIntegrationDataSource_ambiguous(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, func(w http.ResponseWriter, r *http.Request, _ *emulator.Emulator) bool {
		if r.Method != http.MethodGet || !regexp.MustCompile(`/integrations/gitlab$`).MatchString(r.URL.Path) {
			return false
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"integrations":[{"id":"a1","gitLabGroupId":7003,"groupPath":"acme/data"},{"id":"a2","gitLabGroupId":7003,"groupPath":"acme/data"}]}`))
		return true
	})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      env.providerConfig() + `data "pulumicloud_gitlab_integration" "x" { group_path = "acme/data" }`,
			ExpectError: regexp.MustCompile(`(?s)Several GitLab Integrations Found.*ids a1, a2.*integration_id`),
		}},
	})
}
