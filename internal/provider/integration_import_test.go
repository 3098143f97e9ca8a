package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Adopting integrations made outside Terraform: what an import infers of
// the create-only inputs, and that the plan after it is empty.

const (
	adoPaymentsProject = "8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41"
	bbWebUUID          = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
	bbMobileUUID       = "{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}"
	// outOfBandToken is the Bitbucket token of integrations made outside
	// Terraform: it must never show up in a plan, state or generated file.
	outOfBandToken = "bbwt-out-of-band-0123456789"
)

// oneIntegrationID is the id of the only integration of kind in the
// (unseeded) org.
func (e *testEnv) oneIntegrationID(t *testing.T, org, kind string) string {
	t.Helper()
	items := e.emu.Integrations(org, kind)
	if len(items) != 1 {
		t.Fatalf("%d %s integrations, want 1", len(items), kind)
	}
	id, _ := items[0]["id"].(string)
	return id
}

// setUpFunc makes integrations in org outside Terraform, as a person would.
type setUpFunc func(t *testing.T, ctx context.Context, c *client.Client, e *testEnv, org string)

// importCase is one way an integration can have been set up outside
// Terraform, and the configuration that describes it.
type importCase struct {
	name     string
	kind     string // emulator kind
	resType  string
	setUp    setUpFunc
	config   string // body of the resource block
	attr     string // the create-only attribute the import infers
	inferred knownvalue.Check
}

func bitbucketUp(useUser bool, token string) setUpFunc {
	return func(t *testing.T, ctx context.Context, c *client.Client, _ *testEnv, org string) {
		req := client.CreateBitbucketIntegrationRequest{WorkspaceUUID: bbWebUUID, WorkspaceSlug: "acme-web", WorkspaceAccessToken: token}
		if useUser {
			req.UseUserAuth = &useUser
		}
		if err := c.CreateBitbucketIntegration(ctx, org, req); err != nil {
			t.Fatal(err)
		}
	}
}

func gitLabUp(useUser bool) setUpFunc {
	return func(t *testing.T, ctx context.Context, c *client.Client, _ *testEnv, org string) {
		if err := c.CreateGitLabIntegration(ctx, org, client.CreateGitLabIntegrationRequest{GitLabGroupID: 7001, UseUserGitLabAuth: &useUser}); err != nil {
			t.Fatal(err)
		}
	}
}

func adoUp(codeAccessOff bool) setUpFunc {
	return func(t *testing.T, ctx context.Context, c *client.Client, _ *testEnv, org string) {
		err := c.CreateAzureDevOpsIntegration(ctx, org, client.CreateAzureDevOpsIntegrationRequest{
			OrganizationName: "acmecorp", ProjectID: adoPaymentsProject, DisableCodeAccessForReviews: &codeAccessOff,
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// overlay lays fields over the answers about the only integration of kind,
// as a service that leaves them out would answer.
func overlay(kind string, fields map[string]any) setUpFunc {
	return func(t *testing.T, _ context.Context, _ *client.Client, e *testEnv, org string) {
		if err := e.emu.PatchIntegration(org, kind, e.oneIntegrationID(t, org, kind), fields); err != nil {
			t.Fatal(err)
		}
	}
}

func then(steps ...setUpFunc) setUpFunc {
	return func(t *testing.T, ctx context.Context, c *client.Client, e *testEnv, org string) {
		for _, s := range steps {
			s(t, ctx, c, e, org)
		}
	}
}

var importCases = []importCase{
	{name: "gitlab group token", kind: "gitlab", resType: "pulumicloud_gitlab_integration", setUp: gitLabUp(false),
		config: `gitlab_group_id = 7001`, attr: "use_user_gitlab_auth", inferred: knownvalue.Bool(false)},
	{name: "gitlab user token", kind: "gitlab", resType: "pulumicloud_gitlab_integration", setUp: gitLabUp(true),
		config: "gitlab_group_id = 7001\nuse_user_gitlab_auth = true", attr: "use_user_gitlab_auth", inferred: knownvalue.Bool(true)},
	{name: "gitlab answer does not tell", kind: "gitlab", resType: "pulumicloud_gitlab_integration",
		setUp:  then(gitLabUp(true), overlay("gitlab", map[string]any{"authUser": nil, "groupAccessTokenExpiration": nil})),
		config: `gitlab_group_id = 7001`, attr: "use_user_gitlab_auth", inferred: knownvalue.Null()},
	{name: "bitbucket workspace token", kind: "bitbucket", resType: "pulumicloud_bitbucket_integration", setUp: bitbucketUp(false, outOfBandToken),
		config: fmt.Sprintf("workspace_uuid = %q\nworkspace_slug = \"acme-web\"", bbWebUUID), attr: "use_user_auth", inferred: knownvalue.Bool(false)},
	{name: "bitbucket personal access token", kind: "bitbucket", resType: "pulumicloud_bitbucket_integration",
		setUp:  then(bitbucketUp(false, outOfBandToken), overlay("bitbucket", map[string]any{"authType": "pat"})),
		config: fmt.Sprintf("workspace_uuid = %q\nworkspace_slug = \"acme-web\"", bbWebUUID), attr: "use_user_auth", inferred: knownvalue.Bool(false)},
	{name: "bitbucket user token", kind: "bitbucket", resType: "pulumicloud_bitbucket_integration", setUp: bitbucketUp(true, ""),
		config: fmt.Sprintf("workspace_uuid = %q\nworkspace_slug = \"acme-web\"\nuse_user_auth = true", bbWebUUID), attr: "use_user_auth", inferred: knownvalue.Bool(true)},
	{name: "bitbucket answer does not tell", kind: "bitbucket", resType: "pulumicloud_bitbucket_integration",
		setUp:  then(bitbucketUp(true, ""), overlay("bitbucket", map[string]any{"authType": nil})),
		config: fmt.Sprintf("workspace_uuid = %q\nworkspace_slug = \"acme-web\"", bbWebUUID), attr: "use_user_auth", inferred: knownvalue.Null()},
	{name: "azure devops code access on", kind: "azure-devops", resType: "pulumicloud_azure_devops_integration", setUp: adoUp(false),
		config: fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = %q", adoPaymentsProject),
		attr:   "disable_code_access_for_reviews", inferred: knownvalue.Bool(false)},
	{name: "azure devops code access off", kind: "azure-devops", resType: "pulumicloud_azure_devops_integration", setUp: adoUp(true),
		config: fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = %q\ndisable_code_access_for_reviews = true", adoPaymentsProject),
		attr:   "disable_code_access_for_reviews", inferred: knownvalue.Bool(true)},
}

// TestAccIntegrations_importEveryAuthMode imports each kind set up in each
// auth mode outside Terraform, by an import block with the string id: the
// import plans as a no-op, infers the create-only input (null where the
// answer does not tell), the plan after it is empty (the test framework
// fails a non-empty one), and a settings update then works in place: on a
// CLI that keeps identities (1.12+) and on one that does not (1.11), the
// update answers the identity.
//
// The cases share one configuration, each in a Pulumi organization of its
// own (the same GitLab group, Bitbucket workspace or Azure DevOps project
// can be connected once per organization), so the whole table costs one
// test case's CLI runs.
func TestAccIntegrations_importEveryAuthMode(t *testing.T) {
	orgs := []string{testOrg}
	for i := range importCases {
		orgs = append(orgs, fmt.Sprintf("acme-import-%d", i))
	}
	env := newTestEnv(t, emulator.Options{Unseeded: true, Orgs: orgs})
	var imports, updates string
	var importChecks, updateChecks []plancheck.PlanCheck
	var importedState, updatedState []statecheck.StateCheck
	var emuChecks []resource.TestCheckFunc
	for i, tc := range importCases {
		org := orgs[i+1]
		tc.setUp(t, context.Background(), env.client(t), env, org)
		id := env.oneIntegrationID(t, org, tc.kind)
		name := strings.ReplaceAll(tc.name, " ", "_")
		addr := tc.resType + "." + name
		res := func(extra string) string {
			return fmt.Sprintf("resource %q %q {\n  organization = %q\n%s\n%s\n}\n", tc.resType, name, org, tc.config, extra)
		}
		imports += fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, importID(org, id)) + res("")
		updates += res("disable_pr_comments = true")
		importChecks = append(importChecks, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop))
		updateChecks = append(updateChecks, plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate))
		importedState = append(importedState,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New(tc.attr), tc.inferred),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("integration_id"), knownvalue.StringExact(id)))
		updatedState = append(updatedState,
			statecheck.ExpectKnownValue(addr, tfjsonpath.New("disable_pr_comments"), knownvalue.Bool(true)),
			statecheck.ExpectKnownValue(addr, tfjsonpath.New(tc.attr), tc.inferred))
		emuChecks = append(emuChecks, env.emuCheckIn(org, tc.kind, &id, map[string]any{"disablePRComments": true}))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:            env.providerConfig() + imports,
				ConfigPlanChecks:  resource.ConfigPlanChecks{PreApply: importChecks},
				ConfigStateChecks: importedState,
			},
			{
				Config: env.providerConfig() + updates,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             updateChecks,
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: updatedState,
				Check:             resource.ComposeAggregateTestCheckFunc(emuChecks...),
			},
		},
	})
}

// TestAccIntegrations_importNotToldThenConfigured: after an import whose
// answer did not tell the auth choice, configuring one records it in place
// (with a warning), never by replacing the integration.
func TestAccIntegrations_importNotToldThenConfigured(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true})
	then(gitLabUp(false), overlay("gitlab", map[string]any{"authUser": nil, "groupAccessTokenExpiration": nil}))(t, context.Background(), env.client(t), env, testOrg)
	id := env.oneIntegrationID(t, testOrg, "gitlab")
	const addr = "pulumicloud_gitlab_integration.x"
	res := func(extra string) string {
		return "resource \"pulumicloud_gitlab_integration\" \"x\" {\n  gitlab_group_id = 7001\n" + extra + "\n}\n"
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, importID(testOrg, id)) + res(""),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("use_user_gitlab_auth"), knownvalue.Null()),
				},
			},
			{
				Config:           env.providerConfig() + res("use_user_gitlab_auth = false"),
				ConfigPlanChecks: expectAction(addr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("use_user_gitlab_auth"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("integration_id"), knownvalue.StringExact(id)),
				},
			},
			{ // from now on it is known: changing it replaces
				Config:             env.providerConfig() + res("use_user_gitlab_auth = true"),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(addr, plancheck.ResourceActionDestroyBeforeCreate),
				}},
			},
		},
	})
}

// TestAccBitbucketIntegration_importedWithoutTokenReplaceNeedsOne: the
// configuration of an imported Bitbucket integration carries no token, which
// is fine until a plan would create it again: then plan refuses, before any
// request.
func TestAccBitbucketIntegration_importedWithoutTokenReplaceNeedsOne(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Unseeded: true})
	bitbucketUp(false, outOfBandToken)(t, context.Background(), env.client(t), env, testOrg)
	id := env.oneIntegrationID(t, testOrg, "bitbucket")
	const addr = "pulumicloud_bitbucket_integration.x"
	res := func(uuid, slug string) string {
		return fmt.Sprintf("resource \"pulumicloud_bitbucket_integration\" \"x\" {\n  workspace_uuid = %q\n  workspace_slug = %q\n}\n", uuid, slug)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.providerConfig() + fmt.Sprintf("import {\n  to = %s\n  id = %q\n}\n", addr, importID(testOrg, id)) + res(bbWebUUID, "acme-web"),
			},
			{
				Config:      env.providerConfig() + res(bbMobileUUID, "acme-mobile"),
				ExpectError: regexp.MustCompile(`(?s)Missing Bitbucket Authentication.*replaces the integration`),
			},
		},
	})
	// The refused plan made no create: the one POST is the set-up's (and the
	// DELETE is the test's own destroy).
	if n := env.countRequests("POST", "/integrations/bitbucket"); n != 1 {
		t.Errorf("%d creates sent, want 1 (the set-up's); the plan should have refused the replacement", n)
	}
}

// identityCase creates one integration of a kind through Terraform.
type identityCase struct {
	name, resType, config string
}

var identityCases = []identityCase{
	{name: "github", resType: "pulumicloud_github_integration", config: fmt.Sprintf("installation_id = %d", emulator.SeedGitHubInstallationID)},
	{name: "github enterprise", resType: "pulumicloud_github_enterprise_integration", config: fmt.Sprintf("installation_id = %d", emulator.SeedGHEInstallationID)},
	{name: "gitlab", resType: "pulumicloud_gitlab_integration", config: "gitlab_group_id = 7001"},
	{name: "bitbucket", resType: "pulumicloud_bitbucket_integration", config: fmt.Sprintf("workspace_uuid = %q\nworkspace_slug = \"acme-web\"\nuse_user_auth = true", bbWebUUID)},
	{name: "azure devops", resType: "pulumicloud_azure_devops_integration", config: fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = %q", adoPaymentsProject)},
}

// TestAccIntegrations_identity (Terraform 1.12+): every kind records its
// identity on create and keeps it through an update; an import block with
// `identity` (instead of `id`) imports it as a no-op, and so does one that
// also generates the configuration (`plan -generate-config-out`).
func TestAccIntegrations_identity(t *testing.T) {
	for _, tc := range identityCases {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, emulator.Options{})
			addr := tc.resType + ".test"
			res := func(extra string) string {
				return fmt.Sprintf("resource %q \"test\" {\n%s\n%s\n}\n", tc.resType, tc.config, extra)
			}
			var id string
			identity := func() statecheck.StateCheck {
				return statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
					"organization":   knownvalue.StringExact(testOrg),
					"integration_id": knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f-]{36}$`)),
				})
			}
			resource.ParallelTest(t, resource.TestCase{
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
				ProtoV6ProviderFactories: protoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:            env.providerConfig() + res(""),
						ConfigStateChecks: []statecheck.StateCheck{identity()},
						Check:             captureAttr(addr, "integration_id", &id),
					},
					{
						Config:            env.providerConfig() + res("disable_detailed_diff = true"),
						ConfigPlanChecks:  expectAction(addr, plancheck.ResourceActionUpdate),
						ConfigStateChecks: []statecheck.StateCheck{identity()},
					},
					{
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
					},
					{ // the generated configuration (no token) must plan as a no-op import
						Config:          env.providerConfig(),
						ResourceName:    addr,
						ImportState:     true,
						ImportStateKind: resource.ImportBlockWithResourceIdentity,
						GenerateConfig:  true,
					},
				},
			})
		})
	}
}

// TestAccIntegrations_importIdentityWithoutOrganization (Terraform 1.12+):
// an identity that leaves out organization takes the provider's.
func TestAccIntegrations_importIdentityWithoutOrganization(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var id string
	for _, in := range env.emu.Integrations(testOrg, "gitlab") {
		id, _ = in["id"].(string)
	}
	const addr = "pulumicloud_gitlab_integration.x"
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_12_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: env.providerConfig() + fmt.Sprintf(`
import {
  to       = %s
  identity = { integration_id = %q }
}
resource "pulumicloud_gitlab_integration" "x" {
  gitlab_group_id      = %d
  use_user_gitlab_auth = true
}
`, addr, id, emulator.SeedIntegratedGitLabGroupID),
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(addr, plancheck.ResourceActionNoop),
			}},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectIdentity(addr, map[string]knownvalue.Check{
					"organization": knownvalue.StringExact(testOrg), "integration_id": knownvalue.StringExact(id),
				}),
				statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(importID(testOrg, id))),
			},
		}},
	})
}
