// Package e2e drives the real pulumi CLI against the emulator through each
// route a Pulumi user has to this provider; `make pulumi-e2e` builds what
// they need and points the tests at it through the environment:
//
//   - yaml_test.go: a YAML program through the bridged plugin
//     pulumi-resource-pulumicloud (cmd/pulumi-resource-pulumicloud);
//   - dynamic_test.go: "Any Terraform Provider", `pulumi package add
//     terraform-provider` on the provider binary, served by the dynamic bridge
//     plugin (../dynamic);
//   - gosdk_test.go: the generated Go SDK (../sdk/go/pulumicloud) through the
//     Automation API with an inline program;
//   - nodejs_test.go: the generated TypeScript SDK (../sdk/nodejs) through
//     the Node Automation API (testdata/nodejs).
//
// Without PULUMI_E2E_BIN (a directory holding pulumi, pulumi-language-yaml
// and pulumi-resource-pulumicloud) every test skips.
package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const (
	org         = "acme"
	accessToken = emulator.DefaultToken
	// bitbucketToken goes in as a secret only; it must never show in plain
	// text in the stack, the config or CLI output.
	bitbucketToken = "bb-e2e-secret-4f1c9a7d2e"
	passphrase     = "pulumie2e-fixed-passphrase"

	gitlabGroupID       = 7001 // seeded, not integrated
	gitlabGroupPath     = "acme/platform"
	bitbucketUUID       = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
	bitbucketSlug       = "acme-web" // seeded, not integrated
	seededGitLabGroupID = emulator.SeedIntegratedGitLabGroupID

	// The types as a program may name them, and the canonical tokens that
	// the state holds and `pulumi import` needs.
	gitlabType  = "pulumicloud:index:GitlabIntegration"
	bbType      = "pulumicloud:index:BitbucketIntegration"
	gitlabToken = "pulumicloud:index/gitlabIntegration:GitlabIntegration"
	bbToken     = "pulumicloud:index/bitbucketIntegration:BitbucketIntegration"
)

// e2eBin answers PULUMI_E2E_BIN as an absolute path, after checking that it
// holds the binaries named; without it the test skips.
func e2eBin(t *testing.T, names ...string) string {
	t.Helper()
	bin := os.Getenv("PULUMI_E2E_BIN")
	if bin == "" {
		t.Skip("PULUMI_E2E_BIN is not set: run `make pulumi-e2e`, which builds pulumi, pulumi-language-yaml and pulumi-resource-pulumicloud into one directory")
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			t.Fatalf("PULUMI_E2E_BIN=%s: %v", bin, err)
		}
	}
	return bin
}

// envFile answers the file an environment variable names, or skips the test
// when it is not set.
func envFile(t *testing.T, name, what string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Skipf("%s is not set (%s): run `make pulumi-e2e`", name, what)
	}
	abs, err := filepath.Abs(v)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return abs
}

// startEmulator starts an emulator on loopback and checks the seeded world
// the tests rely on: GitLab group 7001 and Bitbucket workspace acme-web not
// integrated yet.
func startEmulator(t *testing.T) (*emulator.Emulator, string) {
	t.Helper()
	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	if integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(gitlabGroupID)) != "" ||
		integrationWith(t, emu, "bitbucket", "workspaceSlug", bitbucketSlug) != "" {
		t.Fatalf("the emulator starts with GitLab group %d or Bitbucket %s integrated already", gitlabGroupID, bitbucketSlug)
	}
	return emu, url
}

// pulumiCLI runs the CLI in the project directory with an environment built from
// scratch: a file backend under the test's temporary directory, a fixed
// passphrase, no update check and no plugin downloads (the language host and
// the provider come from bin on PATH). The provider's own environment
// fallbacks (PULUMI_ACCESS_TOKEN, PULUMI_BACKEND_URL, ...) are not inherited.
type pulumiCLI struct {
	t       *testing.T
	exe     string // bin/pulumi
	dir     string // the project
	backend string // the file backend's directory
	home    string // PULUMI_HOME
	env     []string
}

func newPulumi(t *testing.T, bin string) *pulumiCLI {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "project")
	for _, d := range []string{dir, filepath.Join(tmp, "home"), filepath.Join(tmp, "state")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	p := &pulumiCLI{
		t: t, exe: filepath.Join(bin, "pulumi"), dir: dir,
		backend: filepath.Join(tmp, "state"), home: filepath.Join(tmp, "home", ".pulumi"),
	}
	p.env = []string{
		"PATH=" + bin + string(os.PathListSeparator) + os.Getenv("PATH"),
		"HOME=" + filepath.Join(tmp, "home"),
		"TMPDIR=" + tmp,
		"PULUMI_HOME=" + p.home,
		"PULUMI_CONFIG_PASSPHRASE=" + passphrase,
		"PULUMI_SKIP_UPDATE_CHECK=true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"PULUMI_SKIP_CONFIRMATIONS=true",
	}
	return p
}

// run prints the command, runs it and fails the test when it fails. Every
// output is checked for the secrets.
func (p *pulumiCLI) run(args ...string) string {
	p.t.Helper()
	out, err := p.try("", args...)
	if err != nil {
		p.t.Fatalf("pulumi %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// try runs the command with stdin (the way to hand over a secret without
// putting it on a command line) and answers its output.
func (p *pulumiCLI) try(stdin string, args ...string) (string, error) {
	p.t.Helper()
	p.t.Logf("$ pulumi %s", strings.Join(args, " "))
	ctx, cancel := context.WithTimeout(p.t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.exe, append(args, "--non-interactive", "--color=never")...)
	cmd.Dir, cmd.Env, cmd.Stdin = p.dir, p.env, strings.NewReader(stdin)
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	out := buf.String()
	p.t.Log(strings.TrimRight(out, "\n"))
	for _, s := range []string{bitbucketToken, accessToken} {
		if strings.Contains(out, s) {
			p.t.Errorf("pulumi %s printed a secret (%q...)", strings.Join(args, " "), s[:6])
		}
	}
	return out, err
}

// secret sets a secret config value, read from stdin.
func (p *pulumiCLI) secret(key, value string) {
	p.t.Helper()
	if out, err := p.try(value, "config", "set", "--secret", key); err != nil {
		p.t.Fatalf("pulumi config set --secret %s: %v\n%s", key, err, out)
	}
}

// export answers `pulumi stack export`, written to a file so that secrets
// shown with --show-secrets never pass through the logged output.
func (p *pulumiCLI) export(showSecrets bool) string {
	p.t.Helper()
	file := filepath.Join(p.t.TempDir(), "stack.json")
	args := []string{"stack", "export", "--file", file}
	if showSecrets {
		args = append(args, "--show-secrets")
	}
	p.run(args...)
	return readFile(p.t, file)
}

// checkSecretState checks that the Bitbucket resource's token is in the
// stack, but only encrypted: `pulumi stack export` shows no secret in plain
// text and marks the token a secret in the inputs and outputs, while
// --show-secrets reveals it (so it reached the state at all).
func checkSecretState(t *testing.T, plain, shown string) {
	t.Helper()
	noPlainSecret(t, "pulumi stack export", plain)
	bbRes := resourceOfName(t, plain, "bitbucket")
	if bbRes["type"] != bbToken {
		t.Errorf("stack export: the bitbucket resource's type is %v, want %s", bbRes["type"], bbToken)
	}
	for _, part := range []string{"inputs", "outputs"} {
		if props, _ := bbRes[part].(map[string]any); !isSecret(props["workspaceAccessToken"]) {
			t.Errorf("stack export: the Bitbucket %s' workspaceAccessToken is not a secret: %v", part, bbRes[part])
		}
	}
	if !strings.Contains(shown, bitbucketToken) {
		t.Errorf("pulumi stack export --show-secrets has no Bitbucket token: it never reached the state, so the check above proves nothing")
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func noPlainSecret(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range []string{bitbucketToken, accessToken} {
		if strings.Contains(text, s) {
			t.Errorf("%s holds a secret in plain text (%q...)", what, s[:6])
		}
	}
}

// integrationWith answers the id of the org's integration of kind whose
// field has the value, or "".
func integrationWith(t *testing.T, emu *emulator.Emulator, kind, field string, value any) string {
	t.Helper()
	for _, in := range emu.Integrations(org, kind) {
		if in[field] == value {
			id, _ := in["id"].(string)
			return id
		}
	}
	return ""
}

// createdBoth checks, after an up, that the GitLab and the Bitbucket
// integration exist at the emulator and that the Bitbucket token reached it;
// it answers their ids.
func createdBoth(t *testing.T, emu *emulator.Emulator) (gitlab, bitbucket string) {
	t.Helper()
	gitlab = integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(gitlabGroupID))
	bitbucket = integrationWith(t, emu, "bitbucket", "workspaceSlug", bitbucketSlug)
	if gitlab == "" || bitbucket == "" {
		t.Fatalf("after up the emulator has GitLab %q, Bitbucket %q; want both", gitlab, bitbucket)
	}
	// The emulator redacts secrets before it records a request; it keeps
	// their digests, so a test can still ask whether one arrived.
	if !emu.SecretReceived(bitbucketToken) {
		t.Errorf("no request to the emulator carried the Bitbucket token")
	}
	return gitlab, bitbucket
}

// goneAll checks, after a destroy, that the integrations are gone at the
// emulator and that the seeded Bitbucket integration, never in a stack, is
// still there.
func goneAll(t *testing.T, emu *emulator.Emulator, gitlab, bitbucket string) {
	t.Helper()
	for _, in := range []struct{ kind, id string }{{"gitlab", gitlab}, {"bitbucket", bitbucket}} {
		if _, ok := emu.Integration(org, in.kind, in.id); ok {
			t.Errorf("after destroy the emulator still has %s integration %s", in.kind, in.id)
		}
	}
	if integrationWith(t, emu, "bitbucket", "workspaceSlug", emulator.SeedIntegratedBitbucketSlug) == "" {
		t.Errorf("after destroy the seeded Bitbucket integration %s, never in the stack, is gone too", emulator.SeedIntegratedBitbucketSlug)
	}
}

// Pulumi's marker of a secret value in a serialized state.
const secretSig = "1b47061264138c4ac30d75fd1eb44270"

func isSecret(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m["4dabf18193072939515e22adb298388d"] == secretSig
}

func resources(t *testing.T, state string) []map[string]any {
	t.Helper()
	var s struct {
		Deployment struct {
			Resources []map[string]any `json:"resources"`
		} `json:"deployment"`
	}
	if err := json.Unmarshal([]byte(state), &s); err != nil {
		t.Fatalf("stack export: %v", err)
	}
	return s.Deployment.Resources
}

func resourceOfName(t *testing.T, state, name string) map[string]any {
	t.Helper()
	for _, r := range resources(t, state) {
		if urn, _ := r["urn"].(string); strings.HasSuffix(urn, "::"+name) {
			return r
		}
	}
	t.Fatalf("stack export has no resource named %s:\n%s", name, state)
	return nil
}
