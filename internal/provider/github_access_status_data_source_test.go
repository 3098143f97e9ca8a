package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestGitHubAccessStatusFromAPI(t *testing.T) {
	m := gitHubAccessStatusFromAPI("acme", &client.GitHubAccessStatus{
		HasUserToken: true, HasIntegration: false, AvailableOrgs: []string{"acme-inc", "acme-labs"},
		Integrations: []client.GitHubIntegrationPermission{{ID: "i-1", CanCreateRepo: true}, {ID: "i-2"}},
	})
	if m.ID.ValueString() != "acme" || !m.HasUserToken.ValueBool() || m.HasIntegration.ValueBool() {
		t.Errorf("flags = %+v", m)
	}
	if len(m.AvailableOrgs) != 2 || m.AvailableOrgs[1] != types.StringValue("acme-labs") {
		t.Errorf("available_orgs = %v", m.AvailableOrgs)
	}
	if len(m.Integrations) != 2 || m.Integrations[0] != (gitHubIntegrationPermissionModel{ID: types.StringValue("i-1"), CanCreateRepo: types.BoolValue(true)}) ||
		m.Integrations[1].CanCreateRepo.ValueBool() {
		t.Errorf("integrations = %+v", m.Integrations)
	}
	empty := gitHubAccessStatusFromAPI("acme", &client.GitHubAccessStatus{})
	if empty.AvailableOrgs == nil || empty.Integrations == nil {
		t.Error("absent lists must be empty, not null")
	}
}

func TestAccGitHubAccessStatusDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	ghID := seededIntegrationID(t, env, "github")
	status, err := env.client(t).GetGitHubAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	orgs := knownListExact(status.AvailableOrgs, func(o string) knownvalue.Check { return knownvalue.StringExact(o) })
	perms := knownListExact(status.Integrations, func(p client.GitHubIntegrationPermission) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(p.ID), "can_create_repo": knownvalue.Bool(p.CanCreateRepo),
		})
	})
	const addr = "data.pulumicloud_github_access_status.this"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_github_access_status" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(status.HasUserToken)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_integration"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_orgs"), orgs),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_orgs"), knownvalue.ListPartial(map[int]knownvalue.Check{
					0: knownvalue.StringExact(emulator.SeedGitHubAccountName),
				})),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), perms),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("integrations"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{
						"id": knownvalue.StringExact(ghID), "can_create_repo": knownvalue.Bool(true),
					}),
				})),
			},
		}},
	})
}
