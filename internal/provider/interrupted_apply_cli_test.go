package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// Pipelines get cancelled (a newer push cancels the running job, which
// sends terraform a SIGINT) and runners die (the OOM killer's SIGKILL takes
// the provider). These tests do both to the real CLI, with the provider as
// the binary a user runs, at the worst moment: the emulator has applied a
// write and holds its answer back. Then they run what the next pipeline run
// runs, a plain `terraform apply`, and ask the emulator what exists.

// heldWriteLimit bounds how long the emulator holds an answer: the
// interruption ends the hold long before (the request is cancelled), so
// this only keeps a broken test from hanging.
const heldWriteLimit = 30 * time.Second

// cliConfigHeader makes `pulumicloud` this provider (not hashicorp/pulumicloud).
const cliConfigHeader = `
terraform {
  required_providers {
    pulumicloud = {
      source = "pulumicloud/pulumicloud"
    }
  }
}
`

// The natural keys the interrupted writes use: none is integrated in the
// seeded world.
const (
	interruptedGitLabGroup = 7001
	interruptedCustomName  = "Forgejo"
	interruptedRepoName    = "platform/infra"
)

func interruptedCustomConfig(repo bool) string {
	return customConfig(interruptedCustomName, "https://forgejo.example.com/acme", "", repo)
}

// interruptedResources are the five integration kinds that create (GitHub's
// by claiming an installation no organization has linked), one each.
func interruptedResources() string {
	return gitLabConfig(interruptedGitLabGroup, "") +
		bitbucketConfig(acmeWebUUID, "acme-web", `  use_user_auth = true`) +
		azureDevOpsConfig("acmecorp", adoPaymentsID, "") +
		gitHubDotComCase.config(unlinkedInstallation, "") +
		interruptedCustomConfig(false)
}

// naturalKeyCount counts the integrations of kind whose list item has each
// field (dotted paths into nested objects) at the given value.
func naturalKeyCount(emu *emulator.Emulator, kind string, fields map[string]string) int {
	n := 0
	for _, item := range emu.Integrations(testOrg, kind) {
		if hasFields(item, fields) {
			n++
		}
	}
	return n
}

func hasFields(item map[string]any, fields map[string]string) bool {
	for path, want := range fields {
		var v any = item
		for _, step := range strings.Split(path, ".") {
			m, _ := v.(map[string]any)
			v = m[step]
		}
		if f, ok := v.(float64); ok { // JSON numbers: 41000002, not 4.1000002e+07
			v = strconv.FormatFloat(f, 'f', -1, 64)
		}
		if fmt.Sprint(v) != want {
			return false
		}
	}
	return true
}

// integrationKey is one integration the tests create, by its natural key.
type integrationKey struct {
	address string // the resource that manages it
	kind    string // the emulator's (and the API's) kind segment
	fields  map[string]string
}

var (
	gitLabKey    = integrationKey{"pulumicloud_gitlab_integration.test", "gitlab", map[string]string{"gitLabGroupId": fmt.Sprint(interruptedGitLabGroup)}}
	bitbucketKey = integrationKey{"pulumicloud_bitbucket_integration.test", "bitbucket", map[string]string{"workspaceSlug": "acme-web"}}
	adoKey       = integrationKey{"pulumicloud_azure_devops_integration.test", "azure-devops", map[string]string{"project.id": adoPaymentsID}}
	gitHubKey    = integrationKey{"pulumicloud_github_integration.test", "github", map[string]string{"installationID": fmt.Sprint(unlinkedInstallation)}}
	customKey    = integrationKey{customAddr, "custom", map[string]string{"name": interruptedCustomName}}
)

func (k integrationKey) count(emu *emulator.Emulator) int {
	return naturalKeyCount(emu, k.kind, k.fields)
}

// id is the integration's id; the test fails unless exactly one exists.
func (k integrationKey) id(t *testing.T, emu *emulator.Emulator) string {
	t.Helper()
	var ids []string
	for _, item := range emu.Integrations(testOrg, k.kind) {
		if hasFields(item, k.fields) {
			id, _ := item["id"].(string)
			ids = append(ids, id)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("%s: the emulator holds %d integrations for %v (%v), want exactly 1", k.address, len(ids), k.fields, ids)
	}
	return ids[0]
}

// repositoryCount is how many repositories named interruptedRepoName the
// custom integration has.
func repositoryCount(emu *emulator.Emulator) int {
	n := 0
	for _, item := range emu.Integrations(testOrg, "custom") {
		if item["name"] != interruptedCustomName {
			continue
		}
		repos, _ := item["repositories"].([]any)
		for _, r := range repos {
			if m, _ := r.(map[string]any); m["name"] == interruptedRepoName {
				n++
			}
		}
	}
	return n
}

// cliWorkspace is one working directory the real CLI runs in, with the
// provider binary installed through dev_overrides, against one emulator.
type cliWorkspace struct {
	t    *testing.T
	cli  *clitest.CLI
	env  *testEnv
	dir  string
	vars []string
	// printed is every command's output, for failure messages.
	printed strings.Builder
}

func newCLIWorkspace(t *testing.T, cli *clitest.CLI, env *testEnv) *cliWorkspace {
	t.Helper()
	return &cliWorkspace{t: t, cli: cli, env: env, dir: t.TempDir(),
		vars: clitest.CleanEnv("TF_CLI_CONFIG_FILE=" + clitest.WriteCLIConfig(t, clitest.ProviderDir(t)))}
}

// configure writes main.tf: this provider pointed at the emulator, and resources.
func (w *cliWorkspace) configure(resources string) {
	w.t.Helper()
	w.writeFile("main.tf", cliConfigHeader+w.env.providerConfig()+resources)
}

func (w *cliWorkspace) writeFile(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

var (
	applyArgs = []string{"apply", "-auto-approve", "-input=false", "-no-color"}
	planArgs  = []string{"plan", "-detailed-exitcode", "-input=false", "-no-color"}
)

// run runs the CLI and fails the test unless it exits with wantExit.
func (w *cliWorkspace) run(wantExit int, args ...string) string {
	w.t.Helper()
	start := time.Now()
	res := clitest.Run(w.t, w.dir, w.vars, w.cli.Path, args...)
	fmt.Fprintf(&w.printed, "$ terraform %s  (exit %d after %s)\n%s\n", strings.Join(args, " "), res.ExitCode,
		time.Since(start).Round(100*time.Millisecond), res.Output)
	if res.ExitCode != wantExit {
		w.t.Fatalf("terraform %s: exit %d, want %d\n%s", strings.Join(args, " "), res.ExitCode, wantExit, clitest.Tail(res.Output, 6000))
	}
	return res.Output
}

// interrupted starts `terraform apply`, waits until the emulator holds
// heldWrites answers (their writes took effect), does interrupt to the
// running CLI, and returns what the CLI printed and its exit code.
func (w *cliWorkspace) interrupted(heldWrites int, interrupt func(p *clitest.Process)) clitest.Result {
	w.t.Helper()
	start := time.Now()
	p := clitest.Start(w.t, w.dir, w.vars, w.cli.Path, applyArgs...)
	ctx, cancel := context.WithTimeout(w.t.Context(), 2*time.Minute)
	defer cancel()
	held := make(chan error, 1)
	go func() { held <- w.env.emu.AwaitHeld(ctx, heldWrites) }()
	select {
	case err := <-held:
		if err != nil {
			w.t.Fatalf("%v; terraform printed so far:\n%s", err, clitest.Tail(p.Output(), 4000))
		}
	case <-p.Done():
		w.t.Fatalf("terraform apply ended before %d writes were held:\n%s", heldWrites, clitest.Tail(p.Wait().Output, 4000))
	}
	heldAfter := time.Since(start)
	interrupt(p)
	res := p.Wait()
	w.env.emu.ReleaseHeld()
	fmt.Fprintf(&w.printed, "$ terraform %s  (interrupted after %s; exit %d after %s)\n%s\n", strings.Join(applyArgs, " "),
		heldAfter.Round(100*time.Millisecond), res.ExitCode, time.Since(start).Round(100*time.Millisecond), res.Output)
	return res
}

// stateList is the addresses in the state.
func (w *cliWorkspace) stateList() []string {
	w.t.Helper()
	return strings.Fields(w.run(0, "state", "list"))
}

// timeoutWords are what an interrupted run must not say: nothing timed out.
var timeoutWords = regexp.MustCompile(`(?i)timed out|within the \w+ timeout|tried for 0s`)

// interruptedWriteCase is one write a SIGINT interrupts after it took effect.
type interruptedWriteCase struct {
	name    string
	before  string // resources applied (uninterrupted) first
	config  string // resources of the interrupted apply
	hold    emulator.HoldRule
	address string // the resource whose write is held
	// exists counts the object in the emulator; want is how many the
	// re-run must leave (1; 0 after a delete).
	exists func(*emulator.Emulator) int
	want   int
	// created: the held write is a create, so the interrupted run's state
	// must keep the resource.
	created bool
	// says is what the interrupted run must say about the held write.
	says *regexp.Regexp
}

func interruptedWriteCases() []interruptedWriteCase {
	kinds := []struct {
		name, config, path string
		key                integrationKey
	}{
		{"gitlab", gitLabConfig(interruptedGitLabGroup, ""), "/integrations/gitlab", gitLabKey},
		{"bitbucket", bitbucketConfig(acmeWebUUID, "acme-web", `  use_user_auth = true`), "/integrations/bitbucket", bitbucketKey},
		{"azure_devops", azureDevOpsConfig("acmecorp", adoPaymentsID, ""), "/integrations/azure-devops", adoKey},
		{"github_claim", gitHubDotComCase.config(unlinkedInstallation, ""), "/integrations/github/claim", gitHubKey},
		{"custom_vcs", interruptedCustomConfig(false), "/integrations/custom", customKey},
	}
	var cases []interruptedWriteCase
	for _, k := range kinds {
		cases = append(cases, interruptedWriteCase{
			name: "create_" + k.name, config: k.config, address: k.key.address, created: true,
			hold:   emulator.HoldRule{Method: "POST", PathSuffix: k.path},
			exists: k.key.count, want: 1,
			says: regexp.MustCompile(`Warning: [\w ]+ Integration Create Interrupted`),
		})
	}
	return append(cases,
		interruptedWriteCase{
			name: "create_custom_vcs_repository", before: interruptedCustomConfig(false), config: interruptedCustomConfig(true),
			address: repoAddr, created: true, hold: emulator.HoldRule{Method: "POST", PathSuffix: "/repos"},
			exists: repositoryCount, want: 1,
			says: regexp.MustCompile(`Warning: Custom VCS Repository Create Interrupted`),
		},
		interruptedWriteCase{
			name: "update_gitlab", before: gitLabConfig(interruptedGitLabGroup, ""),
			config:  gitLabConfig(interruptedGitLabGroup, `  disable_pr_comments = true`),
			address: gitLabKey.address, hold: emulator.HoldRule{Method: "PATCH"},
			exists: func(emu *emulator.Emulator) int {
				return naturalKeyCount(emu, "gitlab", map[string]string{"gitLabGroupId": fmt.Sprint(interruptedGitLabGroup), "disablePRComments": "true"})
			},
			want: 1,
			says: regexp.MustCompile(`Error: GitLab Integration Update Interrupted`),
		},
		interruptedWriteCase{
			name: "delete_gitlab", before: gitLabConfig(interruptedGitLabGroup, ""), config: "",
			address: gitLabKey.address, hold: emulator.HoldRule{Method: "DELETE"},
			exists: gitLabKey.count, want: 0,
			says: regexp.MustCompile(`Warning: GitLab Integration Delete Interrupted(?s:.*)It is\s+deleted`),
		},
	)
}

// TestAccInterruptedApply_sigint: a SIGINT (Ctrl-C, a cancelled pipeline)
// reaches terraform while a create, an update or a delete has taken effect
// and its answer is on its way. The interrupted run says nothing timed out
// and its state keeps what a create made; the next run is a plain
// `terraform apply` that succeeds, leaves each object exactly once (or gone,
// after a delete), and is followed by an empty plan.
func TestAccInterruptedApply_sigint(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	t.Parallel()
	for _, c := range interruptedWriteCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, emulator.Options{})
			w := newCLIWorkspace(t, cli, env)
			defer func() {
				if t.Failed() {
					t.Logf("what the CLI printed:\n%s", clitest.Tail(w.printed.String(), 12000))
				}
			}()
			if c.before != "" {
				w.configure(c.before)
				w.run(0, applyArgs...)
			}
			w.configure(c.config)
			hold := c.hold
			hold.For = heldWriteLimit
			if err := env.emu.HoldAnswers(hold); err != nil {
				t.Fatal(err)
			}
			res := w.interrupted(1, func(p *clitest.Process) {
				if err := p.Signal(os.Interrupt); err != nil {
					t.Fatal(err)
				}
			})
			if m := timeoutWords.FindString(res.Output); m != "" {
				t.Errorf("the interrupted run says %q, but nothing timed out", m)
			}
			if !c.says.MatchString(res.Output) {
				t.Errorf("the interrupted run does not say %s", c.says)
			}
			if c.created {
				if got := w.stateList(); !slices.Contains(got, c.address) {
					t.Errorf("after the interrupted create the state holds %v, want %s: the create took effect", got, c.address)
				}
			}

			w.run(0, applyArgs...)
			if n := c.exists(env.emu); n != c.want {
				t.Errorf("after the re-run the emulator holds %d of %s's object, want %d", n, c.address, c.want)
			}
			w.run(0, planArgs...)
		})
	}
}

// killedApplyCase is one apply whose provider is killed while writes are held.
type killedApplyCase struct {
	name   string
	before string // resources applied (uninterrupted) first
	config string
	hold   emulator.HoldRule
	held   int // writes in flight when the provider dies
	// named are the resources the re-run must refuse to create, each with
	// the import id of the object the killed run made; adopted are the ones
	// it takes over (a linked GitHub installation is adopted, not refused).
	named   func(t *testing.T, emu *emulator.Emulator) map[string]string
	adopted []string
	// exactlyOnce counts each object that must exist exactly once.
	exactlyOnce map[string]func(*emulator.Emulator) int
}

func killedApplyCases() []killedApplyCase {
	keys := []integrationKey{gitLabKey, bitbucketKey, adoKey, gitHubKey, customKey}
	once := map[string]func(*emulator.Emulator) int{}
	for _, k := range keys {
		once[k.address] = k.count
	}
	return []killedApplyCase{
		{
			name: "every_creating_kind", config: interruptedResources(),
			hold: emulator.HoldRule{Method: "POST"}, held: len(keys),
			named: func(t *testing.T, emu *emulator.Emulator) map[string]string {
				ids := map[string]string{}
				for _, k := range keys {
					if k.address != gitHubKey.address {
						ids[k.address] = importID(testOrg, k.id(t, emu))
					}
				}
				return ids
			},
			adopted:     []string{gitHubKey.address},
			exactlyOnce: once,
		},
		{
			name: "custom_vcs_repository", before: interruptedCustomConfig(false), config: interruptedCustomConfig(true),
			hold: emulator.HoldRule{Method: "POST", PathSuffix: "/repos"}, held: 1,
			named: func(t *testing.T, emu *emulator.Emulator) map[string]string {
				return map[string]string{repoAddr: customVCSRepositoryID(testOrg, customKey.id(t, emu), interruptedRepoName)}
			},
			exactlyOnce: map[string]func(*emulator.Emulator) int{customAddr: customKey.count, repoAddr: repositoryCount},
		},
	}
}

// importBlock is an `import {}` block as the provider's errors print it.
var importBlock = regexp.MustCompile(`import \{\s*to\s*=\s*(\S+)\s*id\s*=\s*"([^"]+)"\s*\}`)

// TestAccInterruptedApply_providerKilled: the provider process dies
// (SIGKILL, as the OOM killer sends) while creates have taken effect.
// Terraform saves nothing for them; that is its contract. The next plain
// `terraform apply` never makes a second integration: it fails naming each
// existing one's id with the `terraform import` command and an `import {}`
// block. Adding those blocks (the resource's name for `<name>`) and
// applying converges, and the plan after it is empty.
func TestAccInterruptedApply_providerKilled(t *testing.T) {
	cli := clitest.FromAcceptanceEnv(t)
	t.Parallel()
	provider := filepath.Join(clitest.ProviderDir(t), "terraform-provider-pulumicloud")
	for _, c := range killedApplyCases() {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			env := newTestEnv(t, emulator.Options{})
			w := newCLIWorkspace(t, cli, env)
			defer func() {
				if t.Failed() {
					t.Logf("what the CLI printed:\n%s", clitest.Tail(w.printed.String(), 12000))
				}
			}()
			if c.before != "" {
				w.configure(c.before)
				w.run(0, applyArgs...)
			}
			w.configure(c.config)
			hold := c.hold
			hold.For = heldWriteLimit
			if err := env.emu.HoldAnswers(hold); err != nil {
				t.Fatal(err)
			}
			res := w.interrupted(c.held, func(p *clitest.Process) {
				if killed := p.KillChildren(t, provider); len(killed) == 0 {
					t.Fatalf("terraform (pid %d) runs no %s", p.Pid(), provider)
				}
			})
			if res.ExitCode == 0 {
				t.Fatalf("terraform apply succeeded although its provider was killed:\n%s", res.Output)
			}
			named := c.named(t, env.emu)

			// The re-run: refused, every object named, nothing created twice.
			out := diagnosticText(w.run(1, applyArgs...))
			for address, id := range named {
				typ, _, _ := strings.Cut(address, ".")
				if want := "terraform import " + typ + ".<name> " + id; !strings.Contains(out, want) {
					t.Errorf("the re-run's error does not say %q", want)
				}
				if want := fmt.Sprintf("to = %s.<name>", typ); !strings.Contains(out, want) || !strings.Contains(out, fmt.Sprintf("id = %q", id)) {
					t.Errorf("the re-run's error has no import block for %s (id %q)", typ, id)
				}
			}
			for address, count := range c.exactlyOnce {
				if n := count(env.emu); n != 1 {
					t.Errorf("after the re-run the emulator holds %d of %s's object, want 1", n, address)
				}
			}
			state := w.stateList()
			for _, address := range c.adopted {
				if !slices.Contains(state, address) {
					t.Errorf("the re-run did not adopt %s (state: %v)", address, state)
				}
			}

			// Follow the error: its import blocks, with the resource's name.
			var imports strings.Builder
			for _, m := range importBlock.FindAllStringSubmatch(out, -1) {
				to := strings.Replace(m[1], "<name>", addressName(named, m[1]), 1)
				fmt.Fprintf(&imports, "import {\n  to = %s\n  id = %q\n}\n", to, m[2])
			}
			w.writeFile("imports.tf", imports.String())
			w.run(0, applyArgs...)
			for address, count := range c.exactlyOnce {
				if n := count(env.emu); n != 1 {
					t.Errorf("after following the error the emulator holds %d of %s's object, want 1", n, address)
				}
			}
			state = w.stateList()
			for address := range c.exactlyOnce {
				if !slices.Contains(state, address) {
					t.Errorf("after following the error the state lacks %s: %v", address, state)
				}
			}
			w.run(0, planArgs...)
		})
	}
}

// addressName is the name of the resource in named whose type begins
// address ("pulumicloud_gitlab_integration.<name>" -> "test").
func addressName(named map[string]string, address string) string {
	typ, _, _ := strings.Cut(address, ".")
	for full := range named {
		if t, name, _ := strings.Cut(full, "."); t == typ {
			return name
		}
	}
	return "<name>"
}

// diagnosticText is the CLI's output without the frame it draws around a
// diagnostic ("│ " before every line).
func diagnosticText(out string) string {
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(strings.TrimPrefix(l, "│"), " ")
	}
	return strings.Join(lines, "\n")
}
