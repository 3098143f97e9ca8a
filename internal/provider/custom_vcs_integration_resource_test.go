package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const (
	customAddr = "pulumicloud_custom_vcs_integration.test"
	repoAddr   = "pulumicloud_custom_vcs_repository.infra"
)

// secretIs checks that the state's webhook_secret is the emulator's current
// one (the emulator keeps only a digest) and records it in *got.
func (e *testEnv) secretIs(id *string, got *string) acc.TestCheckFunc {
	return acc.TestCheckResourceAttrWith(customAddr, "webhook_secret", func(v string) error {
		if !e.emu.WebhookSecretMatches(testOrg, *id, v) {
			return fmt.Errorf("the state's webhook_secret is not the integration's current secret")
		}
		*got = v
		return nil
	})
}

// secretNeverLogged fails when a webhook secret reached the emulator's
// request log or a request it recorded.
func (e *testEnv) secretNeverLogged(secrets ...*string) acc.TestCheckFunc {
	return func(*terraform.State) error {
		for _, r := range e.emu.Requests() {
			for _, s := range secrets {
				if *s != "" && (strings.Contains(r.Body, *s) || strings.Contains(r.RawQuery, *s)) {
					return fmt.Errorf("a webhook secret was recorded in %s %s", r.Method, r.Path)
				}
			}
		}
		return nil
	}
}

func TestAccCustomVCSIntegration_lifecycle(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var id, first, second string
	created := env.providerConfig() + customConfig("Forgejo", "https://forgejo.example.com/acme", "", true)
	renamed := env.providerConfig() + customConfig("Forgejo Prod", "https://forgejo.example.com/platform", "", true)
	rotated := env.providerConfig() + customConfig("Forgejo Prod", "https://forgejo.example.com/platform", "  webhook_secret_version = 2", true)
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("custom", "pulumicloud_custom_vcs_integration"),
		Steps: []acc.TestStep{
			{ // create: the secret comes from the create's answer, into sensitive state only
				Config:           created,
				ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("name"), knownvalue.StringExact("Forgejo")),
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("vcs_type"), knownvalue.StringExact("git")),
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("environment"), knownvalue.StringExact("vcs/forgejo")),
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("webhook_url"), knownvalue.StringRegexp(regexp.MustCompile(`^https://.+/webhook$`))),
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("created"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^acme/.+`))),
					statecheck.ExpectSensitiveValue(customAddr, tfjsonpath.New("webhook_secret")),
					statecheck.ExpectKnownValue(repoAddr, tfjsonpath.New("display_name"), knownvalue.StringExact("Infrastructure")),
				},
				Check: acc.ComposeTestCheckFunc(
					captureAttr(customAddr, "integration_id", &id),
					env.secretIs(&id, &first),
					env.emuCheck("custom", &id, map[string]any{"name": "Forgejo", "baseUrl": "https://forgejo.example.com/acme", "vcsType": "git",
						"repositories": []any{map[string]any{"name": "platform/infra", "displayName": "Infrastructure"}}}),
					acc.TestCheckResourceAttrWith(repoAddr, "id", func(v string) error {
						if want := "acme/" + id + "/platform/infra"; v != want {
							return fmt.Errorf("repository id %q, want %q", v, want)
						}
						return nil
					}),
				),
			},
			{ // rename and move in place; the secret stays
				Config:           renamed,
				ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionUpdate),
				Check: acc.ComposeTestCheckFunc(
					env.emuCheck("custom", &id, map[string]any{"name": "Forgejo Prod", "baseUrl": "https://forgejo.example.com/platform"}),
					acc.TestCheckResourceAttrPtr(customAddr, "webhook_secret", &first),
					env.secretIs(&id, &first),
				),
			},
			{ // a new webhook_secret_version regenerates the secret in place
				Config:           rotated,
				ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionUpdate),
				Check: acc.ComposeTestCheckFunc(
					env.secretIs(&id, &second),
					func(*terraform.State) error {
						if second == first {
							return fmt.Errorf("the webhook secret did not change")
						}
						if env.emu.WebhookSecretMatches(testOrg, id, first) {
							return fmt.Errorf("the old webhook secret still works")
						}
						return nil
					},
					env.secretNeverLogged(&first, &second),
				),
			},
			// The GET never answers the secret: an import has none.
			{ResourceName: customAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"webhook_secret", "webhook_secret_version"}},
			{ResourceName: repoAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: func(*terraform.State) (string, error) { return "acme/" + id + "/platform/infra", nil }},
			{ // renamed outside Terraform: put back in place
				PreConfig: func() {
					if err := env.emu.PatchIntegration(testOrg, "custom", id, map[string]any{"name": "Someone Else's"}); err != nil {
						t.Fatal(err)
					}
				},
				Config: rotated, PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: driftPlan(customAddr, plancheck.ResourceActionUpdate),
			},
			{
				Config:           rotated,
				ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionUpdate),
				Check:            env.emuCheck("custom", &id, map[string]any{"name": "Forgejo Prod"}),
			},
			{ // the repository removed outside Terraform: re-created
				PreConfig: func() {
					if err := env.client(t).RemoveCustomVCSRepository(context.Background(), testOrg, id, "platform/infra"); err != nil {
						t.Fatal(err)
					}
				},
				Config: rotated, PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: driftPlan(repoAddr, plancheck.ResourceActionCreate),
			},
			{
				Config:           rotated,
				ConfigPlanChecks: expectAction(repoAddr, plancheck.ResourceActionCreate),
			},
			{ // the integration deleted outside Terraform: both re-created
				PreConfig: func() {
					if !env.emu.DeleteIntegration(testOrg, "custom", id) {
						t.Fatal("out-of-band delete failed")
					}
				},
				Config: rotated, PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: acc.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(customAddr, plancheck.ResourceActionCreate),
					plancheck.ExpectResourceAction(repoAddr, plancheck.ResourceActionCreate),
				}},
			},
			{ // vcs_type replaces
				Config:           env.providerConfig() + customConfig("Forgejo Prod", "https://forgejo.example.com/platform", `  vcs_type = "hg"`, true),
				ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionCreate),
				Check: acc.ComposeTestCheckFunc(
					captureAttr(customAddr, "integration_id", &id),
					env.emuCheck("custom", &id, map[string]any{"vcsType": "hg"}),
				),
			},
		},
	})
}

// A name the organization has already: refused before any POST, with the
// import command and block; the seeded integration is unchanged.
func TestAccCustomVCSIntegration_nameTaken(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	seeded := seededIntegrationID(t, env, "custom")
	env.emu.ResetRequests()
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + customConfig(emulator.SeedCustomName, "https://x.example/y", "", false),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Custom VCS Integration.*already exists.*` + regexp.QuoteMeta(seeded) +
				`.*terraform import pulumicloud_custom_vcs_integration\.<name> acme/` + regexp.QuoteMeta(seeded) + `.*import \{`),
		}},
	})
	for _, r := range env.emu.Requests() {
		if r.Method != "GET" {
			t.Errorf("a refused create sent %s %s", r.Method, r.Path)
		}
	}
}

// A repository name the integration has already: the import hint.
func TestAccCustomVCSRepository_conflict(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	seeded := seededIntegrationID(t, env, "custom")
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
resource "pulumicloud_custom_vcs_repository" "dup" {
  integration_id = %q
  name           = %q
}
`, seeded, emulator.SeedCustomRepoName),
			ExpectError: regexp.MustCompile(`(?s)Unable to Create Custom VCS Repository.*already\s+has\s+a\s+repository\s+named.*` +
				regexp.QuoteMeta("terraform import pulumicloud_custom_vcs_repository.<name> acme/"+seeded+"/"+emulator.SeedCustomRepoName)),
		}},
	})
}

func TestAccCustomVCSIntegrationDataSources(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	seeded := seededIntegrationID(t, env, "custom")
	const one, byID, list = "data.pulumicloud_custom_vcs_integration.by_name", "data.pulumicloud_custom_vcs_integration.by_id",
		"data.pulumicloud_custom_vcs_integrations.all"
	item := tfjsonpath.New("integrations").AtSliceIndex(0)
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
data "pulumicloud_custom_vcs_integration" "by_name" {
  name = %q
}

data "pulumicloud_custom_vcs_integration" "by_id" {
  integration_id = %q
}

data "pulumicloud_custom_vcs_integrations" "all" {}
`, emulator.SeedCustomName, seeded),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(one, tfjsonpath.New("integration_id"), knownvalue.StringExact(seeded)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("id"), knownvalue.StringExact(testOrg+"/"+seeded)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("base_url"), knownvalue.StringExact(emulator.SeedCustomBaseURL)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("environment"), knownvalue.StringExact(emulator.SeedCustomEnvironment)),
				statecheck.ExpectKnownValue(one, tfjsonpath.New("repositories").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact(emulator.SeedCustomRepoName)),
				statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact(emulator.SeedCustomName)),
				statecheck.ExpectKnownValue(list, tfjsonpath.New("integrations"), knownvalue.ListSizeExact(1)),
				statecheck.ExpectKnownValue(list, item.AtMapKey("id"), knownvalue.StringExact(seeded)),
				statecheck.ExpectKnownValue(list, item.AtMapKey("webhook_url"), knownvalue.StringRegexp(regexp.MustCompile(regexp.QuoteMeta(seeded)))),
			},
		}},
	})
}

// The secret is sensitive and computed only: never configurable, never in
// plan output; and the data sources have no such attribute at all.
func TestCustomVCSWebhookSecretIsSensitive(t *testing.T) {
	var resp resource.SchemaResponse
	NewCustomVCSIntegrationResource().Schema(context.Background(), resource.SchemaRequest{}, &resp)
	a, ok := resp.Schema.Attributes["webhook_secret"].(rschema.StringAttribute)
	if !ok || !a.Sensitive || !a.Computed || a.Optional || a.Required {
		t.Errorf("webhook_secret = %+v, want sensitive and computed only", resp.Schema.Attributes["webhook_secret"])
	}
	ps := providerSchema(t)
	for _, typ := range []string{"pulumicloud_custom_vcs_integration", "pulumicloud_custom_vcs_integrations"} {
		s := ps.DataSourceSchemas[typ]
		if s == nil {
			t.Fatalf("no data source %s", typ)
		}
		for _, attr := range s.Block.Attributes {
			if strings.Contains(attr.Name, "secret") {
				t.Errorf("%s has %s", typ, attr.Name)
			}
		}
	}
}

// The create answers the integration (201), so the create is the natural-key
// look-up and the POST: no list to find it, no read-back, no PATCH.
func TestAccCustomVCSIntegration_createUsesTheAnswer(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	env.emu.ResetRequests()
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("custom", "pulumicloud_custom_vcs_integration"),
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + customConfig("Forgejo", "https://forgejo.example.com/acme", "", false),
			Check: func(*terraform.State) error {
				var got []string
				for _, r := range env.emu.Requests() {
					got = append(got, r.Method+" "+strings.TrimPrefix(r.Path, "/api/console/orgs/"+testOrg+"/integrations"))
				}
				if want := []string{"GET /custom", "POST /custom"}; strings.Join(got, ", ") != strings.Join(want, ", ") {
					return fmt.Errorf("the create sent %q, want %q", got, want)
				}
				return nil
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(customAddr, tfjsonpath.New("webhook_secret"), knownvalue.NotNull()),
			},
		}},
	})
}

// The create took effect but its answer (with the only copy of the secret)
// was lost to a 503: the create finds the integration in the list and has
// the secret regenerated, so the state holds one that works; one integration.
func TestAccCustomVCSIntegration_ambiguousCreateRegeneratesSecret(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/custom",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			emu.FailNext(1, http.StatusServiceUnavailable, 0, true)
			return false
		}))
	var id, secret string
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("custom", "pulumicloud_custom_vcs_integration"),
		Steps: []acc.TestStep{{
			Config:           env.providerConfig() + customConfig("Forgejo", "https://forgejo.example.com/acme", "", false),
			ConfigPlanChecks: expectAction(customAddr, plancheck.ResourceActionCreate),
			Check: acc.ComposeTestCheckFunc(
				captureAttr(customAddr, "integration_id", &id),
				env.secretIs(&id, &secret),
				func(*terraform.State) error {
					if n := env.countRequests(http.MethodPost, "/integrations/custom"); n != 1 {
						return fmt.Errorf("%d POSTs, want 1 (the create took effect)", n)
					}
					if n := env.countRequests(http.MethodPatch, "/integrations/custom/"+id); n != 1 {
						return fmt.Errorf("%d PATCHes, want the 1 that regenerates the lost secret", n)
					}
					if n := len(env.emu.Integrations(testOrg, "custom")); n != 2 {
						return fmt.Errorf("%d custom integrations, want the seeded one and this one", n)
					}
					return nil
				},
			),
		}},
	})
}

// Someone else creates the same name between the look-up and the POST: the
// POST's 409 becomes the import hint, with the other integration's id.
func TestAccCustomVCSIntegration_conflictOnCreate(t *testing.T) {
	var raced string
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/custom",
		func(_ http.ResponseWriter, _ *http.Request, emu *emulator.Emulator) bool {
			// The racing create goes straight to the emulator, not through this proxy.
			req := httptest.NewRequest(http.MethodPost, "/api/console/orgs/"+testOrg+"/integrations/custom",
				strings.NewReader(`{"name":"Forgejo","baseUrl":"https://other.example/x","environment":"vcs/other"}`))
			req.Header.Set("Authorization", "token "+emulator.DefaultToken)
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			emu.Handler().ServeHTTP(rec, req)
			var in client.CustomVCSIntegration
			if err := json.Unmarshal(rec.Body.Bytes(), &in); err != nil || rec.Code != http.StatusCreated {
				t.Errorf("the racing create answered %d %s", rec.Code, rec.Body)
			}
			raced = in.ID
			return false
		}))
	want := regexp.MustCompile(`(?s)Unable to Create Custom VCS Integration.*already exists.*terraform import pulumicloud_custom_vcs_integration\.<name>\s+acme/([0-9a-f-]+).*HTTP\s+409`)
	checked := false
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		ErrorCheck: func(err error) error {
			checked = true
			m := want.FindStringSubmatch(fmt.Sprint(err))
			if m == nil || m[1] != raced {
				return fmt.Errorf("want the import hint naming the racing integration %s, got: %v", raced, err)
			}
			return nil
		},
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + customConfig("Forgejo", "https://forgejo.example.com/acme", "", false),
		}},
	})
	if !checked || raced == "" {
		t.Fatal("the race did not happen")
	}
	if n := len(env.emu.Integrations(testOrg, "custom")); n != 2 {
		t.Errorf("%d custom integrations, want the seeded one and the racing one", n)
	}
}
