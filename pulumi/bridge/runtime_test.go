package bridge

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	pftfbridge "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfbridge"
	pfgen "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// The emulator's defaults (internal/emulator): its token, a seeded
// organization, and a GitLab group and a Bitbucket workspace that are not
// integrated yet.
const (
	emulatorToken = "pul-emulator-token"
	emulatorOrg   = "acme"
	gitlabGroupID = 7001
	gitlabPath    = "acme/platform"
	bitbucketUUID = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}" // acme-web, not integrated
	bitbucketSlug = "acme-web"
)

// startEmulator builds cmd/pulumicloud-emulator in the provider's own module,
// starts it on a free loopback port and returns its base URL; it is stopped
// when the test ends.
func startEmulator(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bin := filepath.Join(dir, "pulumicloud-emulator")
	build := exec.Command("go", "build", "-o", bin, "./cmd/pulumicloud-emulator")
	build.Dir = "../.." // the provider module, with its own go.mod
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the emulator: %v\n%s", err, out)
	}
	ready := filepath.Join(dir, "ready")
	var logs bytes.Buffer
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-ready-file", ready)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the emulator: %v", err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("emulator log:\n%s", logs.String())
		}
	})
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(ready); err == nil && strings.HasSuffix(string(b), "\n") {
			return strings.TrimSpace(string(b))
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the emulator did not become ready in 30s:\n%s", logs.String())
	return ""
}

// TestBridgedLifecycle drives the bridged provider in-process, as the Pulumi
// engine would over gRPC: configure, invoke a data source, then check, create,
// read, import (read by id alone) and delete a GitLab integration against the
// emulator.
func TestBridgedLifecycle(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the emulator")
	}
	ctx := t.Context()
	url := startEmulator(t)

	info := ProviderInfo(ctx)
	res, err := pfgen.GenerateSchema(ctx, pfgen.GenerateSchemaOptions{ProviderInfo: info, XInMemoryDocs: true})
	if err != nil {
		t.Fatalf("GenerateSchema: %v", err)
	}
	prov, err := pftfbridge.NewProvider(ctx, info, res.ProviderMetadata)
	if err != nil {
		t.Fatalf("NewProvider: %v", err)
	}
	defer func() { _ = prov.Close() }()

	// Provider configuration, as `pulumi config set pulumicloud:apiUrl ...`.
	if _, err := prov.Configure(ctx, plugin.ConfigureRequest{Inputs: resource.PropertyMap{
		"apiUrl":       resource.NewStringProperty(url),
		"accessToken":  resource.NewStringProperty(emulatorToken), // the engine unwraps secrets for the bridge
		"organization": resource.NewStringProperty(emulatorOrg),
	}}); err != nil {
		t.Fatalf("Configure: %v", err)
	}

	// A data source, as an invoke: the seeded integrations.
	inv, err := prov.Invoke(ctx, plugin.InvokeRequest{
		Tok:  info.DataSources["pulumicloud_vcs_integrations"].Tok,
		Args: resource.PropertyMap{},
	})
	if err != nil || len(inv.Failures) > 0 {
		t.Fatalf("invoke getVcsIntegrations: %v %v", err, inv.Failures)
	}
	if ints := inv.Properties["integrations"]; !ints.IsArray() || len(ints.ArrayValue()) == 0 {
		t.Fatalf("getVcsIntegrations: integrations = %v, want the seeded ones", ints)
	}

	typ := info.Resources["pulumicloud_gitlab_integration"].Tok
	urn := resource.NewURN("dev", "bridgecheck", "", typ, "gl")
	news := resource.PropertyMap{"gitlabGroupId": resource.NewNumberProperty(gitlabGroupID)}

	chk, err := prov.Check(ctx, plugin.CheckRequest{URN: urn, Name: "gl", Type: typ, News: news})
	if err != nil || len(chk.Failures) > 0 {
		t.Fatalf("Check: %v %v", err, chk.Failures)
	}
	created, err := prov.Create(ctx, plugin.CreateRequest{URN: urn, Name: "gl", Type: typ, Properties: chk.Properties, Timeout: 60})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	integrationID := created.Properties["integrationId"]
	if !integrationID.IsString() || integrationID.StringValue() == "" {
		t.Fatalf("Create: integrationId = %v", integrationID)
	}
	// The Pulumi id is the Terraform id: the import id, <organization>/<id>.
	wantID := resource.ID(emulatorOrg + "/" + integrationID.StringValue())
	if created.ID != wantID {
		t.Fatalf("Create: id %q, want %q", created.ID, wantID)
	}
	if got := created.Properties["groupPath"]; !got.IsString() || got.StringValue() != gitlabPath {
		t.Errorf("Create: groupPath = %v, want %q", got, gitlabPath)
	}

	read, err := prov.Read(ctx, plugin.ReadRequest{URN: urn, Name: "gl", Type: typ, ID: created.ID, Inputs: chk.Properties, State: created.Properties})
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	if read.ID != created.ID || read.Outputs == nil || !read.Outputs["groupPath"].DeepEquals(created.Properties["groupPath"]) {
		t.Errorf("Read: id %q, outputs %v; want the created integration", read.ID, read.Outputs)
	}

	// `pulumi import pulumicloud:index:GitlabIntegration gl acme/<id>`: a
	// Read by id alone, no inputs or state.
	imported, err := prov.Read(ctx, plugin.ReadRequest{URN: urn, Name: "gl", Type: typ, ID: wantID})
	if err != nil {
		t.Fatalf("import Read: %v", err)
	}
	if imported.ID != wantID || imported.Outputs == nil {
		t.Fatalf("import Read: id %q, outputs %v", imported.ID, imported.Outputs)
	}
	for _, k := range []resource.PropertyKey{"integrationId", "gitlabGroupId", "groupPath", "organization"} {
		if !imported.Outputs[k].DeepEquals(created.Properties[k]) {
			t.Errorf("import Read: %s = %v, created %v", k, imported.Outputs[k], created.Properties[k])
		}
	}
	if imported.Inputs == nil || !imported.Inputs["gitlabGroupId"].DeepEquals(news["gitlabGroupId"]) {
		t.Errorf("import Read: inputs %v, want gitlabGroupId %d", imported.Inputs, gitlabGroupID)
	}

	if _, err := prov.Delete(ctx, plugin.DeleteRequest{URN: urn, Name: "gl", Type: typ, ID: created.ID, Inputs: chk.Properties, Outputs: read.Outputs, Timeout: 60}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	gone, err := prov.Read(ctx, plugin.ReadRequest{URN: urn, Name: "gl", Type: typ, ID: created.ID, Inputs: chk.Properties, State: read.Outputs})
	if err != nil {
		t.Fatalf("Read after Delete: %v", err)
	}
	if gone.Outputs != nil {
		t.Errorf("Read after Delete: outputs %v, want none (gone)", gone.Outputs)
	}
	t.Logf("GitLab integration %s: created, read, imported by id, deleted", created.ID)

	// Bitbucket with the sensitive (not write-only) token, the path DESIGN.md
	// keeps for bridges without write-only support.
	typ = info.Resources["pulumicloud_bitbucket_integration"].Tok
	urn = resource.NewURN("dev", "bridgecheck", "", typ, "bb")
	news = resource.PropertyMap{
		"workspaceUuid":        resource.NewStringProperty(bitbucketUUID),
		"workspaceSlug":        resource.NewStringProperty(bitbucketSlug),
		"workspaceAccessToken": resource.NewStringProperty("bb-token"),
	}
	chk, err = prov.Check(ctx, plugin.CheckRequest{URN: urn, Name: "bb", Type: typ, News: news})
	if err != nil || len(chk.Failures) > 0 {
		t.Fatalf("Bitbucket Check: %v %v", err, chk.Failures)
	}
	created, err = prov.Create(ctx, plugin.CreateRequest{URN: urn, Name: "bb", Type: typ, Properties: chk.Properties, Timeout: 60})
	if err != nil {
		t.Fatalf("Bitbucket Create: %v", err)
	}
	if id := created.Properties["integrationId"]; !id.IsString() || created.ID != resource.ID(emulatorOrg+"/"+id.StringValue()) {
		t.Errorf("Bitbucket Create: id %q, integrationId %v", created.ID, id)
	}
	if got := created.Properties["workspaceName"]; !got.IsString() || got.StringValue() == "" {
		t.Errorf("Bitbucket Create: workspaceName = %v", got)
	}
	if _, err := prov.Delete(ctx, plugin.DeleteRequest{URN: urn, Name: "bb", Type: typ, ID: created.ID, Inputs: chk.Properties, Outputs: created.Properties, Timeout: 60}); err != nil {
		t.Fatalf("Bitbucket Delete: %v", err)
	}
	t.Logf("Bitbucket integration %s: created with workspaceAccessToken, deleted", created.ID)
}
