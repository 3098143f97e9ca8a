package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v3"
)

// yamlProgram is the YAML program: a GitLab and a Bitbucket integration, the
// Bitbucket token from a secret config value. The provider is the default
// one, configured by pulumicloud:* stack config; the plugin is
// pulumi-resource-pulumicloud on PATH.
const yamlProgram = `name: pulumicloud-e2e
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

// TestYAMLPlugin is the YAML route: the bridged plugin
// pulumi-resource-pulumicloud on PATH, no SDK.
func TestYAMLPlugin(t *testing.T) {
	bin := e2eBin(t, "pulumi", "pulumi-language-yaml", "pulumi-resource-pulumicloud")
	emu, url := startEmulator(t)
	seeded := integrationWith(t, emu, "gitlab", "gitLabGroupId", float64(seededGitLabGroupID))
	if seeded == "" {
		t.Fatalf("the emulator has no seeded GitLab integration for group %d", seededGitLabGroupID)
	}

	p := newPulumi(t, bin)
	if err := os.WriteFile(filepath.Join(p.dir, "Pulumi.yaml"), []byte(yamlProgram), 0o644); err != nil {
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
	gl, bb := createdBoth(t, emu)
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
	checkSecretState(t, p.export(false), p.export(true))

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
	goneAll(t, emu, gl, bb)
	if _, ok := emu.Integration(org, "gitlab", seeded); ok {
		t.Errorf("after pulumi destroy the emulator still has the imported GitLab integration %s", seeded)
	}
	for _, r := range resources(t, p.export(false)) {
		t.Errorf("after pulumi destroy the stack still has %v", r["urn"])
	}
	// Everything came from bin: nothing was downloaded or installed.
	if plugins, _ := os.ReadDir(filepath.Join(p.home, "plugins")); len(plugins) != 0 {
		t.Errorf("the run installed plugins into PULUMI_HOME: %v", plugins)
	}
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
