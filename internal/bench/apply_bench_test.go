package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// BenchmarkApply measures `apply`, a refreshing `plan` and `destroy` of N
// resources through the real CLI, for each kind of BENCH_KINDS (benchKinds:
// gitlab, bitbucket, azure-devops, custom, custom-repos, or all; default
// gitlab) and three targets:
//
//   - pulumicloud: N of the kind's resource (e.g. pulumicloud_gitlab_integration,
//     or for custom-repos N pulumicloud_custom_vcs_repository of one
//     integration) against the emulator;
//   - noop: N of its twin in the no-op provider (internal/bench/noop, e.g.
//     noop_gitlab_integration): the same schema in an external framework
//     provider that calls no API, the physical floor of a plugin;
//   - terraform_data: N terraform_data, the CLI with no provider at all.
//
// It reports numbers, never asserts on time (shared machines are noisy); it
// does fail when the CLI fails, when the plan after apply is not empty, or
// when the emulator does not hold exactly the N resources after apply and
// none after destroy.
//
// BENCH_SIZES sets the N (default "10 50"); BENCH_LATENCY (a Go duration,
// default 0) is added by the emulator to every API request, as a network
// would. Metrics per kind and size, each averaged over b.N runs:
//
//	apply-ms/res, plan-ms/res, destroy-ms/res   pulumicloud wall time per resource
//	apply-x-noop, plan-x-noop                   pulumicloud wall / noop wall
//	x-floor                                     pulumicloud / terraform_data, apply+plan+destroy wall
//	cpu-ms/res                                  pulumicloud CPU (CLI + providers), apply+plan+destroy, per resource
//	apply-req/res, plan-req/res, destroy-req/res  API requests per resource
//	rss-MiB                                     the provider processes' peak RSS
//
// The log has the full table: wall and CPU per resource per command for all
// three, requests by method, and peak RSS of pulumicloud and noop. With
// BENCH_OUT set to a directory, the table goes to BENCH_OUT/results.md and a
// chart of plan and apply time against N, a panel per kind, to
// BENCH_OUT/plan-apply-vs-n.svg (`make bench` sets it to
// internal/bench/results).
//
// The CLI is `terraform` from PATH (skipped when there is none) or BENCH_TF
// (a path, or a name on PATH; relative paths are taken from the repository
// root, so BENCH_TF=bin/tofu runs OpenTofu built by `make tofu`). Run it with
// `make bench-apply`, or:
//
//	BENCH_KINDS="gitlab custom-repos" BENCH_SIZES="10 100 300" BENCH_LATENCY=25ms go test ./internal/bench -run '^$' -bench Apply -benchtime=1x -timeout 60m
func BenchmarkApply(b *testing.B) {
	root := clitest.ModuleRoot(b)
	cli := cliPath(b, root)
	kinds := selectedKinds(b)
	sizes := benchSizes(b)
	latency := benchLatency(b)
	pluginDir := buildProviders(b, root)
	rc := writeCLIConfig(b, pluginDir)
	version := cliVersion(b, cli, rc)

	var results []sizeResult
	for _, k := range kinds {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/%s/N=%d", filepath.Base(cli), k.name, n), func(b *testing.B) {
				res := sizeResult{kind: k.name, n: n, reqs: map[string]*phaseRequests{}}
				for b.Loop() {
					res.add(runOnce(b, cli, rc, k, n, latency))
				}
				b.Logf("%s, %d %s resources, default -parallelism (10), API latency %s", version, n, k.name, latency)
				res.report(b)
				results = append(results, res)
			})
		}
	}
	if len(results) == 0 {
		return
	}
	table := resultsTable(version, latency, results)
	b.Log("\n" + table)
	if out := os.Getenv("BENCH_OUT"); out != "" {
		if !filepath.IsAbs(out) {
			out = filepath.Join(root, out)
		}
		if err := os.MkdirAll(out, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, "results.md"), []byte(table), 0o644); err != nil {
			b.Fatal(err)
		}
		title := fmt.Sprintf("%s, API latency %s", version, latency)
		if err := writeChart(filepath.Join(out, "plan-apply-vs-n.svg"), title, results); err != nil {
			b.Fatal(err)
		}
		b.Logf("wrote %s/results.md and plan-apply-vs-n.svg", out)
	}
}

// The three timed commands, in order.
const (
	phaseApply = iota
	phasePlan
	phaseDestroy
)

var phases = []string{"apply", "plan", "destroy"}

// The three targets.
type target int

const (
	targetPC target = iota
	targetNoop
	targetFloor
	numTargets
)

var targetNames = [numTargets]string{"pulumicloud", "noop", "terraform_data"}

type runTimes [3]time.Duration

func (t *runTimes) add(o runTimes) {
	for i := range t {
		t[i] += o[i]
	}
}

func (t runTimes) total() time.Duration { return t[0] + t[1] + t[2] }

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// sizeResult sums the runs of one kind and size.
type sizeResult struct {
	kind      string
	n, runs   int
	wall, cpu [numTargets]runTimes
	rssKiB    [numTargets][3]int64 // peak over runs, per command
	reqs      map[string]*phaseRequests
}

func (r *sizeResult) add(o runResult) {
	r.runs++
	for t := range numTargets {
		r.wall[t].add(o.wall[t])
		r.cpu[t].add(o.cpu[t])
		for i := range phases {
			r.rssKiB[t][i] = max(r.rssKiB[t][i], o.rssKiB[t][i])
		}
	}
	for phase, pr := range o.requests {
		if r.reqs[phase] == nil {
			r.reqs[phase] = &phaseRequests{byKind: map[string]int{}}
		}
		r.reqs[phase].merge(pr)
	}
}

// wallMS is a command's mean wall time in ms; perRes divides by N.
func (r *sizeResult) wallMS(t target, cmd int) float64 { return ms(r.wall[t][cmd]) / float64(r.runs) }
func (r *sizeResult) cpuMS(t target, cmd int) float64  { return ms(r.cpu[t][cmd]) / float64(r.runs) }
func (r *sizeResult) perRes(v float64) float64         { return v / float64(r.n) }

func (r *sizeResult) reqPerRes(cmd int) float64 {
	if r.reqs[phases[cmd]] == nil {
		return 0
	}
	return float64(r.reqs[phases[cmd]].total) / float64(r.runs) / float64(r.n)
}

func (r *sizeResult) peakRSSMiB(t target) float64 {
	return float64(max(r.rssKiB[t][0], r.rssKiB[t][1], r.rssKiB[t][2])) / 1024
}

func (r *sizeResult) report(b *testing.B) {
	for cmd, phase := range phases {
		b.ReportMetric(r.perRes(r.wallMS(targetPC, cmd)), phase+"-ms/res")
	}
	b.ReportMetric(r.wallMS(targetPC, phaseApply)/r.wallMS(targetNoop, phaseApply), "apply-x-noop")
	b.ReportMetric(r.wallMS(targetPC, phasePlan)/r.wallMS(targetNoop, phasePlan), "plan-x-noop")
	b.ReportMetric(float64(r.wall[targetPC].total())/float64(r.wall[targetFloor].total()), "x-floor")
	b.ReportMetric(r.perRes(ms(r.cpu[targetPC].total())/float64(r.runs)), "cpu-ms/res")
	for cmd, phase := range phases {
		b.ReportMetric(r.reqPerRes(cmd), phase+"-req/res")
	}
	b.ReportMetric(r.peakRSSMiB(targetPC), "rss-MiB")
	for cmd, phase := range phases {
		line := fmt.Sprintf("%-7s", phase)
		for t := range numTargets {
			line += fmt.Sprintf("  %s %7.1f ms (%5.2f ms/res, cpu %5.2f ms/res)", targetNames[t],
				r.wallMS(t, cmd), r.perRes(r.wallMS(t, cmd)), r.perRes(r.cpuMS(t, cmd)))
		}
		line += fmt.Sprintf("  rss %.0f/%.0f MiB  requests/run: %s", float64(r.rssKiB[targetPC][cmd])/1024,
			float64(r.rssKiB[targetNoop][cmd])/1024, r.reqs[phase].describe(float64(r.runs)))
		b.Log(line)
	}
}

// resultsTable is the markdown of every size: per command, wall and CPU per
// resource of the three targets, the ratios, requests per resource and the
// provider's peak RSS.
func resultsTable(version string, latency time.Duration, rows []sizeResult) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s, API latency %s, default -parallelism (10); wall / CPU in ms per resource; "+
		"x-floor = pulumicloud / terraform_data, x-noop = pulumicloud / noop (wall); RSS = peak of the provider processes.\n\n", version, latency)
	sb.WriteString("| kind | N | command | pulumicloud wall | cpu | noop wall | cpu | terraform_data wall | cpu | x-floor | x-noop | req/res | requests | RSS MiB pulumicloud / noop |\n")
	sb.WriteString("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n")
	for _, r := range rows {
		for cmd, phase := range phases {
			fmt.Fprintf(&sb, "| %s | %d | %s |", r.kind, r.n, phase)
			for t := range numTargets {
				fmt.Fprintf(&sb, " %.2f | %.2f |", r.perRes(r.wallMS(t, cmd)), r.perRes(r.cpuMS(t, cmd)))
			}
			fmt.Fprintf(&sb, " %.1f | %.2f | %.3f | %s | %.0f / %.0f |\n",
				r.wallMS(targetPC, cmd)/r.wallMS(targetFloor, cmd), r.wallMS(targetPC, cmd)/r.wallMS(targetNoop, cmd),
				r.reqPerRes(cmd), r.reqs[phase].describe(float64(r.runs)),
				float64(r.rssKiB[targetPC][cmd])/1024, float64(r.rssKiB[targetNoop][cmd])/1024)
		}
	}
	return sb.String()
}

// phaseRequests counts the API requests of one phase by "METHOD what", where
// what is "list" for a kind's collection, "repos" for a custom VCS
// integration's repositories and "item" for one integration.
type phaseRequests struct {
	total  int
	byKind map[string]int
}

func countRequests(recs []emulator.RequestRecord) *phaseRequests {
	p := &phaseRequests{total: len(recs), byKind: map[string]int{}}
	for _, r := range recs {
		what := "item"
		path := strings.TrimSuffix(r.Path, "/")
		if _, rest, ok := strings.Cut(path, "/integrations/"); ok && !strings.Contains(rest, "/") {
			what = "list"
		} else if strings.HasSuffix(path, "/repos") {
			what = "repos"
		}
		if r.Method != "GET" && what != "repos" {
			what = r.Method
		} else {
			what = r.Method + " " + what
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
	if p == nil {
		return "-"
	}
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
	wall, cpu [numTargets]runTimes
	rssKiB    [numTargets][3]int64
	requests  map[string]*phaseRequests
}

// runOnce applies, plans and destroys the three configurations of n
// resources of k, pulumicloud against a fresh emulator, timing each command.
func runOnce(b *testing.B, cli, rc string, k benchKind, n int, latency time.Duration) runResult {
	b.Helper()
	opts := emulator.Options{Unseeded: true}
	k.world(&opts, n)
	emu, err := emulator.New(opts)
	if err != nil {
		b.Fatal(err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer emu.Close()
	setup := ""
	if k.setup != nil {
		c, err := client.New(client.Config{BaseURL: url, Token: emulator.DefaultToken})
		if err != nil {
			b.Fatal(err)
		}
		setup = k.setup(b, c)
	}
	emu.SetFaults(emulator.FaultConfig{Latency: latency}) // after the setup: only the timed commands wait

	dir := b.TempDir()
	configs := [numTargets]string{kindConfig(k, "pulumicloud", n, setup), kindConfig(k, "noop", n, setup), floorConfig(n)}
	var dirs [numTargets]string
	var envs [numTargets][]string
	for t := range numTargets {
		dirs[t] = filepath.Join(dir, targetNames[t])
		writeConfig(b, dirs[t], configs[t])
		envs[t] = append(cliEnv(rc, url), "BENCH_RSS_FILE="+filepath.Join(dir, targetNames[t]+".rss"))
		// Untimed warm-up: the binaries read from disk, the providers'
		// schemas fetched once, before anything is timed.
		runCLI(b, cli, dirs[t], envs[t], "validate", "-no-color")
		readRSS(b, filepath.Join(dir, targetNames[t]+".rss"))
	}
	emu.ResetRequests()

	res := runResult{requests: map[string]*phaseRequests{}}
	for _, t := range []target{targetFloor, targetNoop} {
		rssFile := filepath.Join(dir, targetNames[t]+".rss")
		res.wall[t], res.cpu[t] = lifecycle(b, cli, dirs[t], envs[t], func(phase int) {
			res.rssKiB[t][phase] = readRSS(b, rssFile)
		})
		if recs := emu.Requests(); len(recs) != 0 {
			b.Fatalf("the %s run sent %d API requests", targetNames[t], len(recs))
		}
	}
	rssFile := filepath.Join(dir, targetNames[targetPC]+".rss")
	res.wall[targetPC], res.cpu[targetPC] = lifecycle(b, cli, dirs[targetPC], envs[targetPC], func(phase int) {
		res.rssKiB[targetPC][phase] = readRSS(b, rssFile)
		res.requests[phases[phase]] = countRequests(emu.Requests())
		emu.ResetRequests()
		want := n
		if phase == phaseDestroy {
			want = 0
		}
		if got := k.count(emu, setup); got != want {
			b.Fatalf("after %s the emulator holds %d %s, want %d", phases[phase], got, k.typeName, want)
		}
	})
	return res
}

// readRSS returns the largest peak RSS (KiB) the provider wrappers have
// written to file since the last call, and empties it.
func readRSS(b *testing.B, file string) int64 {
	b.Helper()
	data, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		return 0
	} else if err != nil {
		b.Fatal(err)
	}
	var peak int64
	for _, line := range strings.Fields(string(data)) {
		v, err := strconv.ParseInt(line, 10, 64)
		if err != nil {
			b.Fatalf("%s: %v", file, err)
		}
		peak = max(peak, v)
	}
	if err := os.Remove(file); err != nil {
		b.Fatal(err)
	}
	return peak
}

// lifecycle times apply, a refreshing plan that must be empty, and destroy,
// in wall and CPU time; after(phase) runs untimed after each command.
func lifecycle(b *testing.B, cli, dir string, env []string, after func(phase int)) (wall, cpu runTimes) {
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
		after(i)
	}
	return wall, cpu
}

// benchSizes is BENCH_SIZES, default "10 50".
func benchSizes(b *testing.B) []int {
	b.Helper()
	raw := os.Getenv("BENCH_SIZES")
	if strings.TrimSpace(raw) == "" {
		raw = "10 50"
	}
	var sizes []int
	for _, f := range strings.Fields(strings.ReplaceAll(raw, ",", " ")) {
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			b.Fatalf("BENCH_SIZES=%q: %q is not a positive integer", raw, f)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// benchLatency is BENCH_LATENCY, default 0.
func benchLatency(b *testing.B) time.Duration {
	b.Helper()
	raw := os.Getenv("BENCH_LATENCY")
	if raw == "" {
		return 0
	}
	d, err := time.ParseDuration(raw)
	if err != nil || d < 0 {
		b.Fatalf("BENCH_LATENCY=%q: want a Go duration such as 25ms", raw)
	}
	return d
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

// writeCLIConfig writes a CLI config whose dev_overrides point both
// registries' pulumicloud/pulumicloud and pulumicloud/noop at pluginDir.
func writeCLIConfig(b *testing.B, pluginDir string) string {
	b.Helper()
	rc := filepath.Join(b.TempDir(), "bench.tfrc")
	config := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "registry.terraform.io/pulumicloud/pulumicloud" = %[1]q
    "registry.opentofu.org/pulumicloud/pulumicloud" = %[1]q
    "registry.terraform.io/pulumicloud/noop"        = %[1]q
    "registry.opentofu.org/pulumicloud/noop"        = %[1]q
  }
  direct {}
}
`, pluginDir)
	if err := os.WriteFile(rc, []byte(config), 0o644); err != nil {
		b.Fatal(err)
	}
	return rc
}

// buildProviders builds the provider binary, as `make build` does, and the
// no-op provider into dir/real/, and the RSS wrapper (internal/bench/rsswrap)
// under both their names into dir, which it returns: the CLI starts the
// wrapper, the wrapper the provider.
func buildProviders(b *testing.B, root string) string {
	b.Helper()
	goBin, err := exec.LookPath("go")
	if err != nil {
		b.Skip("no 'go' on PATH to build the provider")
	}
	dir := b.TempDir()
	build := func(out, pkg string) {
		cmd := exec.CommandContext(b.Context(), goBin, "build", "-trimpath", "-ldflags", "-s -w -X main.version=bench", "-o", out, pkg)
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", pkg, err, out)
		}
	}
	build(filepath.Join(dir, "real", "terraform-provider-pulumicloud"), ".")
	build(filepath.Join(dir, "real", "terraform-provider-noop"), "./internal/bench/noop")
	build(filepath.Join(dir, "terraform-provider-pulumicloud"), "./internal/bench/rsswrap")
	build(filepath.Join(dir, "terraform-provider-noop"), "./internal/bench/rsswrap")
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
