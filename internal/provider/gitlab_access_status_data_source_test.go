package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestGitLabAccessStatusFromAPI(t *testing.T) {
	m := gitLabAccessStatusFromAPI("acme", &client.GitLabAccessStatus{
		HasUserToken: true,
		AvailableGroups: []client.GitLabAppOrganization{
			{ID: 7001, Name: "Platform", AvatarURL: "https://gitlab.example/7001.png", HasRequiredPermissions: true},
		},
	})
	if m.ID.ValueString() != "acme" || !m.HasUserToken.ValueBool() || len(m.AvailableGroups) != 1 {
		t.Fatalf("model = %+v", m)
	}
	g := m.AvailableGroups[0]
	if g.ID.ValueInt64() != 7001 || g.Name.ValueString() != "Platform" || g.AvatarURL.ValueString() != "https://gitlab.example/7001.png" ||
		!g.HasRequiredPermissions.ValueBool() {
		t.Errorf("group = %+v", g)
	}
	if empty := gitLabAccessStatusFromAPI("acme", &client.GitLabAccessStatus{}); empty.AvailableGroups == nil || empty.HasUserToken.ValueBool() {
		t.Errorf("empty answer = %+v", empty)
	}
}

// TestAccGitLabAccessStatusDataSource checks the groups still available:
// the seeded world integrates group 7003, so 7001 and 7002 remain.
func TestAccGitLabAccessStatusDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	status, err := env.client(t).GetGitLabAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	groups := knownListExact(status.AvailableGroups, func(g client.GitLabAppOrganization) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id":                       knownvalue.Int64Exact(g.ID),
			"name":                     knownvalue.StringExact(g.Name),
			"avatar_url":               knownvalue.StringExact(g.AvatarURL),
			"has_required_permissions": knownvalue.Bool(g.HasRequiredPermissions),
		})
	})
	const addr = "data.pulumicloud_gitlab_access_status.this"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_gitlab_access_status" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_groups"), groups),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_groups"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(7001), "name": knownvalue.StringExact("Platform")}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.Int64Exact(7002), "name": knownvalue.StringExact("Infrastructure")}),
				})),
			},
		}},
	})
}
