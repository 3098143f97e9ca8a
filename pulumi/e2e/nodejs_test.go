package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestNodeSDK runs testdata/nodejs/main.ts, compiled by `make pulumi-nodejs`
// (tsc, strict, the generated SDK and the program) to PULUMI_E2E_NODE_PROGRAM:
// the generated TypeScript SDK through the Node Automation API with an
// inline program, one step per node process, the emulator checked between.
func TestNodeSDK(t *testing.T) {
	bin := e2eBin(t, "pulumi", "pulumi-resource-pulumicloud")
	program := envFile(t, "PULUMI_E2E_NODE_PROGRAM", "the compiled TypeScript program, testdata/nodejs/bin/e2e/testdata/nodejs/main.js")
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatalf("no node on PATH: %v", err)
	}
	emu, url := startEmulator(t)
	p := newPulumi(t, bin)
	env := append(p.env,
		"E2E_WORK_DIR="+p.dir,
		"E2E_BACKEND_URL=file://"+p.backend,
		"E2E_API_URL="+url,
		"E2E_ORG="+org,
		"E2E_ACCESS_TOKEN="+accessToken,
		"E2E_GITLAB_GROUP_ID="+strconv.Itoa(gitlabGroupID),
		"E2E_BITBUCKET_UUID="+bitbucketUUID,
		"E2E_BITBUCKET_SLUG="+bitbucketSlug,
		"E2E_BITBUCKET_TOKEN="+bitbucketToken,
	)
	step := func(name string) nodeResult {
		t.Helper()
		t.Logf("$ node main.js %s", name)
		ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, node, program, name)
		cmd.Dir, cmd.Env = p.dir, env
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		t.Log(strings.TrimRight(stderr.String(), "\n"))
		t.Logf("result: %s", strings.TrimSpace(stdout.String()))
		noPlainSecret(t, "node main.js "+name, stdout.String()+stderr.String())
		if err != nil {
			t.Fatalf("node main.js %s: %v", name, err)
		}
		var r nodeResult
		if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
			t.Fatalf("node main.js %s printed %q: %v", name, stdout.String(), err)
		}
		return r
	}

	up := step("up")
	gl, bb := createdBoth(t, emu)
	if up.Changes["create"] != 3 {
		t.Errorf("up changed %v; want the stack and the two integrations created", up.Changes)
	}
	want := map[string]any{"gitlabIntegrationId": gl, "gitlabGroupPath": gitlabGroupPath, "bitbucketIntegrationId": bb}
	for k, v := range want {
		if got, ok := up.Outputs[k]; !ok || got.Secret || got.Value != v {
			t.Errorf("output %s = %+v, want %v (not secret)", k, got, v)
		}
	}
	// The data source lists the organization's GitLab integrations after the
	// new one exists (dependsOn): it is among them.
	if got := up.Outputs["listedGitlabIds"]; !containsAny(got.Value, gl) {
		t.Errorf("output listedGitlabIds = %+v, want a list holding %s", got, gl)
	}
	if tok := up.Outputs["bitbucketToken"]; !tok.Secret {
		t.Errorf("output bitbucketToken is not a secret")
	}

	preview := step("preview")
	for op, n := range preview.Changes {
		if op != "same" && n != 0 {
			t.Errorf("preview after up: %v; want only unchanged resources", preview.Changes)
		}
	}
	checkSecretState(t, p.export(false), p.export(true))

	destroy := step("destroy")
	goneAll(t, emu, gl, bb)
	if destroy.Changes["delete"] != 3 {
		t.Errorf("destroy changed %v; want the stack and the two integrations deleted", destroy.Changes)
	}
}

// nodeResult is what main.ts prints: the step's change counts by operation,
// and after up the stack outputs (a secret without its value).
type nodeResult struct {
	Changes map[string]int `json:"changes"`
	Outputs map[string]struct {
		Value  any  `json:"value"`
		Secret bool `json:"secret"`
	} `json:"outputs"`
}

func containsAny(list any, v any) bool {
	l, _ := list.([]any)
	for _, x := range l {
		if x == v {
			return true
		}
	}
	return false
}
