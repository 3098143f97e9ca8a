package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// A refresh whose read outlasts timeouts.read says the read timed out after
// that long, and names the request that was waiting: the list GET the reads
// share (GitLab's list answers every field), not a GET of the integration it
// never had time to send. A timeout is no authorization problem, so it does
// not send the reader to check the access token. Once Pulumi Cloud answers
// in time again, the plan is empty.
func TestAccGitLabIntegration_readTimedOut(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	config := env.providerConfig() + gitLabConfig(7001, `  timeouts = { read = "2s" }`)
	want := regexp.MustCompile(`(?s)Unable to Read GitLab Integration.*` + words("timed out after 2s") +
		`.*` + words("GET /api/console/orgs/"+testOrg+"/integrations/gitlab") + `[^/]`)
	wrong := regexp.MustCompile(`(?i)access\s+token|GET\s+\S+/gitlab/[0-9a-f-]{36}`)
	slow := false
	checked := false
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("gitlab", "pulumicloud_gitlab_integration"),
		ErrorCheck: func(err error) error {
			if !slow {
				return err
			}
			checked = true
			if !want.MatchString(err.Error()) {
				return fmt.Errorf("want the read timed out after 2s on the list GET, got: %w", err)
			}
			if m := wrong.FindString(err.Error()); m != "" {
				return fmt.Errorf("the timed-out read says %q: %w", m, err)
			}
			return nil
		},
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() {
					slow = true
					env.emu.SetFaults(emulator.FaultConfig{Latency: 4 * time.Second})
				},
				Config:   config,
				PlanOnly: true,
			},
			{
				PreConfig: func() {
					slow = false
					env.emu.SetFaults(emulator.FaultConfig{})
				},
				Config:   config,
				PlanOnly: true,
			},
		},
	})
	if !checked {
		t.Error("the slow refresh did not fail")
	}
}
