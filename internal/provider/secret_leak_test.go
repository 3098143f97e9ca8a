package provider

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The leak scans of this file run against an emulator that quotes the
// request, secrets included, in its error answers
// (emulator.Options.QuoteRequestInErrors), as validation errors of many
// services do: a secret the provider sent must still not reach the CLI's
// output, a diagnostic or a TRACE log. The client masks it by value
// (internal/client/secrets.go).

// requiredProviders names the provider's source for the real CLI.
const requiredProviders = `
terraform {
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}
`

// secretSpellings are the ways a secret may show up in text: as is, JSON-
// escaped (with HTML escaping, as encoding/json writes, and without) and
// URL-escaped.
func secretSpellings(secret string) []string {
	htmlEscaped, _ := json.Marshal(secret)
	return []string{secret, strings.Trim(string(htmlEscaped), `"`), strings.Trim(fmt.Sprintf("%q", secret), `"`), url.QueryEscape(secret)}
}

// scanForSecret fails the test when text holds secret in any spelling.
func scanForSecret(t *testing.T, what, text, secret string) {
	t.Helper()
	for _, s := range secretSpellings(secret) {
		if i := strings.Index(text, s); i >= 0 {
			t.Errorf("%s holds the secret: …%s…", what, text[max(0, i-300):min(len(text), i+len(s)+80)])
		}
	}
}

// cliRun is one terraform command's output and TRACE log.
type cliRun struct {
	name, output, trace string
	exitCode            int
}

// runTerraformTraced runs terraform in dir with TF_LOG=trace and vars (as
// TF_VAR_ environment variables, as CI passes secrets).
func runTerraformTraced(t *testing.T, cli *clitest.CLI, dir, rc string, vars map[string]string, args ...string) cliRun {
	t.Helper()
	logPath := filepath.Join(t.TempDir(), "trace.log")
	env := []string{"TF_CLI_CONFIG_FILE=" + rc, "TF_LOG=trace", "TF_LOG_PATH=" + logPath}
	for k, v := range vars {
		env = append(env, "TF_VAR_"+k+"="+v)
	}
	res := clitest.Run(t, dir, clitest.CleanEnv(env...), cli.Path, args...)
	trace, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("no TRACE log from terraform %s: %v", strings.Join(args, " "), err)
	}
	return cliRun{name: "terraform " + strings.Join(args, " "), output: res.Output, trace: string(trace), exitCode: res.ExitCode}
}

// scanRuns checks the output and TRACE log of every run, and that the
// TRACE logs are live (they hold the provider's HTTP log lines).
func scanRuns(t *testing.T, runs []cliRun, secret string) {
	t.Helper()
	live := false
	for _, r := range runs {
		scanForSecret(t, "the output of "+r.name, r.output, secret)
		scanForSecret(t, "the TRACE log of "+r.name, r.trace, secret)
		live = live || strings.Contains(r.trace, "pulumicloud_http")
	}
	if !live {
		t.Error("no TRACE log holds the provider's pulumicloud_http lines: the log scan would be vacuous")
	}
}

// A Bitbucket create refused with an answer that quotes the request: the
// token (write-only, or the legacy sensitive attribute) is in neither the
// CLI's output nor its TRACE log, though the error itself is shown.
func TestAccBitbucketIntegration_quotedTokenNeverShown(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	cli.SkipBelow(t, tfversion.Version1_11_0)
	t.Parallel()
	const token = "BBTOKEN-quoted-<&>-5e8a1f0c"
	for _, attr := range []string{"workspace_access_token_wo", "workspace_access_token"} {
		t.Run(attr, func(t *testing.T) {
			env := newTestEnv(t, emulator.Options{QuoteRequestInErrors: true})
			version := ""
			if attr == "workspace_access_token_wo" {
				version = "\n  workspace_access_token_wo_version = 1"
			}
			// A workspace the emulated Bitbucket does not have: the create
			// answers 400, quoting the request.
			config := requiredProviders + env.providerConfig() + `
variable "bb_token" {
  type      = string
  sensitive = true
}

resource "pulumicloud_bitbucket_integration" "test" {
  workspace_uuid = "{00000000-0000-4000-8000-0000000000aa}"
  workspace_slug = "not-a-workspace"
  ` + attr + ` = var.bb_token` + version + `
}
`
			if attr == "workspace_access_token_wo" {
				config = strings.Replace(config, "sensitive = true\n", "sensitive = true\n  ephemeral = true\n", 1)
			}
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
				t.Fatal(err)
			}
			rc := clitest.WriteCLIConfig(t, clitest.ProviderDir(t))
			run := runTerraformTraced(t, cli, dir, rc, map[string]string{"bb_token": token},
				"apply", "-auto-approve", "-input=false", "-no-color")
			if run.exitCode == 0 {
				t.Fatalf("apply succeeded; want the create refused:\n%s", clitest.Tail(run.output, 3000))
			}
			if !env.emu.SecretReceived(token) {
				t.Fatal("the create never sent the token: the scan would be vacuous")
			}
			// The quote reached the provider (its non-secret part is shown),
			// with the token masked in it.
			flat := strings.Join(strings.Fields(run.output), " ")
			for _, want := range []string{"Unable to Create Bitbucket Integration", "HTTP 400", "not-a-workspace", "***"} {
				if !strings.Contains(flat, want) {
					t.Errorf("the output lacks %q:\n%s", want, clitest.Tail(run.output, 3000))
				}
			}
			scanRuns(t, []cliRun{run}, token)
		})
	}
}

// A custom VCS integration's webhook secret, answered by the create and by
// a regeneration, is in neither the CLI's output nor its TRACE log.
func TestAccCustomVCSIntegration_webhookSecretNeverShown(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	cli.SkipBelow(t, tfversion.Version1_11_0)
	t.Parallel()
	env := newTestEnv(t, emulator.Options{QuoteRequestInErrors: true})
	config := func(version int) string {
		return requiredProviders + env.providerConfig() + fmt.Sprintf(`
resource "pulumicloud_custom_vcs_integration" "test" {
  name                   = "leak-scan"
  base_url               = "https://git.leak-scan.example"
  environment            = "vcs/leak-scan"
  webhook_secret_version = %d
}
`, version)
	}
	dir := t.TempDir()
	rc := clitest.WriteCLIConfig(t, clitest.ProviderDir(t))
	var runs []cliRun
	var secrets []string
	for version := 1; version <= 2; version++ { // the create, then a regeneration
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config(version)), 0o644); err != nil {
			t.Fatal(err)
		}
		run := runTerraformTraced(t, cli, dir, rc, nil, "apply", "-auto-approve", "-input=false", "-no-color")
		runs = append(runs, run)
		if run.exitCode != 0 {
			t.Fatalf("%s: exit %d\n%s", run.name, run.exitCode, clitest.Tail(run.output, 3000))
		}
		secrets = append(secrets, webhookSecretInState(t, dir))
	}
	if secrets[0] == secrets[1] {
		t.Fatal("the second apply did not regenerate the secret")
	}
	id := ""
	for _, in := range env.emu.Integrations(testOrg, "custom") {
		if in["name"] == "leak-scan" {
			id, _ = in["id"].(string)
		}
	}
	if !env.emu.WebhookSecretMatches(testOrg, id, secrets[1]) {
		t.Fatalf("the state's secret is not the emulator's: the scan would look for the wrong value")
	}
	for i, secret := range secrets {
		scanRuns(t, runs[i:], secret)
	}
}

// webhookSecretInState reads the webhook secret from the local state file.
func webhookSecretInState(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), `"webhook_secret": "`)
	secret, _, ok2 := strings.Cut(rest, `"`)
	if !ok || !ok2 || len(secret) < 8 {
		t.Fatalf("no webhook secret in the state")
	}
	return secret
}

// The Azure DevOps OAuth code, refused with an answer that quotes the
// request: the code is in neither the diagnostic nor any log line, through
// the action RPCs Terraform ≥ 1.14 calls (TestAccAzureDevOpsOAuthActions_cli
// scans the real CLI's output and TRACE logs where that Terraform runs).
func TestAzureDevOpsOAuthComplete_quotedCodeMasked(t *testing.T) {
	env := newTestEnv(t, emulator.Options{QuoteRequestInErrors: true})
	h := newActionHarness(t, env, testOrg)
	_, diags := h.invoke(oauthCompleteType, map[string]string{"session_id": "no-such-session", "code": testOAuthCode})
	text := protoDiagText(diags)
	if !hasErrorDiagnostic(diags) || !strings.Contains(text, "Unable to Complete Azure DevOps OAuth") {
		t.Fatalf("want the complete refused, got %s", text)
	}
	if !env.emu.SecretReceived(testOAuthCode) {
		t.Fatal("the complete never sent the code: the check would be vacuous")
	}
	// The quote reached the diagnostic, with the code masked in it.
	if !strings.Contains(text, `"sessionID":"no-such-session"`) || !strings.Contains(text, `"code":"***"`) {
		t.Errorf("the diagnostic lacks the quoted request with the code masked:\n%s", text)
	}
	scanForSecret(t, "the diagnostic", text, testOAuthCode)
	logs := h.logs.String()
	scanForSecret(t, "the provider's log", logs, testOAuthCode)
	if !strings.Contains(logs, "oauth/complete") {
		t.Errorf("the log lacks the complete request: the scan would be vacuous:\n%.2000s", logs)
	}
}
