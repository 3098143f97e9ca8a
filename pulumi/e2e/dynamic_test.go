package e2e

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// dynamicProgram is the YAML program of the "Any Terraform Provider" route:
// the same integrations as the YAML route, and a data source that reads the
// GitLab integration back by the id the resource got.
const dynamicProgram = `name: pulumicloud-dynamic-e2e
runtime: yaml
description: The pulumicloud Terraform provider through Pulumi's Any Terraform Provider route
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
variables:
  readBack:
    fn::invoke:
      function: pulumicloud:index:getGitlabIntegration
      arguments:
        integrationId: ${gitlab.integrationId}
outputs:
  gitlabIntegrationId: ${gitlab.integrationId}
  bitbucketIntegrationId: ${bitbucket.integrationId}
  readBackGroupPath: ${readBack.groupPath}
`

// TestAnyTerraformProvider is the route Pulumi's docs recommend for a
// Terraform provider without a Pulumi package: the dynamic bridge plugin
// (pulumi-resource-terraform-provider, installed offline from a file into a
// scratch PULUMI_HOME) parameterized by `pulumi package add
// terraform-provider <path of the provider binary>`. The bridged plugin
// pulumi-resource-pulumicloud is not on PATH here, so only the dynamic plugin
// can serve the program.
func TestAnyTerraformProvider(t *testing.T) {
	bin := e2eBin(t, "pulumi", "pulumi-language-yaml")
	provider := envFile(t, "PULUMI_E2E_PROVIDER", "the provider binary, bin/terraform-provider-pulumicloud")
	plugin := envFile(t, "PULUMI_E2E_DYNAMIC_PLUGIN", "the dynamic bridge plugin pulumi-resource-terraform-provider")
	version := os.Getenv("PULUMI_E2E_DYNAMIC_VERSION")
	if version == "" {
		t.Fatal("PULUMI_E2E_DYNAMIC_VERSION is not set: the version the dynamic plugin was built as")
	}
	if filepath.Base(provider) != "terraform-provider-pulumicloud" {
		t.Fatalf("PULUMI_E2E_PROVIDER=%s: package add needs a binary named terraform-provider-<name>", provider)
	}
	emu, url := startEmulator(t)

	// PATH: the CLI and the YAML host only.
	cli := t.TempDir()
	for _, name := range []string{"pulumi", "pulumi-language-yaml"} {
		if err := os.Symlink(filepath.Join(bin, name), filepath.Join(cli, name)); err != nil {
			t.Fatal(err)
		}
	}
	p := newPulumi(t, cli)
	// The dynamic plugin starts the provider and leaves it running when it
	// exits; the marker, inherited through pulumi and the plugin, tells this
	// run's providers from any other's.
	marker := "PULUMICLOUD_E2E_RUN=" + randomHex(t)
	p.env = append(p.env, marker)
	t.Cleanup(func() { stopLeftProviders(t, marker) })

	p.run("version")
	p.run("login", "file://"+p.backend)
	p.run("plugin", "install", "resource", "terraform-provider", version, "--file", plugin)
	project := filepath.Join(p.dir, "Pulumi.yaml")
	if err := os.WriteFile(project, []byte(dynamicProgram), 0o644); err != nil {
		t.Fatal(err)
	}

	// package add runs the provider through the dynamic plugin and writes the
	// package's schema, then asks the language host to link the package into
	// the project: pulumi-language-yaml has no Link, so the packages entry
	// that Link would write is added by hand (docs/guides/pulumi.md says so).
	out, err := p.try("", "package", "add", "terraform-provider", provider)
	switch {
	case err == nil:
		t.Errorf("pulumi package add succeeded: the YAML host links packages now; drop the hand-written packages entry here and in the guide (templates/guides/pulumi.md.tmpl)")
	case !strings.Contains(out, "method Link not implemented"):
		t.Fatalf("pulumi package add terraform-provider %s: %v\n%s", provider, err, out)
	default:
		schemas, _ := filepath.Glob(filepath.Join(p.dir, "sdks", "pulumicloud", "pulumicloud-*.yaml"))
		if len(schemas) != 1 {
			t.Fatalf("pulumi package add wrote no sdks/pulumicloud/pulumicloud-*.yaml (found %v)", schemas)
		}
		// It holds the parameterization (the plugin, its version and the
		// provider's path), not the schema.
		if s := readFile(t, schemas[0]); !strings.Contains(s, "terraform-provider") {
			t.Errorf("%s does not name the terraform-provider plugin:\n%s", schemas[0], s)
		} else {
			t.Logf("%s:\n%s", schemas[0], s)
		}
		appendPackage(t, project, version, provider)
	}

	p.run("stack", "init", "dev")
	p.run("config", "set", "pulumicloud:apiUrl", url)
	p.run("config", "set", "pulumicloud:organization", org)
	p.secret("pulumicloud:accessToken", accessToken)
	p.secret("bitbucketToken", bitbucketToken)

	p.run("up", "--yes")
	gl, bb := createdBoth(t, emu)
	var outputs map[string]string
	if err := json.Unmarshal([]byte(p.run("stack", "output", "--json")), &outputs); err != nil {
		t.Fatalf("stack output: %v", err)
	}
	if outputs["gitlabIntegrationId"] != gl || outputs["bitbucketIntegrationId"] != bb {
		t.Errorf("stack outputs %v; want the emulator's ids %s and %s", outputs, gl, bb)
	}
	if outputs["readBackGroupPath"] != gitlabGroupPath {
		t.Errorf("the data source read back group path %q, want %q", outputs["readBackGroupPath"], gitlabGroupPath)
	}

	p.run("preview", "--expect-no-changes")
	p.run("refresh", "--yes", "--expect-no-changes")
	checkSecretState(t, p.export(false), p.export(true))

	p.run("destroy", "--yes")
	goneAll(t, emu, gl, bb)
	for _, r := range resources(t, p.export(false)) {
		t.Errorf("after pulumi destroy the stack still has %v", r["urn"])
	}
	// The one plugin installed is the dynamic plugin, from the file.
	var plugins []string
	entries, _ := os.ReadDir(filepath.Join(p.home, "plugins"))
	for _, e := range entries {
		if e.IsDir() { // beside each plugin: its .lock and .lastused files
			plugins = append(plugins, e.Name())
		}
	}
	if len(plugins) != 1 || !strings.HasPrefix(plugins[0], "resource-terraform-provider-v"+strings.TrimPrefix(version, "v")) {
		t.Errorf("PULUMI_HOME has the plugins %v; want the dynamic plugin %s only", plugins, version)
	}
}

// appendPackage adds to the project the packages entry that `pulumi package
// add` would have written if the language host could link.
func appendPackage(t *testing.T, project, version, provider string) {
	t.Helper()
	entry := "packages:\n  pulumicloud:\n    source: terraform-provider\n    version: " + version +
		"\n    parameters:\n      - " + provider + "\n"
	f, err := os.OpenFile(project, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(entry); err != nil {
		t.Fatal(err)
	}
}

func randomHex(t *testing.T) string {
	t.Helper()
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(b)
}

// stopLeftProviders stops the terraform-provider-pulumicloud processes that
// carry the marker in their environment: the dynamic plugin starts one per
// pulumi command and does not stop it, and they outlive the CLI (re-parented
// to init). Only this run's processes carry the marker.
func stopLeftProviders(t *testing.T, marker string) {
	t.Helper()
	var stopped []string
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, dir := range procs {
		exe, err := os.Readlink(filepath.Join(dir, "exe"))
		if err != nil || filepath.Base(strings.TrimSuffix(exe, " (deleted)")) != "terraform-provider-pulumicloud" {
			continue
		}
		env, err := os.ReadFile(filepath.Join(dir, "environ"))
		if err != nil || !containsEnv(env, marker) {
			continue
		}
		pid, err := strconv.Atoi(filepath.Base(dir))
		if err != nil {
			continue
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err == nil {
			stopped = append(stopped, filepath.Base(dir))
		}
	}
	t.Logf("stopped %d terraform-provider-pulumicloud process(es) the dynamic plugin left running: %v", len(stopped), stopped)
}

func containsEnv(environ []byte, entry string) bool {
	for _, e := range strings.Split(string(environ), "\x00") {
		if e == entry {
			return true
		}
	}
	return false
}
