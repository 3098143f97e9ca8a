package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/go-hclog"
	goplugin "github.com/hashicorp/go-plugin"
	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
)

// cliHarness runs the real terraform CLI (TF_ACC_TERRAFORM_PATH) against the
// provider served in-process, for what terraform-plugin-testing does not
// drive: `terraform query -generate-config-out` followed by a plan of what
// it wrote, and `terraform providers schema -json`. The provider is attached
// through TF_REATTACH_PROVIDERS, as terraform-plugin-testing does it.
type cliHarness struct {
	t   *testing.T
	tf  string
	dir string
	env []string
}

// newCLIHarness skips unless TF_ACC is set and the CLI is at least minVersion.
func newCLIHarness(t *testing.T, minVersion string) *cliHarness {
	t.Helper()
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tf == "" {
		t.Skip("acceptance test: set TF_ACC=1 and TF_ACC_TERRAFORM_PATH")
	}
	h := &cliHarness{t: t, tf: tf, dir: t.TempDir()}
	if v := h.version(); v.LessThan(version.Must(version.NewVersion(minVersion))) {
		t.Skipf("needs Terraform %s or later; %s is %s", minVersion, tf, v)
	}

	host := os.Getenv("TF_ACC_PROVIDER_HOST")
	if host == "" {
		host = "registry.terraform.io"
	}
	addr := host + "/pulumicloud/pulumicloud"
	ctx, cancel := context.WithCancel(context.Background())
	reattachCh := make(chan *goplugin.ReattachConfig)
	closeCh := make(chan struct{})
	go func() {
		err := tf6server.Serve(addr, providerserver.NewProtocol6(New("test")()),
			tf6server.WithDebug(ctx, reattachCh, closeCh), tf6server.WithGoPluginLogger(hclog.NewNullLogger()),
			tf6server.WithLoggingSink(t))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	cfg := <-reattachCh
	t.Cleanup(func() { cancel(); <-closeCh })

	type reattachAddr struct{ Network, String string }
	reattach, err := json.Marshal(map[string]any{addr: map[string]any{
		"Protocol": string(cfg.Protocol), "ProtocolVersion": cfg.ProtocolVersion, "Pid": cfg.Pid, "Test": cfg.Test,
		"Addr": reattachAddr{Network: cfg.Addr.Network(), String: cfg.Addr.String()},
	}})
	if err != nil {
		t.Fatal(err)
	}
	rc := filepath.Join(h.dir, ".terraformrc")
	if err := os.WriteFile(rc, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	h.env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+string(reattach), "TF_IN_AUTOMATION=1",
		"TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1")
	return h
}

func (h *cliHarness) version() *version.Version {
	out, err := exec.Command(h.tf, "version", "-json").Output()
	if err != nil {
		h.t.Fatalf("%s version: %v", h.tf, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		h.t.Fatal(err)
	}
	return version.Must(version.NewVersion(v.Version))
}

// write puts a file into the working directory (name may have a folder).
func (h *cliHarness) write(name, content string) {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		h.t.Fatal(err)
	}
}

func (h *cliHarness) read(name string) string {
	h.t.Helper()
	b, err := os.ReadFile(filepath.Join(h.dir, name))
	if err != nil {
		h.t.Fatal(err)
	}
	return string(b)
}

// run runs the CLI with args and returns its stdout; it fails the test on a
// non-zero exit unless the code is in okCodes.
func (h *cliHarness) run(okCodes []int, args ...string) (stdout string, code int) {
	h.t.Helper()
	cmd := exec.Command(h.tf, args...)
	cmd.Dir, cmd.Env = h.dir, h.env
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if exitErr, ok := err.(*exec.ExitError); ok {
		code = exitErr.ExitCode()
	} else if err != nil {
		h.t.Fatalf("terraform %s: %v", strings.Join(args, " "), err)
	}
	if code != 0 && !slices.Contains(okCodes, code) {
		h.t.Fatalf("terraform %s: exit %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, out.String(), errOut.String())
	}
	return out.String(), code
}
