package releasetest

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/dirhash"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// installCLIsEnv names the CLIs TestInstallFromFilesystemMirror runs
// (paths separated by spaces); `make test-install` sets it to Terraform
// 1.11, the newest pinned Terraform and OpenTofu.
const installCLIsEnv = "RELEASE_INSTALL_CLIS"

// TestInstallFromFilesystemMirror installs the provider as a user without
// registry access does: the release artifacts laid out as a filesystem
// mirror (packed layout, as `terraform providers mirror` writes it), a CLI
// config with only that mirror (no dev_overrides, nothing from the
// network), then `init` with each CLI in RELEASE_INSTALL_CLIS:
//   - a first init installs the release's version and locks it with the h1:
//     hash of the release zip;
//   - a plan with the installed provider against the emulator works, and
//     the emulator sees the release's version in its User-Agent;
//   - with the lock file a registry install writes (the zh: hash from the
//     release's SHA256SUMS), init verifies the zip against it and keeps it
//     beside the h1: hash;
//   - with a zh: hash that is not the zip's, init refuses the package.
func TestInstallFromFilesystemMirror(t *testing.T) {
	clis := strings.Fields(os.Getenv(installCLIsEnv))
	if len(clis) == 0 {
		t.Skipf("set %s to the terraform/tofu binaries to install with (make test-install)", installCLIsEnv)
	}
	art := releaseArtifacts(t)
	zipName := fmt.Sprintf("terraform-provider-pulumicloud_%s_%s_%s.zip", art.version, runtime.GOOS, runtime.GOARCH)
	zipPath := filepath.Join(art.dir, zipName)
	zhSum := sha256SumsLine(t, filepath.Join(art.dir, "terraform-provider-pulumicloud_"+art.version+"_SHA256SUMS"), zipName)
	if zhSum != sha256File(t, zipPath) {
		t.Fatalf("SHA256SUMS says %s for %s, the file's sha256 is %s", zhSum, zipName, sha256File(t, zipPath))
	}
	h1, err := dirhash.HashZip(zipPath, dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	mirror := writeMirror(t, zipPath, zipName)

	for _, cli := range clis {
		t.Run(filepath.Base(cli), func(t *testing.T) {
			t.Parallel()
			installWith(t, cli, mirror, art.version, h1, "zh:"+zhSum)
		})
	}
}

// installWith runs the init/plan sequence of TestInstallFromFilesystemMirror
// with one CLI.
func installWith(t *testing.T, cli, mirror, version, h1, zh string) {
	host := "registry.terraform.io"
	if res := clitest.Run(t, t.TempDir(), clitest.CleanEnv(), cli, "version"); strings.HasPrefix(res.Output, "OpenTofu") {
		host = "registry.opentofu.org"
	}
	address := host + "/pulumicloud/pulumicloud"

	emu, err := emulator.New(emulator.Options{Unseeded: true, CheckSpec: true})
	if err != nil {
		t.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = emu.Close() })

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "main.tf"), fmt.Sprintf(installConfig, version, url, emulator.DefaultToken))
	rc := filepath.Join(t.TempDir(), "mirror.tfrc")
	writeFile(t, rc, fmt.Sprintf("provider_installation {\n  filesystem_mirror {\n    path = %q\n  }\n}\n", mirror))
	env := clitest.CleanEnv("TF_CLI_CONFIG_FILE=" + rc)
	run := func(args ...string) clitest.Result {
		t.Helper()
		return clitest.Run(t, dir, env, cli, args...)
	}
	lockPath := filepath.Join(dir, ".terraform.lock.hcl")

	// 1. The first init installs the release and locks its h1: hash.
	res := run("init", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("init from the mirror: exit %d\n%s", res.ExitCode, res.Output)
	}
	t.Logf("%s init from the filesystem mirror:\n%s", filepath.Base(cli), res.Output)
	if want := "Installed pulumicloud/pulumicloud v" + version; !strings.Contains(res.Output, want) {
		t.Errorf("init did not say %q:\n%s", want, res.Output)
	}
	lock := readLock(t, lockPath, address)
	if lock.version != version || !slices.Equal(lock.hashes, []string{h1}) {
		t.Errorf("lock file after the first init: version %q hashes %v; want version %q hashes [%s] (the release zip's h1:)\n%s",
			lock.version, lock.hashes, version, h1, lock.text)
	}

	// 2. A plan with the installed provider against the emulator.
	res = run("plan", "-input=false", "-no-color", "-detailed-exitcode")
	if res.ExitCode != 2 || !strings.Contains(res.Output, "1 to add") {
		t.Fatalf("plan: exit %d (want 2, changes), want \"1 to add\":\n%s", res.ExitCode, res.Output)
	}
	wantAgent := "terraform-provider-pulumicloud/" + version
	reqs := emu.Requests()
	if len(reqs) == 0 {
		t.Fatal("the plan sent the emulator no request")
	}
	for _, r := range reqs {
		if !strings.Contains(r.UserAgent, wantAgent) {
			t.Errorf("%s %s came with User-Agent %q, not the release's %q", r.Method, r.Path, r.UserAgent, wantAgent)
		}
	}
	for _, v := range emu.SpecViolations() {
		if v.Request {
			t.Errorf("the provider's request %s %s breaks the OpenAPI document: %s", v.Method, v.Path, v.Error)
		}
	}

	// 3. The lock file a registry install writes holds the zh: hash of the
	// release's SHA256SUMS; init from the mirror verifies the zip against it.
	writeFile(t, lockPath, lockFile(address, version, zh))
	if err := os.RemoveAll(filepath.Join(dir, ".terraform")); err != nil {
		t.Fatal(err)
	}
	res = run("init", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("init with the registry's zh: hash locked: exit %d\n%s", res.ExitCode, res.Output)
	}
	lock = readLock(t, lockPath, address)
	t.Logf("lock file after init with the registry's zh: hash locked:\n%s", lock.text)
	if lock.version != version || !sameSet(lock.hashes, []string{h1, zh}) {
		t.Errorf("lock file after init with zh: locked: version %q hashes %v; want %q with [%s %s]\n%s",
			lock.version, lock.hashes, version, h1, zh, lock.text)
	}

	// 4. A zh: hash that is not the zip's: init refuses the package.
	wrong := "zh:" + strings.Repeat("0", 64)
	writeFile(t, lockPath, lockFile(address, version, wrong))
	if err := os.RemoveAll(filepath.Join(dir, ".terraform")); err != nil {
		t.Fatal(err)
	}
	res = run("init", "-input=false", "-no-color")
	if res.ExitCode == 0 || !strings.Contains(res.Output, "checksum") {
		t.Errorf("init with a wrong zh: hash locked: exit %d, want a checksum error:\n%s", res.ExitCode, res.Output)
	}
}

// installConfig pins the release's version, as a user pins a release, and
// plans one GitLab integration against the emulator.
const installConfig = `terraform {
  required_providers {
    pulumicloud = {
      source  = "pulumicloud/pulumicloud"
      version = %q
    }
  }
}

provider "pulumicloud" {
  api_url      = %q
  access_token = %q
  organization = "acme"
}

data "pulumicloud_gitlab_access_status" "this" {}

resource "pulumicloud_gitlab_integration" "platform" {
  gitlab_group_id = 7001
}
`

// writeMirror lays the zip out as a filesystem mirror in the packed layout,
// HOSTNAME/NAMESPACE/TYPE/terraform-provider-TYPE_VERSION_OS_ARCH.zip, under
// both registries' names (Terraform's and OpenTofu's default host).
func writeMirror(t *testing.T, zipPath, zipName string) string {
	t.Helper()
	mirror := t.TempDir()
	data, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		dir := filepath.Join(mirror, host, "pulumicloud", "pulumicloud")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, zipName), string(data))
	}
	return mirror
}

// lockFile is a dependency lock file as `terraform init` writes it.
func lockFile(address, version, hash string) string {
	return fmt.Sprintf(`provider %q {
  version     = %q
  constraints = %q
  hashes = [
    %q,
  ]
}
`, address, version, version, hash)
}

type lockEntry struct {
	version string
	hashes  []string
	text    string
}

var (
	lockVersion = regexp.MustCompile(`(?m)^\s*version\s*=\s*"([^"]*)"`)
	lockHash    = regexp.MustCompile(`"((?:h1|zh):[^"]*)"`)
)

// readLock reads the provider block of address from a lock file.
func readLock(t *testing.T, path, address string) lockEntry {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no lock file after init: %v", err)
	}
	text := string(data)
	_, block, ok := strings.Cut(text, fmt.Sprintf("provider %q {", address))
	if !ok {
		t.Fatalf("the lock file has no provider %q block:\n%s", address, text)
	}
	block, _, _ = strings.Cut(block, "\n}")
	entry := lockEntry{text: text}
	if m := lockVersion.FindStringSubmatch(block); m != nil {
		entry.version = m[1]
	}
	for _, m := range lockHash.FindAllStringSubmatch(block, -1) {
		entry.hashes = append(entry.hashes, m[1])
	}
	return entry
}

// sha256SumsLine is the hex sum SHA256SUMS gives name.
func sha256SumsLine(t *testing.T, path, name string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sum, file, ok := strings.Cut(sc.Text(), "  "); ok && file == name {
			return sum
		}
	}
	t.Fatalf("%s has no line for %s", path, name)
	return ""
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
