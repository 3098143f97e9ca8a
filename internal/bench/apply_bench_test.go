package bench

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// BenchmarkApply measures `apply`, a refreshing `plan` and `destroy` of N
// pulumicloud_gitlab_integration resources through the real CLI, against
// the same three commands on N terraform_data resources: the floor, the same
// CLI with no provider to start and no API to call. It reports numbers, never
// asserts on time (shared machines are noisy); it does fail when the CLI
// fails, when the plan after apply is not empty, or when the emulator does not
// hold exactly the N integrations after apply and none after destroy.
//
// Metrics, each averaged over b.N runs:
//
//	pc-ns/res        wall time of apply+plan+destroy of the integrations, per resource
//	floor-ns/res     the same for terraform_data
//	x-floor          pc-ns/res / floor-ns/res
//	pc-cpu-ns/res    CPU time (user+sys) of the CLI and the provider processes it
//	                 started, apply+plan+destroy, per resource: less noisy than wall
//	floor-cpu-ns/res the same for terraform_data
//	apply-req/res    API requests per resource during apply (the creates)
//	plan-req/res     ... during the plan (a refresh)
//	destroy-req/res  ... during destroy (its refresh, then the deletes)
//
// Each phase's wall times and requests by method are logged. The CLI is
// `terraform` from PATH (skipped when there is none) or BENCH_TF (a path, or a
// name on PATH; relative paths are taken from the repository root, so
// BENCH_TF=bin/tofu runs OpenTofu built by `make tofu`). Run it with
// `make bench-apply`, or:
//
//	go test ./internal/bench -run '^$' -bench Apply -benchtime=1x -timeout 30m
func BenchmarkApply(b *testing.B) {
	root := clitest.ModuleRoot(b)
	cli := cliPath(b, root)
	pluginDir := buildProvider(b, root)
	rc := clitest.WriteCLIConfig(b, pluginDir)
	version := cliVersion(b, cli, rc)

	for _, n := range []int{10, 50} {
		b.Run(fmt.Sprintf("%s/N=%d", filepath.Base(cli), n), func(b *testing.B) {
			var pc, floor, pcCPU, floorCPU runTimes
			reqs := map[string]*phaseRequests{}
			for b.Loop() {
				r := runOnce(b, cli, rc, n)
				pc.add(r.pc)
				floor.add(r.floor)
				pcCPU.add(r.pcCPU)
				floorCPU.add(r.floorCPU)
				for phase, pr := range r.requests {
					if reqs[phase] == nil {
						reqs[phase] = &phaseRequests{byKind: map[string]int{}}
					}
					reqs[phase].merge(pr)
				}
			}
			b.Logf("%s, %d resources, default -parallelism (10)", version, n)
			runs := float64(b.N)
			perRes := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / runs / float64(n) }
			b.ReportMetric(perRes(pc.total()), "pc-ns/res")
			b.ReportMetric(perRes(floor.total()), "floor-ns/res")
			b.ReportMetric(float64(pc.total())/float64(floor.total()), "x-floor")
			b.ReportMetric(perRes(pcCPU.total()), "pc-cpu-ns/res")
			b.ReportMetric(perRes(floorCPU.total()), "floor-cpu-ns/res")
			for _, phase := range phases {
				b.ReportMetric(float64(reqs[phase].total)/runs/float64(n), phase+"-req/res")
			}
			for i, phase := range phases {
				b.Logf("%-7s pulumicloud %6.1f ms (%4.1f ms/res, cpu %6.1f ms)  terraform_data %6.1f ms (%4.1f ms/res, cpu %6.1f ms)  x%.2f  requests/run: %s",
					phase, ms(pc[i])/runs, ms(pc[i])/runs/float64(n), ms(pcCPU[i])/runs,
					ms(floor[i])/runs, ms(floor[i])/runs/float64(n), ms(floorCPU[i])/runs,
					float64(pc[i])/float64(floor[i]), reqs[phase].describe(runs))
			}
		})
	}
}

// The three timed commands, in order.
var phases = []string{"apply", "plan", "destroy"}

type runTimes [3]time.Duration

func (t *runTimes) add(o runTimes) {
	for i := range t {
		t[i] += o[i]
	}
}

func (t runTimes) total() time.Duration { return t[0] + t[1] + t[2] }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// phaseRequests counts the API requests of one phase by "METHOD what", where
// what is "list" for the kind's collection and "item" for one integration.
type phaseRequests struct {
	total  int
	byKind map[string]int
}

func countRequests(recs []emulator.RequestRecord) *phaseRequests {
	p := &phaseRequests{total: len(recs), byKind: map[string]int{}}
	for _, r := range recs {
		what := "item"
		if strings.HasSuffix(strings.TrimSuffix(r.Path, "/"), "/integrations/gitlab") {
			what = "list"
		}
		if r.Method != "GET" {
			what = r.Method
		} else {
			what = "GET " + what
		}
		p.byKind[what]++
	}
	return p
}

func (p *phaseRequests) merge(o *phaseRequests) {
	p.total += o.total
	for k, v := range o.byKind {
		p.byKind[k] += v
	}
}

func (p *phaseRequests) describe(runs float64) string {
	keys := make([]string, 0, len(p.byKind))
	for k := range p.byKind {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := []string{fmt.Sprintf("%.0f", float64(p.total)/runs)}
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s %.0f", k, float64(p.byKind[k])/runs))
	}
	return strings.Join(parts, ", ")
}

type runResult struct {
	pc, floor       runTimes // wall
	pcCPU, floorCPU runTimes // user+sys of the CLI and its plugins
	requests        map[string]*phaseRequests
}

// runOnce applies, plans and destroys both configurations of n resources
// against a fresh emulator, timing each command.
func runOnce(b *testing.B, cli, rc string, n int) runResult {
	b.Helper()
	emu, err := emulator.New(emulator.Options{Unseeded: true, ExtraGitLabGroups: n})
	if err != nil {
		b.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()

	env := cliEnv(rc, url)
	dir := b.TempDir()
	pcDir, floorDir := filepath.Join(dir, "pulumicloud"), filepath.Join(dir, "floor")
	writeConfig(b, pcDir, gitLabConfig(n))
	writeConfig(b, floorDir, floorConfig(n))

	// Untimed warm-up: both binaries read from disk, the provider's schema
	// fetched once, before anything is timed.
	runCLI(b, cli, pcDir, env, "validate", "-no-color")
	runCLI(b, cli, floorDir, env, "validate", "-no-color")
	emu.ResetRequests()

	res := runResult{requests: map[string]*phaseRequests{}}
	res.floor, res.floorCPU = lifecycle(b, cli, floorDir, env, nil)
	if recs := emu.Requests(); len(recs) != 0 {
		b.Fatalf("the terraform_data run sent %d API requests", len(recs))
	}
	res.pc, res.pcCPU = lifecycle(b, cli, pcDir, env, func(phase string) {
		res.requests[phase] = countRequests(emu.Requests())
		emu.ResetRequests()
		want := n
		if phase == "destroy" {
			want = 0
		}
		if got := len(emu.Integrations("acme", "gitlab")); got != want {
			b.Fatalf("after %s the emulator holds %d GitLab integrations, want %d", phase, got, want)
		}
	})
	return res
}

// lifecycle times apply, a refreshing plan that must be empty, and destroy,
// in wall and CPU time; after(phase) runs untimed after each command.
func lifecycle(b *testing.B, cli, dir string, env []string, after func(phase string)) (wall, cpu runTimes) {
	b.Helper()
	args := [][]string{
		{"apply", "-auto-approve", "-input=false", "-no-color"},
		{"plan", "-detailed-exitcode", "-input=false", "-no-color"},
		{"destroy", "-auto-approve", "-input=false", "-no-color"},
	}
	for i, a := range args {
		start := time.Now()
		cpu[i] = runCLI(b, cli, dir, env, a...)
		wall[i] = time.Since(start)
		if after != nil {
			after(phases[i])
		}
	}
	return wall, cpu
}

// runCLI runs one CLI command and fails the benchmark on a non-zero exit
// (for `plan -detailed-exitcode`, 2 means changes: a failure too). It
// returns the command's CPU time, which on Linux includes the provider
// processes the CLI started and waited for.
func runCLI(b *testing.B, cli, dir string, env []string, args ...string) time.Duration {
	b.Helper()
	cmd := exec.CommandContext(b.Context(), cli, args...)
	cmd.Dir, cmd.Env = dir, env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s %s in %s: %v\n%s", filepath.Base(cli), strings.Join(args, " "), dir, err, clitest.Tail(out.String(), 4000))
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

func gitLabConfig(n int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}

provider "pulumicloud" {}

resource "pulumicloud_gitlab_integration" "bench" {
  count           = %d
  gitlab_group_id = %d + count.index
}
`, n, emulator.ExtraGitLabGroupBaseID+1)
}

func floorConfig(n int) string {
	return fmt.Sprintf(`resource "terraform_data" "bench" {
  count = %d
  input = %d + count.index
}
`, n, emulator.ExtraGitLabGroupBaseID+1)
}

func writeConfig(b *testing.B, dir, config string) {
	b.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o644); err != nil {
		b.Fatal(err)
	}
}

// cliEnv is clitest's clean environment (none of the caller's TF_, PULUMI_
// or CHECKPOINT_ settings, so the user's own CLI config is never read) plus
// the throwaway CLI config and the emulator's address and token.
func cliEnv(rc, url string) []string {
	return clitest.CleanEnv(
		"TF_CLI_CONFIG_FILE="+rc,
		"PULUMI_BACKEND_URL="+url,
		"PULUMI_ACCESS_TOKEN="+emulator.DefaultToken,
		"PULUMI_ORGANIZATION=acme",
	)
}

// buildProvider builds the provider binary, as `make build` does, into a
// temporary directory.
func buildProvider(b *testing.B, root string) string {
	b.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no 'go' on PATH to build the provider")
	}
	dir := b.TempDir()
	cmd := exec.CommandContext(b.Context(), goBin, "build", "-trimpath", "-ldflags", "-s -w -X main.version=bench",
		"-o", filepath.Join(dir, "terraform-provider-pulumicloud"), ".")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	return dir
}

// cliPath is BENCH_TF or terraform on PATH; the benchmark is skipped when
// neither names a CLI.
func cliPath(b *testing.B, root string) string {
	b.Helper()
	name := os.Getenv("BENCH_TF")
	if name == "" {
		p, err := exec.LookPath("terraform")
		if err != nil {
			b.Skip("no 'terraform' on PATH (set BENCH_TF to a terraform or tofu binary)")
		}
		return p
	}
	if strings.ContainsRune(name, filepath.Separator) && !filepath.IsAbs(name) {
		name = filepath.Join(root, name)
	}
	p, err := exec.LookPath(name)
	if err != nil {
		b.Fatalf("BENCH_TF=%s: %v", os.Getenv("BENCH_TF"), err)
	}
	return p
}

func cliVersion(b *testing.B, cli, rc string) string {
	b.Helper()
	cmd := exec.CommandContext(b.Context(), cli, "version")
	cmd.Env = append(os.Environ(), "TF_CLI_CONFIG_FILE="+rc, "CHECKPOINT_DISABLE=1")
	out, err := cmd.Output()
	if err != nil {
		b.Fatalf("%s version: %v", cli, err)
	}
	first, _, _ := strings.Cut(string(out), "\n")
	return strings.TrimSpace(first)
}
