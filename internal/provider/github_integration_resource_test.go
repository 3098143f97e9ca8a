package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// gitHubCase parameterises the tests GitHub and GitHub Enterprise share.
type gitHubCase struct {
	typeName   string // resource type
	kind       string // emulator kind
	enterprise bool
	connected  int64 // seeded, connected installation
	account    string
	pending    int64 // seeded, not yet connected
}

var (
	gitHubDotComCase = gitHubCase{
		typeName: "pulumicloud_github_integration", kind: "github",
		connected: emulator.SeedGitHubInstallationID, account: emulator.SeedGitHubAccountName, pending: 41000002,
	}
	gitHubEnterpriseCase = gitHubCase{
		typeName: "pulumicloud_github_enterprise_integration", kind: "github-enterprise", enterprise: true,
		connected: emulator.SeedGHEInstallationID, account: emulator.SeedGHEAccountName, pending: 52000002,
	}
)

func (gc gitHubCase) addr() string { return gc.typeName + ".test" }

func (gc gitHubCase) config(installationID int64, extra string) string {
	return fmt.Sprintf(`
resource %q "test" {
  installation_id = %d
%s
}
`, gc.typeName, installationID, extra)
}

func TestAccGitHubIntegration_lifecycle(t *testing.T) { testAccGitHubLifecycle(t, gitHubDotComCase) }

func testAccGitHubLifecycle(t *testing.T, gc gitHubCase) {
	env := newTestEnv(t, emulator.Options{})
	addr := gc.addr()
	var id string
	adopted := env.providerConfig() + gc.config(gc.connected, `  disable_pr_comments = true`)
	updated := env.providerConfig() + gc.config(gc.connected, `  disable_pr_comments = true
  disable_code_access_for_reviews = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone(gc.kind, gc.typeName),
		Steps: []resource.TestStep{
			{ // adopt the connected installation; the flags are PATCHed to the configuration
				Config:           adopted,
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(gc.connected)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("account_name"), knownvalue.StringExact(gc.account)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_self_hosted"), knownvalue.Bool(gc.enterprise)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("is_organization"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("has_contents_permission"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("created"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("permission_requirements"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("permission_requirements").AtSliceIndex(0).AtMapKey("name"), knownvalue.StringExact("Checks")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("gh_urls").AtMapKey("configuration_url"), knownvalue.StringRegexp(regexp.MustCompile(`/installations/`))),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_code_access_for_reviews"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^acme/.+`))),
				},
				Check: resource.ComposeTestCheckFunc(
					captureAttr(addr, "integration_id", &id),
					env.emuCheck(gc.kind, &id, map[string]any{"disablePRComments": true}),
				),
			},
			{
				Config:           updated,
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_code_access_for_reviews"), knownvalue.Bool(true)),
				},
				Check: env.emuCheck(gc.kind, &id, map[string]any{"disableCodeAccessForReviews": true, "disablePRComments": true}),
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
			{
				PreConfig: func() {
					if err := env.emu.PatchIntegration(testOrg, gc.kind, id, map[string]any{"disablePRComments": false, "disableNeoSummaries": true}); err != nil {
						t.Fatal(err)
					}
				},
				Config: updated, PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: driftPlan(addr, plancheck.ResourceActionUpdate),
			},
			{
				Config:           updated,
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				Check:            env.emuCheck(gc.kind, &id, map[string]any{"disablePRComments": true, "disableNeoSummaries": false}),
			},
			{ // disconnected in the browser: the plan re-creates it ...
				PreConfig: func() {
					if !env.emu.DeleteIntegration(testOrg, gc.kind, id) {
						t.Fatal("out-of-band delete failed")
					}
				},
				Config: updated, PlanOnly: true, ExpectNonEmptyPlan: true,
				ConfigPlanChecks: driftPlan(addr, plancheck.ResourceActionCreate),
			},
			{ // ... which adopts the installation again once it is reconnected
				PreConfig: func() {
					if _, err := env.emu.ConnectGitHubInstallation(testOrg, gc.enterprise, gc.connected, gc.account); err != nil {
						t.Fatal(err)
					}
				},
				Config:           updated,
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionCreate),
				Check: resource.ComposeTestCheckFunc(
					captureAttr(addr, "integration_id", &id),
					env.emuCheck(gc.kind, &id, map[string]any{"disableCodeAccessForReviews": true, "disablePRComments": true}),
				),
			},
			{ // another installation: replace
				PreConfig: func() {
					if _, err := env.emu.ConnectGitHubInstallation(testOrg, gc.enterprise, gc.pending, ""); err != nil {
						t.Fatal(err)
					}
				},
				Config:           env.providerConfig() + gc.config(gc.pending, ""),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(gc.pending)),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateVerify: true},
		},
	})
}

func TestAccGitHubIntegration_deleteRefused(t *testing.T) {
	testAccGitHubDeleteRefused(t, gitHubDotComCase)
}

// Deleting an installation shared by several Pulumi orgs answers 400: a plain
// error, and the integration stays in the state.
func testAccGitHubDeleteRefused(t *testing.T, gc gitHubCase) {
	env := newTestEnv(t, emulator.Options{})
	addr := gc.addr()
	cfg := env.providerConfig() + gc.config(gc.connected, "")
	var id string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone(gc.kind, gc.typeName),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: emptyPlanAfterApply(),
				Check:            captureAttr(addr, "integration_id", &id),
			},
			{
				PreConfig: func() {
					if err := env.emu.PatchIntegration(testOrg, gc.kind, id, map[string]any{"usedByMultipleOrgs": true}); err != nil {
						t.Fatal(err)
					}
				},
				Config:      cfg,
				Destroy:     true,
				ExpectError: regexp.MustCompile(`(?s)Unable to Delete GitHub.*used by several\s+Pulumi organizations.*terraform state rm`),
			},
			{ // the state kept it: nothing to create
				PreConfig: func() {
					if _, ok := env.emu.Integration(testOrg, gc.kind, id); !ok {
						t.Fatal("the integration is gone from the emulator")
					}
					if err := env.emu.PatchIntegration(testOrg, gc.kind, id, map[string]any{"usedByMultipleOrgs": false}); err != nil {
						t.Fatal(err)
					}
				},
				Config:           cfg,
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("installation_id"), knownvalue.Int64Exact(gc.connected)),
				},
			},
		},
	})
}

func TestGitHubIntegrationFromAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := &client.GitHubIntegration{
		ID: "i1", InstallationID: 41, AccountID: 7, AccountName: "acme-inc", AvatarURL: "https://a/x.png",
		IsOrganization: true, Created: "2024-03-14T09:26:53Z", DisablePRComments: true, DisableCodeAccessForReviews: true,
		DisableDraftPRComments: true, HasContentsPermission: true,
		NeoGitHubAppPermissionRequirements: []client.GitHubAppPermissionRequirement{
			{Name: "Checks", Required: "ReadWrite", Actual: "ReadOnly", Reason: "r", IsSufficient: false},
		},
		GHURLs: &client.GitHubAppURLs{InstallationURL: "https://i", ConfigurationURL: "https://c", PermissionsURL: "https://p", StateParam: "s"},
	}
	var m gitHubIntegrationFields
	if diags := gitHubIntegrationFromAPI(ctx, a, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if m.InstallationID.ValueInt64() != 41 || m.AccountName.ValueString() != "acme-inc" || !m.DisablePRComments.ValueBool() ||
		m.DisableNeoSummaries.ValueBool() || !m.DisableCodeAccessForReviews.ValueBool() || m.IsSelfHosted.ValueBool() ||
		!m.DisableDraftPRComments.ValueBool() || m.IndividualAuthEnabled.IsNull() || m.IndividualAuthEnabled.ValueBool() {
		t.Errorf("unexpected mapping: %+v", m)
	}
	var reqs []gitHubPermissionRequirementModel
	if diags := m.PermissionRequirements.ElementsAs(ctx, &reqs, false); diags.HasError() || len(reqs) != 1 ||
		reqs[0].Actual.ValueString() != "ReadOnly" || reqs[0].IsSufficient.ValueBool() {
		t.Errorf("permission_requirements = %v (%v)", reqs, diags)
	}
	var urls gitHubAppURLsModel
	if diags := m.GHURLs.As(ctx, &urls, basetypes.ObjectAsOptions{}); diags.HasError() || urls.ConfigurationURL.ValueString() != "https://c" {
		t.Errorf("gh_urls = %+v (%v)", urls, diags)
	}

	// Absent optional parts: an empty list and a null object, never an error.
	var empty gitHubIntegrationFields
	if diags := gitHubIntegrationFromAPI(ctx, &client.GitHubIntegration{ID: "i2"}, &empty); diags.HasError() {
		t.Fatal(diags)
	}
	if !empty.GHURLs.IsNull() || len(empty.PermissionRequirements.Elements()) != 0 || empty.PermissionRequirements.IsNull() {
		t.Errorf("absent parts: gh_urls=%v permission_requirements=%v", empty.GHURLs, empty.PermissionRequirements)
	}

	body := gitHubUpdateFromModel(&m)
	if body.DisableNeoSummaries == nil || *body.DisableNeoSummaries || body.DisablePRComments == nil || !*body.DisablePRComments ||
		body.DisableDraftPRComments == nil || !*body.DisableDraftPRComments || body.IndividualAuthEnabled == nil || *body.IndividualAuthEnabled {
		t.Errorf("PATCH body must carry every flag explicitly: %+v", body)
	}
}
