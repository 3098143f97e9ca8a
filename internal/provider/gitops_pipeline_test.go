package provider

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// gitopsDir is the shipped GitOps example, from this package's directory.
const gitopsDir = "../../examples/gitops"

// TestGitOpsWorkflowsCallPipeline holds the two shipped CI definitions to
// the script TestAccGitOpsPipeline runs: each calls pipeline.sh for plan,
// apply and drift, and for nothing else, so no CI step escapes the test.
func TestGitOpsWorkflowsCallPipeline(t *testing.T) {
	call := regexp.MustCompile(`pipeline\.sh(?:\s+(\S+))?`)
	for _, name := range []string{"github-actions.yml", "gitlab-ci.yml"} {
		text, err := os.ReadFile(filepath.Join(gitopsDir, name))
		if err != nil {
			t.Fatal(err)
		}
		var steps []string
		for _, line := range strings.Split(string(text), "\n") {
			code, _, _ := strings.Cut(line, "#")
			if m := call.FindStringSubmatch(code); m != nil {
				steps = append(steps, m[1])
			}
			if strings.Contains(code, "terraform ") || strings.Contains(code, "tofu ") {
				t.Errorf("%s runs the CLI outside pipeline.sh: %q", name, strings.TrimSpace(line))
			}
		}
		slices.Sort(steps)
		if want := []string{"apply", "drift", "plan"}; !slices.Equal(steps, want) {
			t.Errorf("%s calls pipeline.sh with %q, want each of %q once", name, steps, want)
		}
	}
}

// TestAccGitOpsPipeline runs examples/gitops/pipeline.sh, the script both
// shipped CI definitions call, against the emulator with the real CLI: a
// missing token and unformatted code each stop the plan before any request;
// plan saves the plan without the token in it; apply applies exactly that
// plan and refuses it once stale; the drift check passes, then fails with
// exit code 2 after a change made out of band (as in the web console).
func TestAccGitOpsPipeline(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	t.Parallel()

	const token = "pul-gitops-4b1e9d0c7a52-ci-secret"
	env := newTestEnv(t, emulator.Options{Token: token})
	dir := t.TempDir()
	for _, name := range []string{"main.tf", "backend.tf", "pipeline.sh"} {
		copyFile(t, filepath.Join(gitopsDir, name), filepath.Join(dir, name))
	}
	script := filepath.Join(dir, "pipeline.sh")
	base := clitest.CleanEnv(
		"TERRAFORM="+cli.Path,
		"TF_CLI_CONFIG_FILE="+clitest.WriteMirrorConfig(t, clitest.ProviderDir(t)),
		"PULUMI_BACKEND_URL="+env.url,
		"PULUMI_ORGANIZATION="+testOrg,
	)
	withToken := append(slices.Clone(base), "PULUMI_ACCESS_TOKEN="+token)
	var printed strings.Builder
	pipeline := func(env []string, step string, wantExit int) string {
		t.Helper()
		res := clitest.Run(t, dir, env, script, step)
		res.Output = clitest.StripColor(res.Output)
		printed.WriteString(res.Output)
		if res.ExitCode != wantExit {
			t.Fatalf("pipeline.sh %s: exit %d, want %d\n%s", step, res.ExitCode, wantExit, clitest.Tail(res.Output, 4000))
		}
		return res.Output
	}
	mutations := func() []emulator.RequestRecord {
		var out []emulator.RequestRecord
		for _, r := range env.emu.Requests() {
			if r.Method != "GET" {
				out = append(out, r)
			}
		}
		return out
	}

	// Refused before Terraform runs: no token, then unformatted code.
	if out := pipeline(base, "plan", 1); !strings.Contains(out, "PULUMI_ACCESS_TOKEN is not set") {
		t.Errorf("plan without a token: want an error naming PULUMI_ACCESS_TOKEN, got:\n%s", out)
	}
	sloppy := filepath.Join(dir, "sloppy.tf")
	if err := os.WriteFile(sloppy, []byte("locals {\nx=1\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := pipeline(withToken, "plan", 1); !strings.Contains(out, "sloppy.tf") || !strings.Contains(out, "terraform fmt") {
		t.Errorf("plan of unformatted code: want the file and the fix named, got:\n%s", out)
	}
	if err := os.Remove(sloppy); err != nil {
		t.Fatal(err)
	}
	env.expectNoRequests(t, "the refused plans")

	// Plan: saved, readable, changes nothing, and holds no token.
	out := pipeline(withToken, "plan", 0)
	if !strings.Contains(out, "==> changes") {
		t.Errorf("plan of a fresh configuration should report changes:\n%s", out)
	}
	planText, err := os.ReadFile(filepath.Join(dir, "tfplan.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pulumicloud_gitlab_integration.platform will be created", "pulumicloud_github_integration.acme_inc will be created", "2 to add, 0 to change, 0 to destroy"} {
		if !strings.Contains(string(planText), want) {
			t.Errorf("tfplan.txt lacks %q:\n%s", want, planText)
		}
	}
	planFile, err := os.ReadFile(filepath.Join(dir, "tfplan"))
	if err != nil {
		t.Fatal(err)
	}
	showJSON := clitest.Run(t, dir, withToken, cli.Path, "show", "-json", "tfplan")
	if showJSON.ExitCode != 0 {
		t.Fatalf("show -json tfplan: %s", showJSON.Output)
	}
	if strings.Contains(string(planFile), token) || strings.Contains(showJSON.Output, token) || strings.Contains(string(planText), token) {
		t.Error("the plan artifact holds the access token")
	}
	if m := mutations(); len(m) != 0 {
		t.Errorf("plan changed Pulumi Cloud: %+v", m)
	}

	// Apply: exactly the saved plan.
	pipeline(withToken, "apply", 0)
	gitlabID := managedID(t, cli, dir, withToken, "gitlab")
	got, ok := env.emu.Integration(testOrg, "gitlab", gitlabID)
	if !ok || got["disablePRComments"] != true {
		t.Fatalf("after apply the emulator holds GitLab integration %s = %v (exists %v), want disablePRComments true", gitlabID, got, ok)
	}

	// The same plan again is stale now, and is refused without a request.
	env.emu.ResetRequests()
	if out := pipeline(withToken, "apply", 1); !strings.Contains(out, "stale") {
		t.Errorf("re-applying the saved plan: want Terraform's stale-plan error, got:\n%s", clitest.Tail(out, 2000))
	}
	if m := mutations(); len(m) != 0 {
		t.Errorf("a stale plan changed Pulumi Cloud: %+v", m)
	}

	// Drift check: clean, then exit 2 after an out-of-band change.
	if out := pipeline(withToken, "drift", 0); !strings.Contains(out, "no drift") {
		t.Errorf("drift check right after apply:\n%s", out)
	}
	if err := env.emu.PatchIntegration(testOrg, "gitlab", gitlabID, map[string]any{"disablePRComments": false}); err != nil {
		t.Fatal(err)
	}
	env.emu.ResetRequests()
	out = pipeline(withToken, "drift", 2)
	if !strings.Contains(out, "disable_pr_comments") || !strings.Contains(out, "==> drift") {
		t.Errorf("drift check after the console change: want the drifted attribute and the verdict, got:\n%s", out)
	}
	if m := mutations(); len(m) != 0 {
		t.Errorf("the drift check changed Pulumi Cloud: %+v", m)
	}

	if strings.Contains(printed.String(), token) {
		t.Error("the pipeline printed the access token")
	}
}

// managedID is the integration id of kind in the configuration's
// integration_ids output (values are "<organization>/<integration_id>").
func managedID(t *testing.T, cli *clitest.CLI, dir string, env []string, kind string) string {
	t.Helper()
	res := clitest.Run(t, dir, env, cli.Path, "output", "-json", "integration_ids")
	var ids map[string]string
	if err := json.Unmarshal([]byte(res.Output), &ids); res.ExitCode != 0 || err != nil {
		t.Fatalf("output integration_ids: exit %d, %v\n%s", res.ExitCode, err, res.Output)
	}
	org, id, ok := strings.Cut(ids[kind], "/")
	if !ok || org != testOrg || id == "" {
		t.Fatalf("integration_ids[%s] = %q, want %s/<id>", kind, ids[kind], testOrg)
	}
	return id
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil {
		t.Fatal(err)
	}
}
