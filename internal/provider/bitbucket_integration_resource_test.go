package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

const bitbucketAddr = "pulumicloud_bitbucket_integration.test"

// Seeded Bitbucket workspaces (emulator.SeedBitbucketWorkspaces).
const (
	acmeWebUUID    = "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"
	acmeMobileUUID = "{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}"
	acmeToolsUUID  = "{2e8b3a4c-5d6f-4e7a-8b12-c3d4e5f6a7b3}"
)

const bbTokenV1 = `  workspace_access_token_wo         = "bb-token-one"
  workspace_access_token_wo_version = 1`

func TestAccBitbucketIntegration_lifecycle(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var id string
	uuid := acmeWebUUID
	updated := env.providerConfig() + bitbucketConfig(uuid, "acme-web", bbTokenV1+`
  disable_detailed_diff = true`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("bitbucket", "pulumicloud_bitbucket_integration"),
		Steps: slices.Concat([]resource.TestStep{
			{
				Config:           env.providerConfig() + bitbucketConfig(uuid, "acme-web", bbTokenV1),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_uuid"), knownvalue.StringExact(uuid)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_name"), knownvalue.StringExact("Acme Web")),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("auth_type"), knownvalue.StringExact("workspace_token")),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("auth_user"), knownvalue.Null()),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("installed"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("valid"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("avatar_url"), knownvalue.StringExact("https://bitbucket.org/workspaces/acme-web/avatar/")),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("use_user_auth"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_access_token_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_access_token_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_access_token"), knownvalue.Null()),
				},
				Check: captureAttr(bitbucketAddr, "integration_id", &id),
			},
			{
				Config:           updated,
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionUpdate),
				Check:            env.emuCheck("bitbucket", &id, map[string]any{"disableDetailedDiff": true}),
			},
			{
				ResourceName: bitbucketAddr, ImportState: true, ImportStateVerify: true,
				// Write-only and create-only secrets: the API never answers them.
				ImportStateVerifyIgnore: []string{"workspace_access_token_wo_version"},
			},
		}, outOfBand{
			env: env, kind: "bitbucket", addr: bitbucketAddr, config: updated,
			flip:     map[string]any{"disableDetailedDiff": false, "disablePRComments": true},
			restored: map[string]any{"disableDetailedDiff": true, "disablePRComments": false},
		}.steps(t, &id), []resource.TestStep{
			{ // rotating the write-only token replaces the integration
				Config: env.providerConfig() + bitbucketConfig(uuid, "acme-web", `  workspace_access_token_wo         = "bb-token-two"
  workspace_access_token_wo_version = 2
  disable_detailed_diff = true`),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionDestroyBeforeCreate),
			},
			{ // another workspace, with the user's own token: replace
				Config:           env.providerConfig() + bitbucketConfig(acmeMobileUUID, "acme-mobile", `  use_user_auth = true`),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("auth_type"), knownvalue.StringExact("user_token")),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("auth_user").AtMapKey("email"), knownvalue.StringExact("jdoe@acme.example")),
				},
			},
			{ResourceName: bitbucketAddr, ImportState: true, ImportStateVerify: true},
		}),
	})
}

// The UUID spelled without braces and in upper case: the API answers the
// canonical form, and no diff may follow.
func TestAccBitbucketIntegration_uuidSpelling(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	uuid := strings.ToUpper(strings.Trim(acmeWebUUID, "{}"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("bitbucket", "pulumicloud_bitbucket_integration"),
		Steps: []resource.TestStep{
			{
				Config:           env.providerConfig() + bitbucketConfig(uuid, "acme-web", `  use_user_auth = true`),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_uuid"), knownvalue.StringExact(uuid)),
				},
			},
			{ // the canonical spelling is the same workspace: no replacement
				Config:           env.providerConfig() + bitbucketConfig(acmeWebUUID, "acme-web", `  use_user_auth = true`),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionUpdate),
			},
		},
	})
}

// The sensitive (not write-only) token, for Terraform < 1.11 and bridges.
func TestAccBitbucketIntegration_sensitiveToken(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	cfg := env.providerConfig() + bitbucketConfig(acmeMobileUUID, "acme-mobile", `  workspace_access_token = "bb-classic-token"`)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("bitbucket", "pulumicloud_bitbucket_integration"),
		Steps: []resource.TestStep{
			{
				Config:           cfg,
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectSensitiveValue(bitbucketAddr, tfjsonpath.New("workspace_access_token")),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("auth_type"), knownvalue.StringExact("workspace_token")),
				},
			},
			{
				ResourceName: bitbucketAddr, ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"workspace_access_token"},
			},
			{ // a new token replaces
				Config:           env.providerConfig() + bitbucketConfig(acmeMobileUUID, "acme-mobile", `  workspace_access_token = "bb-classic-token-2"`),
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionDestroyBeforeCreate),
			},
		},
	})
}

// After an import the token version is null: setting it must not replace
// the integration.
func TestAccBitbucketIntegration_importThenVersion(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	var seeded string
	for _, in := range env.emu.Integrations(testOrg, "bitbucket") {
		if in["workspaceSlug"] == emulator.SeedIntegratedBitbucketSlug {
			seeded, _ = in["id"].(string)
		}
	}
	if seeded == "" {
		t.Fatal("no seeded Bitbucket integration")
	}
	cfg := env.providerConfig() + bitbucketConfig(acmeToolsUUID, "acme-tools", bbTokenV1)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("bitbucket", "pulumicloud_bitbucket_integration"),
		Steps: []resource.TestStep{
			{
				Config:             cfg,
				ResourceName:       bitbucketAddr,
				ImportState:        true,
				ImportStateId:      testOrg + "/" + seeded,
				ImportStatePersist: true,
				ImportStateCheck: func(s []*terraform.InstanceState) error {
					if len(s) != 1 || s[0].Attributes["workspace_slug"] != "acme-tools" || s[0].Attributes["use_user_auth"] != "false" {
						return fmt.Errorf("unexpected imported state: %v", s)
					}
					return nil
				},
			},
			{
				Config:           cfg,
				ConfigPlanChecks: expectAction(bitbucketAddr, plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("integration_id"), knownvalue.StringExact(seeded)),
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_access_token_wo_version"), knownvalue.Int64Exact(1)),
				},
			},
		},
	})
}

func TestAccBitbucketIntegration_badImportID(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:        env.providerConfig() + bitbucketConfig(acmeToolsUUID, "acme-tools", bbTokenV1),
			ResourceName:  bitbucketAddr,
			ImportState:   true,
			ImportStateId: "not-an-import-id",
			ExpectError:   regexp.MustCompile(`(?s)Invalid Import ID.*<organization>/<integration_id>`),
		}},
	})
	if n := env.requestCount(); n != 0 {
		t.Errorf("%d requests for a malformed import id, want 0", n)
	}
}

func TestBitbucketIntegrationFromAPI(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a := &client.BitbucketIntegration{
		ID: "b1", WorkspaceUUID: "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}", WorkspaceSlug: "acme-web", WorkspaceName: "Acme Web",
		Installed: true, Valid: true, AuthType: "user_token", AuthUser: &client.User{ID: "u1", GitHubLogin: "jdoe", Email: "j@x"},
		DisableNeoSummaries: true,
	}
	// The configured spelling of the same UUID is kept (by the framework,
	// through the type's semantic equality).
	configured := fwtype.WorkspaceUUIDValue("0C6F1E2A-3B4D-4C5E-8F90-A1B2C3D4E5F1")
	m := bitbucketIntegrationFields{WorkspaceUUID: configured}
	if diags := bitbucketIntegrationFromAPI(ctx, a, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if same, _ := configured.StringSemanticEquals(ctx, m.WorkspaceUUID); !same {
		t.Errorf("configured spelling %v is not semantically equal to the answer %v", configured, m.WorkspaceUUID)
	}
	if m.WorkspaceSlug.ValueString() != "acme-web" ||
		m.AuthType.ValueString() != "user_token" || !m.DisableNeoSummaries.ValueBool() || m.DisablePRComments.ValueBool() {
		t.Errorf("unexpected mapping: %+v", m)
	}
	var u authUserModel
	if diags := m.AuthUser.As(ctx, &u, basetypes.ObjectAsOptions{}); diags.HasError() || u.GitHubLogin.ValueString() != "jdoe" {
		t.Errorf("auth_user = %+v (%v)", u, diags)
	}
	// A different workspace replaces the prior value.
	other := fwtype.WorkspaceUUIDValue("{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}")
	m2 := bitbucketIntegrationFields{WorkspaceUUID: other}
	_ = bitbucketIntegrationFromAPI(ctx, &client.BitbucketIntegration{WorkspaceUUID: a.WorkspaceUUID}, &m2)
	if same, _ := other.StringSemanticEquals(ctx, m2.WorkspaceUUID); same || m2.WorkspaceUUID.ValueString() != a.WorkspaceUUID || !m2.AuthUser.IsNull() {
		t.Errorf("unexpected mapping: %+v", m2)
	}

	// The resource infers use_user_auth after an import, and never stores the write-only token.
	var rm bitbucketIntegrationModel
	rm.WorkspaceAccessTokenWO = types.StringValue("leak")
	if diags := bitbucketKind.fromAPI(ctx, a, &rm); diags.HasError() {
		t.Fatal(diags)
	}
	if !rm.UseUserAuth.ValueBool() || !rm.WorkspaceAccessTokenWO.IsNull() {
		t.Errorf("use_user_auth=%v token_wo=%v", rm.UseUserAuth, rm.WorkspaceAccessTokenWO)
	}
}

// noSecretPlan fails when the plan JSON (terraform show -json of the plan)
// holds secret anywhere.
type noSecretPlan struct{ secret string }

func (c noSecretPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	b, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	if bytes.Contains(b, []byte(c.secret)) {
		resp.Error = fmt.Errorf("the plan JSON contains the secret")
	}
}

// noSecretState fails when the state JSON (terraform show -json) holds secret.
type noSecretState struct{ secret string }

func (c noSecretState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	b, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if bytes.Contains(b, []byte(c.secret)) {
		resp.Error = fmt.Errorf("the state JSON contains the secret")
	}
}

// The write-only token reaches Pulumi Cloud and nothing else: not the state
// file (nor its backups), not the plan (file or JSON), not a TF_LOG=trace log
// of the CLI and the provider. The provider's access token is not in the log
// either. Not parallel: it sets environment variables for terraform and for
// the provider's log sink.
func TestAccBitbucketIntegration_tokenNeverStored(t *testing.T) {
	const token = "BBTOKEN-d41f7c2e-never-store-me"
	dir := t.TempDir()
	logPath := filepath.Join(dir, "trace.log")
	workDir := filepath.Join(dir, "work")
	if err := os.MkdirAll(workDir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_ACC_TEMP_DIR", workDir)
	t.Setenv("TF_ACC_PERSIST_WORKING_DIR", "1")
	t.Setenv("TF_VAR_bb_token", token)
	// The access token comes from the environment: the test harness itself
	// logs the configuration text at trace level.
	t.Setenv(envAccessToken, emulator.DefaultToken)

	env := newTestEnv(t, emulator.Options{})
	cfg := func(extra string) string {
		return fmt.Sprintf(`
provider "pulumicloud" {
  api_url      = %q
  organization = %q
}
`, env.url, testOrg) + `
variable "bb_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "pulumicloud_bitbucket_integration" "test" {
  workspace_uuid                    = "` + acmeWebUUID + `"
  workspace_slug                    = "acme-web"
  workspace_access_token_wo         = var.bb_token
  workspace_access_token_wo_version = 1
` + extra + `
}
`
	}
	noSecret := []plancheck.PlanCheck{noSecretPlan{token}}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		CheckDestroy:             env.checkIntegrationsGone("bitbucket", "pulumicloud_bitbucket_integration"),
		Steps: []resource.TestStep{
			{
				Config: cfg(""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(bitbucketAddr, plancheck.ResourceActionCreate)}, noSecret...),
					PostApplyPostRefresh: append([]plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}, noSecret...),
				},
				ConfigStateChecks: []statecheck.StateCheck{
					noSecretState{token},
					statecheck.ExpectKnownValue(bitbucketAddr, tfjsonpath.New("workspace_access_token_wo"), knownvalue.Null()),
				},
			},
			{
				Config: cfg("  disable_pr_comments = true"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             append([]plancheck.PlanCheck{plancheck.ExpectResourceAction(bitbucketAddr, plancheck.ResourceActionUpdate)}, noSecret...),
					PostApplyPostRefresh: append([]plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}, noSecret...),
				},
				ConfigStateChecks: []statecheck.StateCheck{noSecretState{token}},
			},
		},
	})

	// The token did reach Pulumi Cloud (so its absence elsewhere means
	// something); the emulator's log shows it redacted.
	if !env.emu.SecretReceived(token) {
		t.Fatal("the create never sent the token")
	}

	log, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"pulumicloud_http", "creating Bitbucket integration", "[TRACE]"} {
		if !bytes.Contains(log, []byte(want)) {
			t.Errorf("the trace log lacks %q: is it capturing the CLI and the provider?", want)
		}
	}
	for name, secret := range map[string]string{"the Bitbucket token": token, "the access token": emulator.DefaultToken} {
		if i := bytes.Index(log, []byte(secret)); i >= 0 {
			t.Errorf("the trace log contains %s: …%s…", name, log[max(0, i-200):min(len(log), i+len(secret)+50)])
		}
	}

	files, states := 0, 0
	err = filepath.WalkDir(workDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 { // provider plugin links
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		if d.Name() == "terraform.tfstate" {
			states++
		}
		if bytes.Contains(b, []byte(token)) {
			t.Errorf("%s contains the Bitbucket token", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 || states == 0 {
		t.Errorf("scanned %d working-directory files, %d state files: want some of each", files, states)
	}
}
