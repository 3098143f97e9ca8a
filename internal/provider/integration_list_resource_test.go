package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// integrationWhere is the id of the integration of kind whose answered
// field equals value.
func (e *testEnv) integrationWhere(t *testing.T, kind, field string, value any) string {
	t.Helper()
	for _, in := range e.emu.Integrations(testOrg, kind) {
		if fmt.Sprint(in[field]) == fmt.Sprint(value) {
			id, _ := in["id"].(string)
			return id
		}
	}
	t.Fatalf("no %s integration with %s = %v", kind, field, value)
	return ""
}

// adoptionWorld is an organization that set everything up outside Terraform,
// every auth mode of every kind: the seeded GitHub, GitHub Enterprise, GitLab
// group 7003 (user token), Bitbucket acme-tools (workspace token) and Azure
// DevOps Website integrations, and GitLab 7001 (group token), GitLab 7002
// (an answer that does not tell), Bitbucket acme-web (user token), Bitbucket
// acme-mobile (personal access token) and Azure DevOps Payments (code access
// disabled). Ten in all.
func adoptionWorld(t *testing.T) *testEnv {
	t.Helper()
	env := newTestEnv(t, emulator.Options{})
	ctx, c := context.Background(), env.client(t)
	yes, no := true, false
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.CreateGitLabIntegration(ctx, testOrg, client.CreateGitLabIntegrationRequest{GitLabGroupID: 7001, UseUserGitLabAuth: &no}))
	must(c.CreateGitLabIntegration(ctx, testOrg, client.CreateGitLabIntegrationRequest{GitLabGroupID: 7002, UseUserGitLabAuth: &yes}))
	must(env.emu.PatchIntegration(testOrg, "gitlab", env.integrationWhere(t, "gitlab", "gitLabGroupId", 7002),
		map[string]any{"authUser": nil, "groupAccessTokenExpiration": nil}))
	must(c.CreateBitbucketIntegration(ctx, testOrg, client.CreateBitbucketIntegrationRequest{WorkspaceUUID: bbWebUUID, WorkspaceSlug: "acme-web", UseUserAuth: &yes}))
	must(c.CreateBitbucketIntegration(ctx, testOrg, client.CreateBitbucketIntegrationRequest{WorkspaceUUID: bbMobileUUID, WorkspaceSlug: "acme-mobile", WorkspaceAccessToken: outOfBandToken}))
	must(env.emu.PatchIntegration(testOrg, "bitbucket", env.integrationWhere(t, "bitbucket", "workspaceSlug", "acme-mobile"),
		map[string]any{"authType": "pat"}))
	must(c.CreateAzureDevOpsIntegration(ctx, testOrg, client.CreateAzureDevOpsIntegrationRequest{
		OrganizationName: "acmecorp", ProjectID: adoPaymentsProject, DisableCodeAccessForReviews: &yes,
	}))
	return env
}

// queryProviderConfig is the provider block of a .tfquery.hcl file.
func (e *testEnv) queryProviderConfig() string {
	return fmt.Sprintf("provider \"pulumicloud\" {\n  api_url      = %q\n  access_token = %q\n  organization = %q\n}\n",
		e.url, emulator.DefaultToken, testOrg)
}

// listBlocks lists every integration kind, one with its own organization.
const listBlocks = `
list "pulumicloud_github_integration" "all" {
  provider = pulumicloud
}
list "pulumicloud_github_enterprise_integration" "all" {
  provider = pulumicloud
}
list "pulumicloud_gitlab_integration" "all" {
  provider         = pulumicloud
  include_resource = true
  config {
    organization = "acme"
  }
}
list "pulumicloud_bitbucket_integration" "all" {
  provider         = pulumicloud
  include_resource = true
}
list "pulumicloud_azure_devops_integration" "all" {
  provider         = pulumicloud
  include_resource = true
}
`

// TestAccIntegrations_query (Terraform 1.14+): a list block per kind
// streams every integration of the organization with its identity and
// display name, and with include_resource the resource as an import would
// record it, create-only inputs inferred.
func TestAccIntegrations_query(t *testing.T) {
	env := adoptionWorld(t)
	gitLab := func(group int64) string { return env.integrationWhere(t, "gitlab", "gitLabGroupId", group) }
	bitbucket := func(slug string) string { return env.integrationWhere(t, "bitbucket", "workspaceSlug", slug) }
	identity := func(id string) map[string]knownvalue.Check {
		return map[string]knownvalue.Check{"organization": knownvalue.StringExact(testOrg), "integration_id": knownvalue.StringExact(id)}
	}
	byID := func(id string) queryfilter.QueryFilter { return queryfilter.ByResourceIdentity(identity(id)) }
	known := func(attr string, v knownvalue.Check) querycheck.KnownValueCheck {
		return querycheck.KnownValueCheck{Path: tfjsonpath.New(attr), KnownValue: v}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_14_0)},
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: "locals {}\n"},
			{
				Query:  true,
				Config: env.queryProviderConfig() + listBlocks,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("pulumicloud_github_integration.all", 1),
					querycheck.ExpectLength("pulumicloud_github_enterprise_integration.all", 1),
					querycheck.ExpectLength("pulumicloud_gitlab_integration.all", 3),
					querycheck.ExpectLength("pulumicloud_bitbucket_integration.all", 3),
					querycheck.ExpectLength("pulumicloud_azure_devops_integration.all", 2),
					querycheck.ExpectIdentity("pulumicloud_gitlab_integration.all", identity(gitLab(7001))),
					querycheck.ExpectResourceDisplayName("pulumicloud_gitlab_integration.all", byID(gitLab(7001)),
						knownvalue.StringExact("GitLab group acme/platform")),
					querycheck.ExpectResourceDisplayName("pulumicloud_github_integration.all",
						queryfilter.ByResourceIdentity(map[string]knownvalue.Check{"organization": knownvalue.StringExact(testOrg), "integration_id": knownvalue.NotNull()}),
						knownvalue.StringExact(fmt.Sprintf("GitHub account %s (installation %d)", emulator.SeedGitHubAccountName, emulator.SeedGitHubInstallationID))),
					querycheck.ExpectResourceDisplayName("pulumicloud_bitbucket_integration.all", byID(bitbucket("acme-web")),
						knownvalue.StringExact("Bitbucket workspace acme-web")),
					querycheck.ExpectResourceDisplayName("pulumicloud_azure_devops_integration.all",
						queryfilter.ByDisplayName(knownvalue.StringExact("Azure DevOps project acmecorp/Payments")),
						knownvalue.StringExact("Azure DevOps project acmecorp/Payments")),
					querycheck.ExpectResourceKnownValues("pulumicloud_gitlab_integration.all", byID(gitLab(7001)), []querycheck.KnownValueCheck{
						known("use_user_gitlab_auth", knownvalue.Bool(false)),
						known("group_path", knownvalue.StringExact("acme/platform")),
						known("id", knownvalue.StringExact(importID(testOrg, gitLab(7001)))),
					}),
					querycheck.ExpectResourceKnownValues("pulumicloud_gitlab_integration.all", byID(gitLab(7003)), []querycheck.KnownValueCheck{
						known("use_user_gitlab_auth", knownvalue.Bool(true)),
					}),
					querycheck.ExpectResourceKnownValues("pulumicloud_gitlab_integration.all", byID(gitLab(7002)), []querycheck.KnownValueCheck{
						known("use_user_gitlab_auth", knownvalue.Null()),
					}),
					querycheck.ExpectResourceKnownValues("pulumicloud_bitbucket_integration.all", byID(bitbucket("acme-web")), []querycheck.KnownValueCheck{
						known("use_user_auth", knownvalue.Bool(true)),
						known("workspace_access_token", knownvalue.Null()),
					}),
					querycheck.ExpectResourceKnownValues("pulumicloud_bitbucket_integration.all", byID(bitbucket("acme-mobile")), []querycheck.KnownValueCheck{
						known("use_user_auth", knownvalue.Bool(false)),
						known("auth_type", knownvalue.StringExact("pat")),
					}),
					querycheck.ExpectResourceKnownValues("pulumicloud_azure_devops_integration.all",
						queryfilter.ByDisplayName(knownvalue.StringExact("Azure DevOps project acmecorp/Payments")), []querycheck.KnownValueCheck{
							known("disable_code_access_for_reviews", knownvalue.Bool(true)),
							known("installed", knownvalue.Bool(true)), // from the GET: the list does not answer it
						}),
				},
			},
		},
	})
}

// TestAccIntegrations_queryGenerateConfig (Terraform 1.14+) is the adoption
// round trip a user makes: `terraform query -generate-config-out` over every
// kind, then `terraform plan` of what it wrote plans ten clean imports (0 to
// add, change or destroy), apply adopts them, and the plan after is empty.
// No token is known to Terraform, so none is written anywhere.
func TestAccIntegrations_queryGenerateConfig(t *testing.T) {
	h := newCLIHarness(t, "1.14.0")
	env := adoptionWorld(t)
	h.write("main.tf", "terraform {\n  required_providers {\n    pulumicloud = {\n      source = \"pulumicloud/pulumicloud\"\n    }\n  }\n}\n\n"+
		strings.Replace(env.queryProviderConfig(), "}\n", "  max_retries  = 2\n}\n", 1))
	h.write("adopt.tfquery.hcl", strings.ReplaceAll(listBlocks, "include_resource = true", "include_resource = false"))
	h.run(nil, "init", "-input=false", "-no-color")
	h.run(nil, "query", "-generate-config-out=generated.tf", "-no-color")

	generated := h.read("generated.tf")
	if n := strings.Count(generated, "\nimport {") + boolInt(strings.HasPrefix(generated, "import {")); n != 10 {
		t.Errorf("%d import blocks generated, want 10:\n%s", n, generated)
	}
	for _, want := range []string{`identity = \{`, `organization\s+= "acme"`, `use_user_gitlab_auth\s+= true`,
		`use_user_gitlab_auth\s+= false`, `workspace_access_token\s+= null # sensitive`, `use_user_auth\s+= true`,
		`disable_code_access_for_reviews\s+= true`, `gitlab_group_id\s+= 7002`} {
		if !regexp.MustCompile(want).MatchString(generated) {
			t.Errorf("generated.tf lacks %s:\n%s", want, generated)
		}
	}
	if strings.Contains(generated, outOfBandToken) {
		t.Error("generated.tf holds the Bitbucket token")
	}

	plan, _ := h.run(nil, "plan", "-input=false", "-no-color", "-out=adopt.tfplan")
	if !regexp.MustCompile(`Plan: 10 to import, 0 to add, 0 to change, 0 to destroy\.`).MatchString(plan) {
		t.Errorf("the generated configuration does not plan as 10 clean imports:\n%s", plan)
	}
	shown, _ := h.run(nil, "show", "-json", "adopt.tfplan")
	var p struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions   []string        `json:"actions"`
				Importing json.RawMessage `json:"importing"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(shown), &p); err != nil {
		t.Fatal(err)
	}
	for _, rc := range p.ResourceChanges {
		if len(rc.Change.Actions) != 1 || rc.Change.Actions[0] != "no-op" || len(rc.Change.Importing) == 0 {
			t.Errorf("%s: actions %v, importing %s; want a no-op import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	h.run(nil, "apply", "-input=false", "-no-color", "adopt.tfplan")
	if out, code := h.run([]int{2}, "plan", "-input=false", "-no-color", "-detailed-exitcode"); code != 0 {
		t.Errorf("the plan after adopting is not empty:\n%s", out)
	}
	state, _ := h.run(nil, "state", "pull")
	if strings.Contains(state, outOfBandToken) {
		t.Error("the state holds the Bitbucket token")
	}
	if got := len(env.emu.Integrations(testOrg, "gitlab")) + len(env.emu.Integrations(testOrg, "bitbucket")); got != 6 {
		t.Errorf("%d GitLab and Bitbucket integrations after adopting, want the same 6", got)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestAccProvidersSchemaJSON_identityAndListResources (Terraform 1.14+):
// `terraform providers schema -json` shows an identity schema and a list
// resource schema for every integration kind.
func TestAccProvidersSchemaJSON_identityAndListResources(t *testing.T) {
	h := newCLIHarness(t, "1.14.0")
	h.write("main.tf", "terraform {\n  required_providers {\n    pulumicloud = {\n      source = \"pulumicloud/pulumicloud\"\n    }\n  }\n}\n")
	h.run(nil, "init", "-input=false", "-no-color")
	out, _ := h.run(nil, "providers", "schema", "-json")
	var schemas struct {
		ProviderSchemas map[string]struct {
			ResourceSchemas         map[string]json.RawMessage `json:"resource_schemas"`
			ResourceIdentitySchemas map[string]struct {
				Attributes map[string]struct {
					Type              string `json:"type"`
					RequiredForImport bool   `json:"required_for_import"`
					OptionalForImport bool   `json:"optional_for_import"`
				} `json:"attributes"`
			} `json:"resource_identity_schemas"`
			ListResourceSchemas map[string]json.RawMessage `json:"list_resource_schemas"`
		} `json:"provider_schemas"`
	}
	if err := json.Unmarshal([]byte(out), &schemas); err != nil {
		t.Fatal(err)
	}
	ps, ok := schemas.ProviderSchemas["registry.terraform.io/pulumicloud/pulumicloud"]
	if !ok {
		for k := range schemas.ProviderSchemas {
			ps = schemas.ProviderSchemas[k]
		}
	}
	kinds := 0
	for name := range ps.ResourceSchemas {
		ident, ok := ps.ResourceIdentitySchemas[name]
		if !ok {
			t.Errorf("%s: no identity schema", name)
			continue
		}
		if a := ident.Attributes["integration_id"]; a.Type != "string" || !a.RequiredForImport {
			t.Errorf("%s: identity integration_id = %+v, want a string required for import", name, a)
		}
		if a := ident.Attributes["organization"]; a.Type != "string" || !a.OptionalForImport {
			t.Errorf("%s: identity organization = %+v, want a string optional for import", name, a)
		}
		if !strings.HasSuffix(name, "_integration") {
			continue
		}
		kinds++
		list, ok := ps.ListResourceSchemas[name]
		if !ok {
			t.Errorf("%s: no list resource schema", name)
			continue
		}
		if !strings.Contains(string(list), `"organization"`) {
			t.Errorf("%s: list resource schema without organization: %s", name, list)
		}
	}
	if kinds < 5 {
		t.Errorf("%d integration kinds in the schema, want at least 5", kinds)
	}
}
