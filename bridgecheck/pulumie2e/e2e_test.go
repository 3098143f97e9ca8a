// Package pulumie2e drives the real pulumi CLI, its YAML language host and
// the bridged provider plugin (cmd/pulumi-resource-pulumicloud) against the
// emulator: `make pulumi-e2e` builds the three binaries into one directory
// and runs this test with PULUMI_E2E_BIN pointing at it.
package pulumie2e

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

	"gopkg.in/yaml.v3"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

const (
	org         = "acme"
	accessToken = emulator.DefaultToken
	// bitbucketToken goes in through `pulumi config set --secret` only; it
	// must never show in plain text in the stack, the config or CLI output.
	bitbucketToken = "bb-e2e-secret-4f1c9a7d2e"
	passphrase     = "pulumie2e-fixed-passphrase"

	gitlabGroupID       = 7001 // seeded, not integrated
	bitbucketUUID       = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
	bitbucketSlug       = "acme-web" // seeded, not integrated
	seededGitLabGroupID = emulator.SeedIntegratedGitLabGroupID

	// The types as a YAML program may name them, and the canonical tokens
	// that the state holds and `pulumi import` needs.
	gitlabType  = "pulumicloud:index:GitlabIntegration"
	bbType      = "pulumicloud:index:BitbucketIntegration"
	gitlabToken = "pulumicloud:index/gitlabIntegration:GitlabIntegration"
	bbToken     = "pulumicloud:index/bitbucketIntegration:BitbucketIntegration"
)

// program is the YAML program: a GitLab and a Bitbucket integration, the
// Bitbucket token from a secret config value. The provider is the default
// one, configured by pulumicloud:* stack config.
const program = `name: pulumicloud-e2e
runtime: yaml
description: The pulumicloud provider through the Pulumi Terraform bridge
config:
  bitbucketToken:
    type: string
    secret: true
resources:
  gitlab:
    type: ` + gitlabType + `
    properties:
      gitlabGroupId: 7001
  bitbucket:
    type: ` + bbType + `
    properties:
      workspaceUuid: "` + bitbucketUUID + `"
      workspaceSlug: ` + bitbucketSlug + `
      workspaceAccessToken: ${bitbucketToken}
outputs:
  gitlabIntegrationId: ${gitlab.integrationId}
  bitbucketIntegrationId: ${bitbucket.integrationId}
`

// pulumi runs the CLI in the project directory with an environment built from
// scratch: a file backend under the test's temporary directory, a fixed
// passphrase, no update check and no plugin downloads (the language host and
// the provider come from bin on PATH). The provider's own environment
// fallbacks (PULUMI_ACCESS_TOKEN, PULUMI_BACKEND_URL, ...) are not inherited.
type pulumi struct {
	t       *testing.T
	exe     string // bin/pulumi
	dir     string // the project
	backend string // the file backend's directory
	home    string // PULUMI_HOME
	env     []string
}

func newPulumi(t *testing.T, bin string) *pulumi {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "project")
	for _, d := range []string{dir, filepath.Join(tmp, "home"), filepath.Join(tmp, "state")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	p := &pulumi{
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
func (p *pulumi) run(args ...string) string {
	p.t.Helper()
	out, err := p.try("", args...)
	if err != nil {
		p.t.Fatalf("pulumi %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// try runs the command with stdin (the way to hand over a secret without
// putting it on a command line) and answers its output.
func (p *pulumi) try(stdin string, args ...string) (string, error) {
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

func TestPulumiCLI(t *testing.T) {
	bin := os.Getenv("PULUMI_E2E_BIN")
	if bin == "" {
		t.Skip("PULUMI_E2E_BIN is not set: run `make pulumi-e2e`, which builds pulumi, pulumi-language-yaml and pulumi-resource-pulumicloud into one directory")
	}
	bin, err := filepath.Abs(bin)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"pulumi", "pulumi-language-yaml", "pulumi-resource-pulumicloud"} {
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			t.Fatalf("PULUMI_E2E_BIN=%s: %v", bin, err)
		}
	}

	emu, err := emulator.New(emulator.Options{})
	if err != nil {
		t.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })
	seeded := integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(seededGitLabGroupID))
	if seeded == "" {
		t.Fatalf("the emulator has no seeded GitLab integration for group %d", seededGitLabGroupID)
	}
	if integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(gitlabGroupID)) != "" ||
		integrationWith(t, emu, "bitbucket", "workspaceSlug", bitbucketSlug) != "" {
		t.Fatalf("the emulator starts with GitLab group %d or Bitbucket %s integrated already", gitlabGroupID, bitbucketSlug)
	}

	p := newPulumi(t, bin)
	if err := os.WriteFile(filepath.Join(p.dir, "Pulumi.yaml"), []byte(program), 0o644); err != nil {
		t.Fatal(err)
	}
	p.run("version")
	p.run("login", "file://"+p.backend)
	p.run("stack", "init", "dev")
	p.run("config", "set", "pulumicloud:apiUrl", url)
	p.run("config", "set", "pulumicloud:organization", org)
	p.secret("pulumicloud:accessToken", accessToken)
	p.secret("bitbucketToken", bitbucketToken)
	noPlainSecret(t, "Pulumi.dev.yaml", readFile(t, filepath.Join(p.dir, "Pulumi.dev.yaml")))

	// up: both integrations exist at the emulator, and the token reached it.
	p.run("up", "--yes")
	gl := integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(gitlabGroupID))
	bb := integrationWith(t, emu, "bitbucket", "workspaceSlug", bitbucketSlug)
	if gl == "" || bb == "" {
		t.Fatalf("after pulumi up the emulator has GitLab %q, Bitbucket %q; want both", gl, bb)
	}
	if !tokenSent(emu, bitbucketToken) {
		t.Errorf("no request to the emulator carried the Bitbucket token from the secret config")
	}
	var outputs map[string]string
	if err := json.Unmarshal([]byte(p.run("stack", "output", "--json")), &outputs); err != nil {
		t.Fatalf("stack output: %v", err)
	}
	if outputs["gitlabIntegrationId"] != gl || outputs["bitbucketIntegrationId"] != bb {
		t.Errorf("stack outputs %v; want the emulator's ids %s and %s", outputs, gl, bb)
	}

	// No drift: a preview and a refresh right after up change nothing.
	p.run("preview", "--expect-no-changes")
	p.run("refresh", "--yes", "--expect-no-changes")

	// The stack holds the token, but only encrypted.
	state := p.export(false)
	noPlainSecret(t, "pulumi stack export", state)
	bbRes := resourceOfName(t, state, "bitbucket")
	if bbRes["type"] != bbToken {
		t.Errorf("stack export: the bitbucket resource's type is %v, want %s", bbRes["type"], bbToken)
	}
	for _, part := range []string{"inputs", "outputs"} {
		if props, _ := bbRes[part].(map[string]any); !isSecret(props["workspaceAccessToken"]) {
			t.Errorf("stack export: the Bitbucket %s' workspaceAccessToken is not a secret: %v", part, bbRes[part])
		}
	}
	if !strings.Contains(p.export(true), bitbucketToken) {
		t.Errorf("pulumi stack export --show-secrets has no Bitbucket token: it never reached the state, so the check above proves nothing")
	}

	// import adopts the seeded GitLab integration by its Terraform import id,
	// and the code it generates, added to the program, previews clean.
	generated := filepath.Join(p.dir, "imported.yaml")
	p.run("import", gitlabToken, "seeded", org+"/"+seeded, "--yes", "--protect=false", "--out", generated)
	if got := resourceOfName(t, p.export(false), "seeded"); got["id"] != org+"/"+seeded {
		t.Errorf("after import: the state's seeded resource has id %v, want %s/%s", got["id"], org, seeded)
	}
	added := mergeResources(t, filepath.Join(p.dir, "Pulumi.yaml"), generated)
	props, _ := added["seeded"]["properties"].(map[string]any)
	if id, _ := props["gitlabGroupId"].(int); int64(id) != seededGitLabGroupID {
		t.Errorf("pulumi import generated %v for seeded; want gitlabGroupId %d", added["seeded"], seededGitLabGroupID)
	}
	p.run("preview", "--expect-no-changes")
	p.run("refresh", "--yes", "--expect-no-changes")

	// destroy: the three integrations are gone at the emulator, and the
	// stack holds no resources.
	p.run("destroy", "--yes")
	for _, in := range []struct{ kind, id string }{{"gitlab", gl}, {"bitbucket", bb}, {"gitlab", seeded}} {
		if _, ok := emu.Integration(org, in.kind, in.id); ok {
			t.Errorf("after pulumi destroy the emulator still has %s integration %s", in.kind, in.id)
		}
	}
	if integrationWith(t, emu, "bitbucket", "workspaceSlug", emulator.SeedIntegratedBitbucketSlug) == "" {
		t.Errorf("after pulumi destroy the seeded Bitbucket integration %s, never in the stack, is gone too", emulator.SeedIntegratedBitbucketSlug)
	}
	for _, r := range resources(t, p.export(false)) {
		t.Errorf("after pulumi destroy the stack still has %v", r["urn"])
	}
	// Everything came from bin: nothing was downloaded or installed.
	if plugins, _ := os.ReadDir(filepath.Join(p.home, "plugins")); len(plugins) != 0 {
		t.Errorf("the run installed plugins into PULUMI_HOME: %v", plugins)
	}
}

// secret sets a secret config value, read from stdin.
func (p *pulumi) secret(key, value string) {
	p.t.Helper()
	if out, err := p.try(value, "config", "set", "--secret", key); err != nil {
		p.t.Fatalf("pulumi config set --secret %s: %v\n%s", key, err, out)
	}
}

// export answers `pulumi stack export`, written to a file so that secrets
// shown with --show-secrets never pass through the logged output.
func (p *pulumi) export(showSecrets bool) string {
	p.t.Helper()
	file := filepath.Join(p.t.TempDir(), "stack.json")
	args := []string{"stack", "export", "--file", file}
	if showSecrets {
		args = append(args, "--show-secrets")
	}
	p.run(args...)
	return readFile(p.t, file)
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

func tokenSent(emu *emulator.Emulator, token string) bool {
	// The emulator redacts secrets before it records a request; it keeps
	// their digests, so a test can still ask whether one arrived.
	return emu.SecretReceived(token)
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

// mergeResources adds the resources of the program `pulumi import` generated
// to the project's program, as a user adopting them would, and answers them.
func mergeResources(t *testing.T, programFile, generatedFile string) map[string]map[string]any {
	t.Helper()
	gen := readFile(t, generatedFile)
	t.Logf("pulumi import generated:\n%s", gen)
	var g struct {
		Resources map[string]map[string]any `yaml:"resources"`
	}
	var prog map[string]any
	if err := yaml.Unmarshal([]byte(gen), &g); err != nil {
		t.Fatalf("the generated program: %v", err)
	}
	if err := yaml.Unmarshal([]byte(readFile(t, programFile)), &prog); err != nil {
		t.Fatal(err)
	}
	if len(g.Resources) == 0 {
		t.Fatalf("pulumi import generated no resources:\n%s", gen)
	}
	res := prog["resources"].(map[string]any)
	for name, r := range g.Resources {
		res[name] = r
	}
	b, err := yaml.Marshal(prog)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(programFile, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return g.Resources
}
