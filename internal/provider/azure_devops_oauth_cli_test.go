package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// oauthCLIConfig declares both actions and the access-status data source.
// The code comes in through a sensitive variable, as the action's docs say;
// the tests set it from the environment (TF_VAR_code), as CI would.
const oauthCLIConfig = `
terraform {
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

variable "session_id" {
  type = string
}

variable "code" {
  type      = string
  sensitive = true
}

action "pulumicloud_azure_devops_oauth_initiate" "x" {
  config {
    tenant_id = "contoso.onmicrosoft.com"
  }
}

action "pulumicloud_azure_devops_oauth_complete" "x" {
  config {
    session_id = var.session_id
    code       = var.code
    tenant_id  = "contoso.onmicrosoft.com"
  }
}

data "pulumicloud_azure_devops_access_status" "this" {}

output "has_user_token" {
  value = data.pulumicloud_azure_devops_access_status.this.has_user_token
}
`

// oauthCLIRun is one terraform command's output and TRACE log.
type oauthCLIRun struct {
	args     []string
	output   string
	traceLog string
}

// TestAccAzureDevOpsOAuthActions_cli runs the OAuth flow the way a person
// does, through the real CLI (Terraform ≥ 1.14; skipped below):
// `terraform apply -invoke=action.pulumicloud_azure_devops_oauth_initiate.x`
// prints the consent URL and session id as progress, `-invoke` of the
// complete action with that session id and the code from a sensitive
// variable prints the success message, the emulator receives exactly the
// documented bodies, and data.pulumicloud_azure_devops_access_status flips
// from false to true. Every command runs with TF_LOG=trace, and the code
// appears in none of their output, their TRACE logs or the state.
func TestAccAzureDevOpsOAuthActions_cli(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	cli.SkipBelow(t, tfversion.Version1_14_0)
	t.Parallel()

	env := newTestEnv(t, emulator.Options{})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(env.providerConfig()+oauthCLIConfig), 0o644); err != nil {
		t.Fatal(err)
	}
	rc := clitest.WriteCLIConfig(t, clitest.ProviderDir(t))
	var runs []oauthCLIRun
	terraform := func(sessionID string, args ...string) string {
		t.Helper()
		logPath := filepath.Join(t.TempDir(), "trace.log")
		res := clitest.Run(t, dir, clitest.CleanEnv(
			"TF_CLI_CONFIG_FILE="+rc,
			"TF_LOG=trace", "TF_LOG_PATH="+logPath,
			"TF_VAR_session_id="+sessionID,
			"TF_VAR_code="+testOAuthCode,
		), cli.Path, args...)
		trace, err := os.ReadFile(logPath)
		if err != nil {
			t.Fatalf("no TRACE log from terraform %s: %v", strings.Join(args, " "), err)
		}
		runs = append(runs, oauthCLIRun{args: args, output: res.Output, traceLog: string(trace)})
		if res.ExitCode != 0 {
			t.Fatalf("terraform %s: exit %d\n%s", strings.Join(args, " "), res.ExitCode, clitest.Tail(res.Output, 4000))
		}
		return res.Output
	}
	hasUserToken := func() string {
		t.Helper()
		return strings.TrimSpace(terraform("", "output", "-no-color", "-raw", "has_user_token"))
	}
	apply := []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	initiatePath := "/api/console/orgs/" + testOrg + "/integrations/azure-devops/oauth/initiate"
	completePath := "/api/console/orgs/" + testOrg + "/integrations/azure-devops/oauth/complete"

	// Before: the data source reads no user token.
	terraform("not-started", apply...)
	if got := hasUserToken(); got != "false" {
		t.Fatalf("has_user_token before the flow = %q, want false", got)
	}

	// Initiate: one POST with the documented body; URL and session id as progress.
	env.emu.ResetRequests()
	out := terraform("not-started", append(apply, "-invoke=action.pulumicloud_azure_devops_oauth_initiate.x")...)
	reqs := emulatorRequestsTo(env, "POST", initiatePath)
	if len(reqs) != 1 || reqs[0].Status != 200 || !reqs[0].HasAuth {
		t.Fatalf("want one authenticated POST %s answered 200, got %+v", initiatePath, env.emu.Requests())
	}
	if want := `{"provider":{"name":"azure","azure":{"tenantId":"contoso.onmicrosoft.com","apiName":"ado"}}}`; !jsonBodyEqual(t, reqs[0].Body, want) {
		t.Errorf("initiate body = %s, want %s", reqs[0].Body, want)
	}
	if n := len(emulatorRequestsTo(env, "POST", completePath)); n != 0 {
		t.Errorf("-invoke of the initiate action also sent %d complete requests", n)
	}
	sessionID, consentURL := sessionFromProgress(t, []string{out})
	consentURL, _, _ = strings.Cut(consentURL, "\n")
	for _, msg := range oauthInitiateProgress(testOrg, &client.AzureDevOpsOAuthSession{SessionID: sessionID, URL: consentURL}) {
		if !strings.Contains(out, msg) {
			t.Errorf("the initiate output lacks the progress message %q:\n%s", msg, out)
		}
	}
	if !strings.Contains(consentURL, "state="+sessionID) {
		t.Errorf("consent URL %q does not carry the session id %s", consentURL, sessionID)
	}

	// Complete: one POST carrying the session id and the code; success as progress.
	env.emu.ResetRequests()
	out = terraform(sessionID, append(apply, "-invoke=action.pulumicloud_azure_devops_oauth_complete.x")...)
	reqs = emulatorRequestsTo(env, "POST", completePath)
	if len(reqs) != 1 || reqs[0].Status != 200 || !reqs[0].HasAuth {
		t.Fatalf("want one authenticated POST %s answered 200, got %+v", completePath, env.emu.Requests())
	}
	// The emulator records the code redacted; SecretReceived says whether it arrived.
	want := fmt.Sprintf(`{"provider":{"name":"azure","azure":{"tenantId":"contoso.onmicrosoft.com","apiName":"ado"}},"sessionID":%q,"code":"<redacted>"}`,
		sessionID)
	if !jsonBodyEqual(t, reqs[0].Body, want) {
		t.Errorf("complete body = %s, want %s", reqs[0].Body, want)
	}
	if !env.emu.SecretReceived(testOAuthCode) {
		t.Errorf("the complete request did not carry the OAuth code")
	}
	if n := len(emulatorRequestsTo(env, "POST", initiatePath)); n != 0 {
		t.Errorf("-invoke of the complete action also sent %d initiate requests", n)
	}
	if !strings.Contains(out, oauthCompleteProgress(testOrg)) {
		t.Errorf("the complete output lacks the success message %q:\n%s", oauthCompleteProgress(testOrg), out)
	}

	// After: the next apply reads the token.
	terraform(sessionID, apply...)
	if got := hasUserToken(); got != "true" {
		t.Errorf("has_user_token after the flow = %q, want true", got)
	}

	// The code is nowhere: output, TRACE logs, state. The TRACE logs are
	// live: they hold the provider's own log line for the complete call.
	sawProviderLog := false
	for _, r := range runs {
		cmd := "terraform " + strings.Join(r.args, " ")
		if strings.Contains(r.output, testOAuthCode) {
			t.Errorf("%s printed the code:\n%s", cmd, r.output)
		}
		if i := strings.Index(r.traceLog, testOAuthCode); i >= 0 {
			t.Errorf("the TRACE log of %s holds the code: ...%s...", cmd, r.traceLog[max(0, i-300):min(len(r.traceLog), i+100)])
		}
		sawProviderLog = sawProviderLog || strings.Contains(r.traceLog, "completed Azure DevOps OAuth")
	}
	if !sawProviderLog {
		t.Error("no TRACE log holds the provider's \"completed Azure DevOps OAuth\" line; the log check would be vacuous")
	}
	state, err := os.ReadFile(filepath.Join(dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(state), testOAuthCode) {
		t.Error("the state holds the code")
	}
}
