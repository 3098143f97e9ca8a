// Package clitest runs the real terraform (or tofu) CLI against this
// provider built as a binary and served through a throwaway CLI config's
// dev_overrides, the way a user runs it. Tests use it for what
// terraform-plugin-testing cannot drive: `terraform apply -invoke=action.…`
// and the GitOps pipeline script in examples/gitops. Nothing here reads the
// caller's own CLI config, credentials or TF_/PULUMI_ settings.
package clitest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// CLI is one terraform or tofu binary and its version.
type CLI struct {
	Path    string
	Version *version.Version
}

// FromAcceptanceEnv is the CLI the acceptance tests run: TF_ACC_TERRAFORM_PATH,
// else terraform on PATH. The test is skipped unless TF_ACC is set, as
// terraform-plugin-testing skips acceptance tests.
func FromAcceptanceEnv(tb testing.TB) *CLI {
	tb.Helper()
	if os.Getenv("TF_ACC") == "" {
		tb.Skip("acceptance test: set TF_ACC=1 (make testacc)")
	}
	path := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if path == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			tb.Fatal("TF_ACC is set but neither TF_ACC_TERRAFORM_PATH nor PATH names a terraform binary")
		}
		path = p
	}
	return &CLI{Path: path, Version: cliVersion(tb, path)}
}

// cliVersion asks the binary for its version (`version -json`; OpenTofu
// answers in the same shape).
func cliVersion(tb testing.TB, path string) *version.Version {
	tb.Helper()
	cmd := exec.CommandContext(tb.Context(), path, "version", "-json")
	cmd.Env = CleanEnv()
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("%s version -json: %v", path, err)
	}
	var v struct {
		TerraformVersion string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		tb.Fatalf("%s version -json answered %q: %v", path, out, err)
	}
	parsed, err := version.NewVersion(v.TerraformVersion)
	if err != nil {
		tb.Fatalf("%s version -json: %v", path, err)
	}
	return parsed
}

// SkipBelow skips the test when the CLI is older than minimum, with
// terraform-plugin-testing's own check (so prereleases count as their
// release, as in TestCase.TerraformVersionChecks).
func (c *CLI) SkipBelow(tb testing.TB, minimum *version.Version) {
	tb.Helper()
	var resp tfversion.CheckTerraformVersionResponse
	tfversion.SkipBelow(minimum).CheckTerraformVersion(tb.Context(),
		tfversion.CheckTerraformVersionRequest{TerraformVersion: c.Version}, &resp)
	if resp.Error != nil {
		tb.Fatal(resp.Error)
	}
	if resp.Skip != "" {
		tb.Skipf("%s: %s", c.Path, resp.Skip)
	}
}

// CleanEnv is this process's environment without any TF_, PULUMI_ or
// CHECKPOINT_ setting of the caller's, with no update check over the network
// and automation-style output, plus extra ("NAME=value").
func CleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "TF_") && !strings.HasPrefix(kv, "PULUMI_") && !strings.HasPrefix(kv, "CHECKPOINT_") {
			env = append(env, kv)
		}
	}
	env = append(env, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return append(env, extra...)
}

// Result is what a command printed (stdout and stderr, interleaved) and its
// exit code.
type Result struct {
	Output   string
	ExitCode int
}

// Run runs name with args in dir and returns what it printed and its exit
// code; only a failure to start it at all fails the test.
func Run(tb testing.TB, dir string, env []string, name string, args ...string) Result {
	tb.Helper()
	cmd := exec.CommandContext(tb.Context(), name, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return Result{Output: out.String()}
	case errors.As(err, &exit):
		return Result{Output: out.String(), ExitCode: exit.ExitCode()}
	default:
		tb.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
		return Result{}
	}
}

// Tail is the end of s, at most n bytes, for failure messages.
func Tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// ModuleRoot is the directory of go.mod at or above the working directory.
func ModuleRoot(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		} else if !errors.Is(err, os.ErrNotExist) {
			tb.Fatal(err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the working directory")
		}
		dir = parent
	}
}

var built struct {
	once sync.Once
	dir  string
	err  error
}

// ProviderDir builds the provider binary (as `make build` does) once per
// test process into a temporary directory and returns that directory, the
// one dev_overrides points at. Call RemoveBuilt from TestMain after the run.
func ProviderDir(tb testing.TB) string {
	tb.Helper()
	built.once.Do(func() {
		built.dir, built.err = buildProvider(ModuleRoot(tb))
	})
	if built.err != nil {
		tb.Fatal(built.err)
	}
	return built.dir
}

func buildProvider(root string) (string, error) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		return "", errors.New("no 'go' on PATH to build the provider")
	}
	dir, err := os.MkdirTemp("", "pulumicloud-provider-")
	if err != nil {
		return "", err
	}
	cmd := exec.CommandContext(context.Background(), goBin, "build", "-trimpath", "-ldflags", "-s -w -X main.version=test",
		"-o", filepath.Join(dir, "terraform-provider-pulumicloud"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		_ = os.RemoveAll(dir)
		return "", fmt.Errorf("go build of the provider: %w\n%s", err, out)
	}
	return dir, nil
}

// RemoveBuilt deletes the binary ProviderDir built, if it built one.
func RemoveBuilt() {
	if built.dir != "" {
		_ = os.RemoveAll(built.dir)
	}
}

// MirrorVersion is the version the provider has in WriteMirrorConfig's mirror.
const MirrorVersion = "0.0.1"

// WriteMirrorConfig lays pluginDir's provider binary out as a filesystem
// mirror (version MirrorVersion, this platform) and writes a CLI config that
// installs pulumicloud/pulumicloud from it, from both registries' names, and
// nothing from the network. Unlike dev_overrides, `terraform init` then
// installs and locks the provider as it does from the registry, so a test
// can run a pipeline's init, plan and apply-from-saved-plan unchanged.
func WriteMirrorConfig(tb testing.TB, pluginDir string) string {
	tb.Helper()
	root := tb.TempDir()
	mirror := filepath.Join(root, "mirror")
	bin := filepath.Join(pluginDir, "terraform-provider-pulumicloud")
	for _, host := range []string{"registry.terraform.io", "registry.opentofu.org"} {
		dir := filepath.Join(mirror, host, "pulumicloud", "pulumicloud", MirrorVersion, runtime.GOOS+"_"+runtime.GOARCH)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			tb.Fatal(err)
		}
		dst := filepath.Join(dir, "terraform-provider-pulumicloud_v"+MirrorVersion)
		if err := os.Link(bin, dst); err != nil { // a copy when hard links are not possible
			data, err := os.ReadFile(bin)
			if err != nil {
				tb.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o755); err != nil {
				tb.Fatal(err)
			}
		}
	}
	rc := filepath.Join(root, "mirror.tfrc")
	config := fmt.Sprintf(`provider_installation {
  filesystem_mirror {
    path    = %q
    include = ["registry.terraform.io/pulumicloud/pulumicloud", "registry.opentofu.org/pulumicloud/pulumicloud"]
  }
}
`, mirror)
	if err := os.WriteFile(rc, []byte(config), 0o644); err != nil {
		tb.Fatal(err)
	}
	return rc
}

var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// StripColor removes the CLI's ANSI colour codes from s.
func StripColor(s string) string { return ansiEscape.ReplaceAllString(s, "") }

// WriteCLIConfig writes a CLI config into a temporary directory whose
// dev_overrides point both registries' pulumicloud/pulumicloud at
// pluginDir, and returns its path (for TF_CLI_CONFIG_FILE).
func WriteCLIConfig(tb testing.TB, pluginDir string) string {
	tb.Helper()
	rc := filepath.Join(tb.TempDir(), "dev.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/pulumicloud/pulumicloud" = %[1]q
    "registry.opentofu.org/pulumicloud/pulumicloud" = %[1]q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(rc, []byte(config), 0o644); err != nil {
		tb.Fatal(err)
	}
	return rc
}
