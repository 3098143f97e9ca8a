package bench

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// benchKind is one case of BenchmarkApply: N resources of one pulumicloud
// resource type against the emulator, beside N of its no-op twin (same type
// name in the noop provider, same schema) and N terraform_data.
type benchKind struct {
	name     string // its BENCH_KINDS name
	typeName string // the resource type without the provider's prefix
	emuKind  string // the emulator's integration kind the resources are (or are in)
	// world grows the emulator's world to hold n of them.
	world func(o *emulator.Options, n int)
	// setup prepares the emulator before anything is timed (optional) and
	// returns what body needs (e.g. the integration id the repositories go in).
	setup func(b *testing.B, c *client.Client) string
	// locals are the configuration's locals for n resources (optional).
	locals func(n int) string
	// body is the resource's arguments, in terms of count.index.
	body func(setup string) string
	// count is how many of them the emulator holds.
	count func(emu *emulator.Emulator, setup string) int
}

// benchKinds are every resource that can be created many times: the kinds
// whose natural key the emulator's world grows to offer N of, the custom
// VCS integration (any name), and N repositories of one custom VCS
// integration. The GitHub kinds only adopt installations and are left out.
var benchKinds = []benchKind{
	{
		name: "gitlab", typeName: "gitlab_integration", emuKind: "gitlab",
		world: func(o *emulator.Options, n int) { o.ExtraGitLabGroups = n },
		body: func(string) string {
			return fmt.Sprintf("gitlab_group_id = %d + count.index", emulator.ExtraGitLabGroupBaseID+1)
		},
		count: integrationCount("gitlab"),
	},
	{
		name: "bitbucket", typeName: "bitbucket_integration", emuKind: "bitbucket",
		world: func(o *emulator.Options, n int) { o.ExtraBitbucketWorkspaces = n },
		locals: func(n int) string {
			var uuids, slugs []string
			for _, w := range emulator.ExtraBitbucketWorkspaces(n) {
				uuids, slugs = append(uuids, fmt.Sprintf("%q", w.UUID)), append(slugs, fmt.Sprintf("%q", w.Slug))
			}
			return fmt.Sprintf("locals {\n  uuids = [%s]\n  slugs = [%s]\n}\n", strings.Join(uuids, ", "), strings.Join(slugs, ", "))
		},
		body: func(string) string {
			return "workspace_uuid                    = local.uuids[count.index]\n" +
				"  workspace_slug                    = local.slugs[count.index]\n" +
				"  workspace_access_token_wo         = \"bench-token\"\n" +
				"  workspace_access_token_wo_version = 1"
		},
		count: integrationCount("bitbucket"),
	},
	{
		name: "azure-devops", typeName: "azure_devops_integration", emuKind: "azure-devops",
		world: func(o *emulator.Options, n int) { o.ExtraADOProjects = n },
		locals: func(n int) string {
			var ids []string
			for _, p := range emulator.ExtraADOProjects(n) {
				ids = append(ids, fmt.Sprintf("%q", p.ID))
			}
			return fmt.Sprintf("locals {\n  projects = [%s]\n}\n", strings.Join(ids, ", "))
		},
		body: func(string) string {
			return fmt.Sprintf("azure_devops_organization = %q\n  azure_devops_project_id   = local.projects[count.index]", emulator.ExtraADOOrgName)
		},
		count: integrationCount("azure-devops"),
	},
	{
		name: "custom", typeName: "custom_vcs_integration", emuKind: "custom",
		world: func(*emulator.Options, int) {},
		body: func(string) string {
			return "name        = \"bench-${count.index}\"\n" +
				"  base_url    = \"https://git${count.index}.example.com\"\n" +
				"  environment = \"vcs/bench\""
		},
		count: integrationCount("custom"),
	},
	{
		// N repositories of one custom VCS integration, made before the
		// timed commands (and kept by destroy): what a self-hosted Gitea
		// with hundreds of repositories looks like.
		name: "custom-repos", typeName: "custom_vcs_repository", emuKind: "custom",
		world: func(*emulator.Options, int) {},
		setup: func(b *testing.B, c *client.Client) string {
			in, err := c.CreateCustomVCSIntegration(context.Background(), "acme", client.CreateCustomVCSIntegrationRequest{
				Name: "bench", BaseURL: "https://git.example.com", Environment: "vcs/bench",
			})
			if err != nil {
				b.Fatal(err)
			}
			return in.ID
		},
		body: func(integrationID string) string {
			return fmt.Sprintf("integration_id = %q\n  name           = \"team/repo-${count.index}\"", integrationID)
		},
		count: func(emu *emulator.Emulator, integrationID string) int {
			for _, in := range emu.Integrations("acme", "custom") {
				if in["id"] == integrationID {
					repos, _ := in["repositories"].([]any)
					return len(repos)
				}
			}
			return -1
		},
	},
}

// integrationCount counts the emulator's integrations of kind.
func integrationCount(kind string) func(*emulator.Emulator, string) int {
	return func(emu *emulator.Emulator, _ string) int { return len(emu.Integrations("acme", kind)) }
}

// selectedKinds is BENCH_KINDS (names of benchKinds, or "all"), default gitlab.
func selectedKinds(b *testing.B) []benchKind {
	b.Helper()
	raw := strings.TrimSpace(os.Getenv("BENCH_KINDS"))
	if raw == "" {
		raw = "gitlab"
	}
	if raw == "all" {
		return benchKinds
	}
	var out []benchKind
	for _, name := range strings.Fields(strings.ReplaceAll(raw, ",", " ")) {
		found := false
		for _, k := range benchKinds {
			if k.name == name {
				out, found = append(out, k), true
			}
		}
		if !found {
			var names []string
			for _, k := range benchKinds {
				names = append(names, k.name)
			}
			b.Fatalf("BENCH_KINDS=%q: no kind %q (kinds: %s, or all)", raw, name, strings.Join(names, " "))
		}
	}
	return out
}

// kindConfig is the configuration of n resources of k under provider
// ("pulumicloud" or "noop").
func kindConfig(k benchKind, provider string, n int, setup string) string {
	cfg := fmt.Sprintf(`terraform {
  required_providers {
    %[1]s = {
      source = "pulumicloud/%[1]s"
    }
  }
}

provider %[1]q {}

`, provider)
	if k.locals != nil {
		cfg += k.locals(n) + "\n"
	}
	return cfg + fmt.Sprintf("resource \"%s_%s\" \"bench\" {\n  count = %d\n  %s\n}\n", provider, k.typeName, n, k.body(setup))
}
