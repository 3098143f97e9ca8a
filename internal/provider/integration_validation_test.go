package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// badInput is a configuration Terraform must refuse at plan time, before the
// provider sends any request.
type badInput struct {
	name   string
	config string // resource and data source blocks
	want   string // regexp the error must match (names the attribute)
	noOrg  bool   // use a provider block without a default organization
	secret string // when set: var.secret holds it (sensitive), and no error may print it
}

const (
	validUUID    = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
	validProject = "8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41"
)

func gh(body string) string {
	return "resource \"pulumicloud_github_integration\" \"x\" {\n" + body + "\n}\n"
}
func ghe(body string) string {
	return "resource \"pulumicloud_github_enterprise_integration\" \"x\" {\n" + body + "\n}\n"
}
func gl(body string) string {
	return "resource \"pulumicloud_gitlab_integration\" \"x\" {\n" + body + "\n}\n"
}
func bb(body string) string {
	return "resource \"pulumicloud_bitbucket_integration\" \"x\" {\n" + body + "\n}\n"
}
func ado(body string) string {
	return "resource \"pulumicloud_azure_devops_integration\" \"x\" {\n" + body + "\n}\n"
}

func bbWith(uuid, slug, auth string) string {
	return bb(fmt.Sprintf("  workspace_uuid = %q\n  workspace_slug = %q\n%s", uuid, slug, auth))
}

var badInputs = []badInput{
	// GitHub / GitHub Enterprise
	{name: "github zero installation", config: gh(`installation_id = 0`), want: `installation_id`},
	{name: "github negative installation", config: gh(`installation_id = -41000001`), want: `installation_id`},
	{name: "github missing installation", config: gh(``), want: `"installation_id" is required`},
	{name: "github org leading dash", config: gh("installation_id = 1\norganization = \"-acme\""), want: `organization`},
	{name: "github org empty", config: gh("installation_id = 1\norganization = \"\""), want: `organization`},
	{name: "github org space", config: gh("installation_id = 1\norganization = \"ac me\""), want: `organization`},
	{name: "github org too long", config: gh("installation_id = 1\norganization = \"" + strings.Repeat("a", 41) + "\""), want: `organization`},
	{name: "github flag not a bool", config: gh("installation_id = 1\ndisable_pr_comments = \"maybe\""), want: `disable_pr_comments`},
	{name: "github computed attribute set", config: gh("installation_id = 1\naccount_name = \"x\""), want: `account_name`},
	{name: "ghe zero installation", config: ghe(`installation_id = 0`), want: `installation_id`},
	{name: "ghe org with slash", config: ghe("installation_id = 52000001\norganization = \"acme/x\""), want: `organization`},
	// GitLab
	{name: "gitlab zero group", config: gl(`gitlab_group_id = 0`), want: `gitlab_group_id`},
	{name: "gitlab negative group", config: gl(`gitlab_group_id = -7001`), want: `gitlab_group_id`},
	{name: "gitlab missing group", config: gl(`disable_pr_comments = true`), want: `"gitlab_group_id" is required`},
	{name: "gitlab org underscore first", config: gl("gitlab_group_id = 7001\norganization = \"_acme\""), want: `organization`},
	// Bitbucket: workspace
	{name: "bitbucket uuid garbage", config: bbWith("not-a-uuid", "acme-web", "use_user_auth = true"), want: `workspace_uuid`},
	{name: "bitbucket uuid empty", config: bbWith("", "acme-web", "use_user_auth = true"), want: `workspace_uuid`},
	{name: "bitbucket uuid unbalanced brace", config: bbWith("{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1", "acme-web", "use_user_auth = true"), want: `workspace_uuid`},
	{name: "bitbucket uuid without dashes", config: bbWith("0c6f1e2a3b4d4c5e8f90a1b2c3d4e5f1", "acme-web", "use_user_auth = true"), want: `workspace_uuid`},
	{name: "bitbucket slug with space", config: bbWith(validUUID, "Acme Web", "use_user_auth = true"), want: `workspace_slug`},
	{name: "bitbucket slug empty", config: bbWith(validUUID, "", "use_user_auth = true"), want: `workspace_slug`},
	{name: "bitbucket slug leading dash", config: bbWith(validUUID, "-acme", "use_user_auth = true"), want: `workspace_slug`},
	{name: "bitbucket slug with slash", config: bbWith(validUUID, "acme/web", "use_user_auth = true"), want: `workspace_slug`},
	// Bitbucket: the auth choice
	{name: "bitbucket no auth", config: bbWith(validUUID, "acme-web", ""), want: `(?s)Missing Bitbucket Authentication.*use_user_auth.*workspace_access_token_wo`},
	{name: "bitbucket use_user_auth false", config: bbWith(validUUID, "acme-web", "use_user_auth = false"), want: `(?s)Missing Bitbucket Authentication.*workspace_access_token`},
	{name: "bitbucket user auth and token", secret: "sekrit-one-7f3a", config: bbWith(validUUID, "acme-web", "use_user_auth = true\nworkspace_access_token = var.secret"),
		want: `(?s)Conflicting Bitbucket Authentication.*use_user_auth\s+=\s+true\s+and\s+workspace_access_token`},
	{name: "bitbucket both tokens", secret: "sekrit-two-7f3a", config: bbWith(validUUID, "acme-web", "workspace_access_token_wo = var.secret\nworkspace_access_token = var.secret"),
		want: `(?s)Conflicting Bitbucket Authentication.*workspace_access_token_wo\s+and\s+workspace_access_token`},
	{name: "bitbucket version without token", config: bbWith(validUUID, "acme-web", "use_user_auth = true\nworkspace_access_token_wo_version = 2"), want: `workspace_access_token_wo_version`},
	{name: "bitbucket empty token", config: bbWith(validUUID, "acme-web", `workspace_access_token = ""`), want: `workspace_access_token`},
	{name: "bitbucket empty write-only token", config: bbWith(validUUID, "acme-web", `workspace_access_token_wo = ""`), want: `workspace_access_token_wo`},
	{name: "bitbucket missing slug", config: bb(fmt.Sprintf("workspace_uuid = %q\nuse_user_auth = true", validUUID)), want: `"workspace_slug" is required`},
	// Azure DevOps
	{name: "ado org empty", config: ado(fmt.Sprintf("azure_devops_organization = \"\"\nazure_devops_project_id = %q", validProject)), want: `azure_devops_organization`},
	{name: "ado org with space", config: ado(fmt.Sprintf("azure_devops_organization = \"acme corp\"\nazure_devops_project_id = %q", validProject)), want: `azure_devops_organization`},
	{name: "ado org with slash", config: ado(fmt.Sprintf("azure_devops_organization = \"dev.azure.com/acme\"\nazure_devops_project_id = %q", validProject)), want: `azure_devops_organization`},
	{name: "ado project empty", config: ado("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = \"\""), want: `azure_devops_project_id`},
	{name: "ado project not a guid", config: ado("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = \"Payments\""), want: `azure_devops_project_id`},
	{name: "ado project with braces", config: ado(fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = \"{%s}\"", validProject)), want: `azure_devops_project_id`},
	{name: "ado create-only flag not a bool", config: ado(fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = %q\ndisable_code_access_for_reviews = \"no\"", validProject)), want: `disable_code_access_for_reviews`},
	// No organization anywhere
	{name: "gitlab without any organization", noOrg: true, config: gl(`gitlab_group_id = 7001`), want: `(?s)Missing Pulumi Organization.*organization`},
	{name: "github without any organization", noOrg: true, config: gh(`installation_id = 41000001`), want: `(?s)Missing Pulumi Organization.*organization`},
	{name: "bitbucket without any organization", noOrg: true, config: bbWith(validUUID, "acme-web", "use_user_auth = true"), want: `(?s)Missing Pulumi Organization.*organization`},
	{name: "ado without any organization", noOrg: true, config: ado(fmt.Sprintf("azure_devops_organization = \"acmecorp\"\nazure_devops_project_id = %q", validProject)), want: `(?s)Missing Pulumi Organization.*organization`},
	// Data sources
	{name: "gitlab data source without selector", config: `data "pulumicloud_gitlab_integration" "x" {}`, want: `(?s)gitlab_group_id.*group_path|integration_id`},
	{name: "gitlab data source two selectors", config: `data "pulumicloud_gitlab_integration" "x" {
  gitlab_group_id = 7001
  group_path      = "acme/platform"
}`, want: `gitlab_group_id|group_path`},
	{name: "github data source zero installation", config: `data "pulumicloud_github_integration" "x" { installation_id = 0 }`, want: `installation_id`},
	{name: "bitbucket data source bad uuid", config: `data "pulumicloud_bitbucket_integration" "x" { workspace_uuid = "nope" }`, want: `workspace_uuid`},
	{name: "bitbucket data source two selectors", config: fmt.Sprintf(`data "pulumicloud_bitbucket_integration" "x" {
  workspace_uuid = %q
  workspace_slug = "acme-web"
}`, validUUID), want: `workspace_uuid|workspace_slug`},
	{name: "ado data source bad project", config: `data "pulumicloud_azure_devops_integration" "x" { azure_devops_project_id = "x" }`, want: `azure_devops_project_id`},
	{name: "ado data source empty id", config: `data "pulumicloud_azure_devops_integration" "x" { integration_id = "" }`, want: `integration_id`},
	{name: "ghe data source id with slash", config: `data "pulumicloud_github_enterprise_integration" "x" { integration_id = "a/b" }`, want: `integration_id`},
	{name: "gitlab list bad organization", config: `data "pulumicloud_gitlab_integrations" "x" { organization = "-x" }`, want: `organization`},
	// Custom VCS
	{name: "custom environment without project", config: custom(`environment = "gitea"`), want: `(?s)environment.*project/environment`},
	{name: "custom environment two slashes", config: custom(`environment = "a/b/c"`), want: `environment`},
	{name: "custom empty name", config: custom(`name = ""`), want: `name`},
	{name: "custom vcs_type svn", config: custom(`vcs_type = "svn"`), want: `vcs_type`},
	{name: "custom secret set", config: custom(`webhook_secret = "x"`), want: `webhook_secret`},
	{name: "custom repository empty name", config: customRepo(`integration_id = "c-1"`, `name = ""`), want: `name`},
	{name: "custom repository without organization", noOrg: true, config: customRepo(`integration_id = "c-1"`, `name = "r"`),
		want: `(?s)Missing Pulumi Organization.*organization`},
	{name: "custom data source two selectors", config: `data "pulumicloud_custom_vcs_integration" "x" {
  integration_id = "c-1"
  name           = "Gitea"
}`, want: `integration_id|name`},
	// vcs_provider
	{name: "repos provider generic-ish", config: `data "pulumicloud_vcs_repos" "x" {
  vcs_provider   = "Custom"
  integration_id = "c-1"
}`, want: `(?s)vcs_provider.*value must be one of`},
}

// dotSegmentInputs put ".", ".." or "" (or a reserved route) into every
// argument that lands in a request path: each must be refused at plan time.
var dotSegmentInputs = func() []badInput {
	var out []badInput
	for _, v := range []string{".", ".."} {
		q := fmt.Sprintf("%q", v)
		out = append(out,
			badInput{name: "repos integration_id " + v, config: "data \"pulumicloud_vcs_repos\" \"x\" {\n  vcs_provider = \"github\"\n  integration_id = " + q + "\n}", want: `(?s)Invalid Path Segment.*dot-segment`},
			badInput{name: "destinations integration_id " + v, config: "data \"pulumicloud_vcs_repo_destinations\" \"x\" {\n  vcs_provider = \"gitlab\"\n  integration_id = " + q + "\n}", want: `(?s)Invalid Path Segment.*dot-segment`},
			badInput{name: "branches integration_id " + v, config: "data \"pulumicloud_vcs_branches\" \"x\" {\n  vcs_provider = \"github\"\n  integration_id = " + q + "\n  repo_id = \"1\"\n}", want: `(?s)Invalid Path Segment.*dot-segment`},
			badInput{name: "branches repo_id " + v, config: "data \"pulumicloud_vcs_branches\" \"x\" {\n  vcs_provider = \"github\"\n  integration_id = \"i-1\"\n  repo_id = " + q + "\n}", want: `(?s)Invalid Path Segment.*dot-segment`},
			badInput{name: "custom repository integration_id " + v, config: customRepo("integration_id = "+q, `name = "r"`), want: `(?s)Invalid Path Segment.*dot-segment`},
			badInput{name: "organization " + v, config: "data \"pulumicloud_github_claimable_installations\" \"x\" {\n  organization = " + q + "\n}", want: `organization`},
			badInput{name: "projects azure_devops_organization " + v, config: "data \"pulumicloud_azure_devops_projects\" \"x\" {\n  azure_devops_organization = " + q + "\n}", want: `azure_devops_organization`},
		)
		for _, ds := range []string{"github", "github_enterprise", "gitlab", "bitbucket", "azure_devops", "custom_vcs"} {
			out = append(out, badInput{name: ds + " data source integration_id " + v,
				config: "data \"pulumicloud_" + ds + "_integration\" \"x\" {\n  integration_id = " + q + "\n}", want: `(?s)Invalid Path Segment.*dot-segment`})
		}
	}
	for _, reserved := range []string{"claim", "claimable", "access-status"} {
		out = append(out, badInput{name: "github data source integration_id " + reserved,
			config: "data \"pulumicloud_github_integration\" \"x\" {\n  integration_id = \"" + reserved + "\"\n}", want: `(?s)Invalid Path Segment.*reserved route`})
	}
	return out
}()

// custom is a valid custom VCS integration with one attribute overridden
// (or added).
func custom(override string) string {
	key, _, _ := strings.Cut(override, " ")
	lines := []string{override}
	for _, l := range []string{`name = "Gitea"`, `base_url = "https://gitea.example/acme"`, `environment = "vcs/gitea"`} {
		if !strings.HasPrefix(l, key+" ") {
			lines = append(lines, l)
		}
	}
	return "resource \"pulumicloud_custom_vcs_integration\" \"x\" {\n" + strings.Join(lines, "\n") + "\n}\n"
}

func customRepo(lines ...string) string {
	return "resource \"pulumicloud_custom_vcs_repository\" \"x\" {\n" + strings.Join(lines, "\n") + "\n}\n"
}

// TestAccIntegrationInputsRefusedAtPlan runs every bad input through the real
// CLI against an emulator that must see no request. The inputs go through
// Terraform together, one module each, so the whole table costs a few CLI
// runs rather than five per input: `terraform validate` reports each input
// that a validator refuses, and a plan of the others reports the rest (those
// that need the provider's configuration or a variable's value). Every
// diagnostic is traced to its input by the module file it points at.
func TestAccIntegrationInputsRefusedAtPlan(t *testing.T) {
	if len(badInputs) < 30 {
		t.Fatalf("only %d bad inputs", len(badInputs))
	}
	cases := append(slices.Clone(badInputs), dotSegmentInputs...)
	h := newCLIHarness(t, "1.0")
	t.Parallel()
	env := newTestEnv(t, emulator.Options{})

	module := func(i int) string { return fmt.Sprintf("c%03d", i) }
	vars := map[string]string{}
	for i, tc := range cases {
		body := requiredProviders + tc.config
		if tc.secret != "" {
			body += "\nvariable \"secret\" {\n  type      = string\n  sensitive = true\n}\n"
			vars["secret_"+module(i)] = tc.secret
		}
		h.write(filepath.Join(module(i), "main.tf"), body)
	}
	tfvars, err := json.Marshal(vars)
	if err != nil {
		t.Fatal(err)
	}
	h.write("terraform.tfvars.json", string(tfvars))
	// root writes the root module: the provider (without a default
	// organization when noOrg) and the modules of cases[i] for i in only.
	// Served by one process (TF_REATTACH_PROVIDERS), the provider has a
	// single configuration, so the two provider blocks take turns.
	root := func(noOrg bool, only []int) {
		var b strings.Builder
		b.WriteString(requiredProviders)
		if noOrg {
			b.WriteString(env.providerConfigNoOrg())
		} else {
			b.WriteString(env.providerConfig())
		}
		for name := range vars {
			fmt.Fprintf(&b, "variable %q {\n  type      = string\n  sensitive = true\n}\n", name)
		}
		for _, i := range only {
			fmt.Fprintf(&b, "module %q {\n  source = \"./%s\"\n", module(i), module(i))
			if cases[i].secret != "" {
				fmt.Fprintf(&b, "  secret = var.secret_%s\n", module(i))
			}
			b.WriteString("}\n")
		}
		h.write("main.tf", b.String())
	}

	all := make([]int, len(cases))
	for i := range all {
		all[i] = i
	}
	root(false, all) // validate configures no provider: one run covers every input
	h.run(nil, "init", "-input=false", "-no-color")
	validated, _ := h.run([]int{1}, "validate", "-json", "-no-color")
	var v tfjson.ValidateOutput
	if err := json.Unmarshal([]byte(validated), &v); err != nil {
		t.Fatalf("terraform validate -json: %v\n%s", err, validated)
	}
	refused := refusals(t, v.Diagnostics)
	// The inputs validate let through are planned, without the others: an
	// error at validate ends a plan before any input reaches the provider.
	pending := map[bool][]int{} // by noOrg
	for i, tc := range cases {
		if len(refused[module(i)]) == 0 {
			pending[tc.noOrg] = append(pending[tc.noOrg], i)
		}
	}
	outputs := validated
	for _, noOrg := range []bool{false, true} {
		if len(pending[noOrg]) == 0 {
			continue
		}
		root(noOrg, pending[noOrg])
		planned, _ := h.run([]int{1}, "plan", "-json", "-input=false", "-no-color", "-lock=false")
		outputs += planned
		var diags []tfjson.Diagnostic
		for line := range strings.Lines(planned) {
			if msg, err := tfjson.UnmarshalLogMessage([]byte(line)); err == nil {
				if d, ok := msg.(tfjson.DiagnosticLogMessage); ok {
					diags = append(diags, d.Diagnostic)
				}
			}
		}
		maps.Copy(refused, refusals(t, diags))
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := refused[module(i)]; !got.matches(tc.want) {
				t.Errorf("not refused with an error matching %s; its errors: %v", tc.want, got)
			}
			if tc.secret != "" && strings.Contains(outputs, tc.secret) {
				t.Error("an error prints the secret")
			}
		})
	}
	if n := env.requestCount(); n != 0 {
		t.Errorf("%d API requests for configurations refused at plan, want 0: %+v", n, env.emu.Requests())
	}
}

// refusal is what Terraform said about one module's configuration: each
// error's summary, detail and the line it points at.
type refusal []string

func (r refusal) matches(want string) bool {
	re := regexp.MustCompile(want)
	return slices.ContainsFunc(r, re.MatchString)
}

// refusals groups the errors by the module whose file they point at; an
// error that points at no module's file fails the test.
func refusals(t *testing.T, diags []tfjson.Diagnostic) map[string]refusal {
	t.Helper()
	out := map[string]refusal{}
	for _, d := range diags {
		if d.Severity != tfjson.DiagnosticSeverityError {
			continue
		}
		dir := ""
		if d.Range != nil {
			dir, _, _ = strings.Cut(filepath.ToSlash(d.Range.Filename), "/")
		}
		if !strings.HasPrefix(dir, "c") {
			t.Errorf("an error outside any input's module: %s: %s", d.Summary, d.Detail)
			continue
		}
		text := d.Summary + "\n" + d.Detail
		if d.Snippet != nil {
			text += "\n" + d.Snippet.Code
		}
		out[dir] = append(out[dir], text)
	}
	return out
}
