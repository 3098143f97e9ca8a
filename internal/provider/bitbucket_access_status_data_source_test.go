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

func TestBitbucketAccessStatusFromAPI(t *testing.T) {
	m := bitbucketAccessStatusFromAPI("acme", &client.BitbucketAccessStatus{
		HasUserToken: true,
		AvailableWorkspaces: []client.BitbucketWorkspace{
			{UUID: "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}", Name: "Acme Web", Slug: "acme-web"},
		},
	})
	if m.ID.ValueString() != "acme" || !m.HasUserToken.ValueBool() || len(m.AvailableWorkspaces) != 1 {
		t.Fatalf("model = %+v", m)
	}
	w := m.AvailableWorkspaces[0]
	if w.UUID.ValueString() != "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}" || w.Name.ValueString() != "Acme Web" ||
		w.Slug.ValueString() != "acme-web" || w.AvatarURL.IsNull() || w.AvatarURL.ValueString() != "" {
		t.Errorf("workspace = %+v (a missing avatar must be an empty string)", w)
	}
	if empty := bitbucketAccessStatusFromAPI("acme", &client.BitbucketAccessStatus{}); empty.AvailableWorkspaces == nil {
		t.Error("an absent list must be empty, not null")
	}
}

// TestAccBitbucketAccessStatusDataSource checks the workspaces still
// available: the seeded world integrates acme-tools.
func TestAccBitbucketAccessStatusDataSource(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	status, err := env.client(t).GetBitbucketAccessStatus(context.Background(), testOrg)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range status.AvailableWorkspaces {
		if w.Slug == emulator.SeedIntegratedBitbucketSlug {
			t.Fatalf("integrated workspace %s is listed as available", w.Slug)
		}
	}
	workspaces := knownListExact(status.AvailableWorkspaces, func(w client.BitbucketWorkspace) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"uuid":       knownvalue.StringExact(w.UUID),
			"name":       knownvalue.StringExact(w.Name),
			"slug":       knownvalue.StringExact(w.Slug),
			"avatar_url": knownvalue.StringExact(w.AvatarURL),
		})
	})
	const addr = "data.pulumicloud_bitbucket_access_status.this"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + `
data "pulumicloud_bitbucket_access_status" "this" {}
`,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(testOrg)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_user_token"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_workspaces"), workspaces),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("available_workspaces"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"slug": knownvalue.StringExact("acme-web"), "uuid": knownvalue.StringExact("{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"),
					}),
					knownvalue.ObjectPartial(map[string]knownvalue.Check{"slug": knownvalue.StringExact("acme-mobile")}),
				})),
			},
		}},
	})
}
