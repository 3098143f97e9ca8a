package provider

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Quiet update plans: flipping one flag plans exactly that attribute as
// changing; the attributes a settings PATCH cannot change keep their state
// values; only the status fields that can move on their own stay unknown.

// planShape is what an in-place flag change of a kind must plan.
type planShape struct {
	addr    string
	config  func(flag bool) string
	known   map[string]knownvalue.Check // stable attributes and their planned values
	unknown []string                    // exactly the attributes planned "(known after apply)"
}

// expectOnlyChange checks that the update of addr changes exactly attr and
// leaves exactly unknown unknown.
func expectOnlyChange(addr, attr string, unknown []string) plancheck.PlanCheck {
	return onlyChange{addr: addr, attr: attr, unknown: unknown}
}

type onlyChange struct {
	addr, attr string
	unknown    []string
}

func (c onlyChange) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	for _, rc := range req.Plan.ResourceChanges {
		if rc.Address != c.addr {
			continue
		}
		before, _ := rc.Change.Before.(map[string]any)
		after, _ := rc.Change.After.(map[string]any)
		afterUnknown, _ := rc.Change.AfterUnknown.(map[string]any)
		var changed, unknown []string
		for name, v := range afterUnknown {
			if v == true {
				unknown = append(unknown, name)
			}
		}
		for name, v := range after {
			if afterUnknown[name] != true && !reflect.DeepEqual(v, before[name]) {
				changed = append(changed, name)
			}
		}
		sort.Strings(changed)
		sort.Strings(unknown)
		want := slices.Sorted(slices.Values(c.unknown))
		if !slices.Equal(changed, []string{c.attr}) {
			resp.Error = fmt.Errorf("%s: the plan changes %v, want exactly [%s]", c.addr, changed, c.attr)
		} else if !slices.Equal(unknown, want) {
			resp.Error = fmt.Errorf("%s: the plan leaves %v unknown, want exactly %v", c.addr, unknown, want)
		}
		return
	}
	resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
}

// TestAccIntegrations_quietUpdatePlan flips disable_pr_comments on one
// integration of each kind with the settings flags, all in one
// configuration: each kind's update plans exactly that change.
func TestAccIntegrations_quietUpdatePlan(t *testing.T) {
	shapes := []planShape{gitLabQuietShape, bitbucketQuietShape, azureDevOpsQuietShape,
		gitHubQuietShape("pulumicloud_github_integration", emulator.SeedGitHubInstallationID, emulator.SeedGitHubAccountName),
		gitHubQuietShape("pulumicloud_github_enterprise_integration", emulator.SeedGHEInstallationID, emulator.SeedGHEAccountName),
	}
	env := newTestEnv(t, emulator.Options{})
	config := func(on bool) string {
		c := env.providerConfig()
		for _, s := range shapes {
			c += s.config(on)
		}
		return c
	}
	var pre []plancheck.PlanCheck
	for _, s := range shapes {
		pre = append(pre,
			plancheck.ExpectResourceAction(s.addr, plancheck.ResourceActionUpdate),
			expectOnlyChange(s.addr, "disable_pr_comments", s.unknown),
			plancheck.ExpectKnownValue(s.addr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
		)
		for _, name := range slices.Sorted(maps.Keys(s.known)) {
			pre = append(pre, plancheck.ExpectKnownValue(s.addr, tfjsonpath.New(name), s.known[name]))
		}
		for _, name := range s.unknown {
			pre = append(pre, plancheck.ExpectUnknownValue(s.addr, tfjsonpath.New(name)))
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(false)},
			{
				Config: config(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             pre,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

var (
	knownID     = knownvalue.StringRegexp(regexp.MustCompile(`^acme/[0-9a-f-]{36}$`))
	knownNotNil = knownvalue.NotNull()
)

func flagLine(on bool) string { return fmt.Sprintf("  disable_pr_comments = %t", on) }

var gitLabQuietShape = planShape{
	addr: gitLabAddr,
	config: func(on bool) string {
		return gitLabConfig(7001, "  use_user_gitlab_auth = true\n"+flagLine(on))
	},
	known: map[string]knownvalue.Check{
		"id": knownID, "integration_id": knownNotNil, "organization": knownvalue.StringExact(testOrg),
		"gitlab_group_id": knownvalue.Int64Exact(7001),
		"group_name":      knownvalue.StringExact("Platform"), "group_path": knownvalue.StringExact("acme/platform"),
		"avatar_url": knownvalue.StringRegexp(regexp.MustCompile(`/7001/`)),
		"auth_user":  knownvalue.ObjectPartial(map[string]knownvalue.Check{"github_login": knownvalue.StringExact("jdoe")}),
	},
	unknown: []string{"installed", "valid", "gitlab_org", "group_access_token_expiration"},
}

var bitbucketQuietShape = planShape{
	addr: bitbucketAddr,
	config: func(on bool) string {
		return bitbucketConfig(acmeWebUUID, "acme-web", bbTokenV1+"\n"+flagLine(on))
	},
	known: map[string]knownvalue.Check{
		"id": knownID, "integration_id": knownNotNil,
		"workspace_name": knownvalue.StringExact("Acme Web"), "avatar_url": knownvalue.StringRegexp(regexp.MustCompile(`acme-web`)),
		"auth_type": knownvalue.StringExact("workspace_token"),
		"auth_user": knownvalue.Null(), // a workspace token: null is the answer, and it is kept
	},
	unknown: []string{"installed", "valid"},
}

var azureDevOpsQuietShape = planShape{
	addr: azureDevOpsAddr,
	config: func(on bool) string {
		return azureDevOpsConfig("acmecorp", adoPaymentsID, flagLine(on))
	},
	known: map[string]knownvalue.Check{
		"id": knownID, "integration_id": knownNotNil,
		"azure_devops_project": knownvalue.ObjectExact(map[string]knownvalue.Check{
			"id": knownvalue.StringExact(adoPaymentsID), "name": knownvalue.StringExact("Payments"),
		}),
		"disable_code_access_for_reviews": knownvalue.Bool(false),
	},
	unknown: []string{"azure_devops_org", "valid", "installed", "auth_user"},
}

func gitHubQuietShape(typeName string, installationID int64, account string) planShape {
	addr := typeName + ".test"
	return planShape{
		addr: addr,
		config: func(on bool) string {
			return fmt.Sprintf(`
resource %q "test" {
  installation_id = %d
%s
}
`, typeName, installationID, flagLine(on))
		},
		known: map[string]knownvalue.Check{
			"id": knownID, "integration_id": knownNotNil,
			"account_id": knownNotNil, "account_name": knownvalue.StringExact(account),
			"avatar_url": knownNotNil, "is_organization": knownvalue.Bool(true),
			"is_self_hosted": knownvalue.Bool(strings.Contains(typeName, "enterprise")), "created": knownNotNil,
		},
		unknown: []string{"has_members_permission", "has_contents_permission", "permission_requirements", "gh_urls"},
	}
}

// The group is renamed on GitLab between plan and apply (while the update's
// PATCH is in flight). The plan showed the old name as known, so the apply
// records it (Terraform rejects anything else as an inconsistent result) and
// the refresh after it records the new one, without a diff.
func TestAccGitLabIntegration_renamedBetweenPlanAndApply(t *testing.T) {
	const renamed = "Platform (renamed)"
	var id string
	env := newProxiedTestEnv(t, emulator.Options{}, func(_ http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
		if r.Method == http.MethodPatch && id != "" && strings.HasSuffix(r.URL.Path, "/integrations/gitlab/"+id) {
			if err := emu.PatchIntegration(testOrg, "gitlab", id, map[string]any{"groupName": renamed}); err != nil {
				t.Errorf("renaming the group: %v", err)
			}
		}
		return false
	})
	config := func(on bool) string { return env.providerConfig() + gitLabConfig(7001, flagLine(on)) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config(false), Check: captureAttr(gitLabAddr, "integration_id", &id)},
			{
				Config: config(true),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(gitLabAddr, tfjsonpath.New("group_name"), knownvalue.StringExact("Platform")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{ // the refresh records the new name
				RefreshState: true,
				Check:        resource.TestCheckResourceAttr(gitLabAddr, "group_name", renamed),
			},
		},
	})
}

// Every field an update keeps says why, and the lifecycle finds them all.
func TestStableFieldsSayWhy(t *testing.T) {
	for name, fields := range map[string][]fieldSpec{
		"github": gitHubFields, "gitlab": gitLabFields, "bitbucket": bitbucketFields,
		"azure_devops": concatFields(azureDevOpsFields, azureDevOpsGetOnlyFields), "custom_vcs": customVCSFields,
	} {
		kept := 0
		for _, f := range fields {
			if f.keep != planUnknown {
				kept++
				if strings.TrimSpace(f.why) == "" {
					t.Errorf("%s.%s is kept on update without a reason", name, f.name)
				}
			}
		}
		if kept == 0 {
			t.Errorf("%s: no field is kept on update", name)
		}
	}
	got := stableAttributes(gitLabResourceSchema())
	sort.Strings(got)
	if want := []string{"auth_user", "avatar_url", "group_name", "group_path"}; !slices.Equal(got, want) {
		t.Errorf("stableAttributes(gitlab) = %v, want %v", got, want)
	}
}

// A custom VCS integration moved to another base_url plans exactly that
// change: its webhook URL and creation time stay known, and only its
// modification time is left to the apply.
func TestAccCustomVCSIntegration_quietUpdatePlan(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	config := func(baseURL string) string {
		return env.providerConfig() + customConfig("Forgejo Quiet", baseURL, "", false)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config("https://forgejo.example.com/acme")},
			{
				Config: config("https://forgejo.example.com/acme-moved"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(customAddr, plancheck.ResourceActionUpdate),
						expectOnlyChange(customAddr, "base_url", []string{"modified"}),
						plancheck.ExpectKnownValue(customAddr, tfjsonpath.New("webhook_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https?://`))),
						plancheck.ExpectKnownValue(customAddr, tfjsonpath.New("created"), knownNotNil),
						plancheck.ExpectUnknownValue(customAddr, tfjsonpath.New("modified")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
