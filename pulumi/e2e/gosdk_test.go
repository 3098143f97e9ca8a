package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pulumi/sdk/go/pulumicloud"
)

// goProgram is the inline program on the generated Go SDK: a GitLab and a
// Bitbucket integration and the GitLab one read back through a data source,
// exported through the SDK's typed outputs.
func goProgram(ctx *pulumi.Context) error {
	gitlab, err := pulumicloud.NewGitlabIntegration(ctx, "gitlab", &pulumicloud.GitlabIntegrationArgs{
		GitlabGroupId: pulumi.Int(gitlabGroupID),
	})
	if err != nil {
		return err
	}
	bitbucket, err := pulumicloud.NewBitbucketIntegration(ctx, "bitbucket", &pulumicloud.BitbucketIntegrationArgs{
		WorkspaceUuid: pulumi.String(bitbucketUUID),
		WorkspaceSlug: pulumi.String(bitbucketSlug),
		// A plain string on purpose: the schema marks the property secret, so
		// the SDK and the bridged provider keep it secret; the test checks it.
		WorkspaceAccessToken: pulumi.String(bitbucketToken),
	})
	if err != nil {
		return err
	}
	readBack := pulumicloud.LookupGitlabIntegrationOutput(ctx, pulumicloud.LookupGitlabIntegrationOutputArgs{
		IntegrationId: gitlab.IntegrationId,
	})
	ctx.Export("gitlabIntegrationId", gitlab.IntegrationId)
	ctx.Export("gitlabGroupId", gitlab.GitlabGroupId)
	ctx.Export("gitlabGroupPath", gitlab.GroupPath)
	ctx.Export("readBackGroupPath", readBack.GroupPath())
	ctx.Export("readBackIntegrationId", readBack.IntegrationId())
	ctx.Export("bitbucketIntegrationId", bitbucket.IntegrationId)
	ctx.Export("bitbucketToken", bitbucket.WorkspaceAccessToken)
	return nil
}

// TestGoSDK runs goProgram through the Automation API with the pulumi CLI
// from PULUMI_E2E_BIN and the bridged plugin next to it: an inline program
// runs in this process and needs no pulumi-language-go.
func TestGoSDK(t *testing.T) {
	bin := e2eBin(t, "pulumi", "pulumi-resource-pulumicloud")
	emu, url := startEmulator(t)
	p := newPulumi(t, bin)
	ctx := t.Context()

	// NewPulumiCommand takes an installation root holding bin/pulumi, and puts
	// that directory first on the CLI's PATH, where the engine finds the plugin.
	root := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(root, "bin")); err != nil {
		t.Fatal(err)
	}
	cli, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: root})
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range p.env {
		if k, v, _ := strings.Cut(kv, "="); k != "PATH" {
			env[k] = v
		}
	}
	stack, err := auto.UpsertStackInlineSource(ctx, "dev", "pulumicloud-e2e-go", goProgram,
		auto.Pulumi(cli), auto.WorkDir(p.dir), auto.PulumiHome(p.home), auto.EnvVars(env),
		auto.Project(workspace.Project{
			Name:    "pulumicloud-e2e-go",
			Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: "file://" + p.backend},
		}))
	if err != nil {
		t.Fatalf("UpsertStackInlineSource: %v", err)
	}
	if err := stack.SetAllConfig(ctx, auto.ConfigMap{
		"pulumicloud:apiUrl":       {Value: url},
		"pulumicloud:organization": {Value: org},
		"pulumicloud:accessToken":  {Value: accessToken, Secret: true},
	}); err != nil {
		t.Fatal(err)
	}
	log := &logWriter{t: t}

	up, err := stack.Up(ctx, optup.ProgressStreams(log))
	if err != nil {
		t.Fatalf("up: %v", err)
	}
	gl, bb := createdBoth(t, emu)
	if got := up.Summary.ResourceChanges; got == nil || (*got)[string(apitype.OpCreate)] != 3 {
		t.Errorf("up changed %v; want the stack and the two integrations created", got)
	}
	want := map[string]any{
		"gitlabIntegrationId": gl, "gitlabGroupId": float64(gitlabGroupID), "gitlabGroupPath": gitlabGroupPath,
		"readBackGroupPath": gitlabGroupPath, "readBackIntegrationId": gl, "bitbucketIntegrationId": bb,
	}
	for k, v := range want {
		if got := up.Outputs[k]; got.Value != v || got.Secret {
			t.Errorf("output %s = %+v, want %v (not secret)", k, got, v)
		}
	}
	if tok := up.Outputs["bitbucketToken"]; !tok.Secret || tok.Value != bitbucketToken {
		t.Errorf("output bitbucketToken: secret %v, the token %v; want the token, as a secret", tok.Secret, tok.Value == bitbucketToken)
	}

	if _, err := stack.Preview(ctx, optpreview.ExpectNoChanges(), optpreview.ProgressStreams(log)); err != nil {
		t.Errorf("preview after up: %v", err)
	}
	if _, err := stack.Refresh(ctx, optrefresh.ExpectNoChanges(), optrefresh.ProgressStreams(log)); err != nil {
		t.Errorf("refresh after up: %v", err)
	}
	checkSecretState(t, p.export(false), p.export(true))

	destroy, err := stack.Destroy(ctx, optdestroy.ProgressStreams(log))
	if err != nil {
		t.Fatalf("destroy: %v", err)
	}
	goneAll(t, emu, gl, bb)
	if got := destroy.Summary.ResourceChanges; got == nil || (*got)[string(apitype.OpDelete)] != 3 {
		t.Errorf("destroy changed %v; want the stack and the two integrations deleted", got)
	}
	log.check()
}

// logWriter logs the engine's output line by line and checks it for the
// secrets.
type logWriter struct {
	t   *testing.T
	all strings.Builder
}

func (w *logWriter) Write(b []byte) (int, error) {
	w.all.Write(b)
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

func (w *logWriter) check() {
	w.t.Helper()
	noPlainSecret(w.t, "the engine's output", w.all.String())
}
