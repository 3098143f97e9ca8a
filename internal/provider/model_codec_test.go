package provider

import (
	"context"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/fwtype"
)

// The codec must convert exactly as the framework's tfsdk Get and Set do,
// for every integration model, with nested objects and lists set, null and
// unknown.
func TestModelCodecMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	user := &client.User{ID: "u1", GitHubLogin: "jdoe", Name: "J Doe", Email: "j@example.com", AvatarURL: "https://a/u1"}

	var gl gitLabIntegrationModel
	gitLabKind.fromAPI(ctx, &client.GitLabIntegration{ID: "g1", GitLabGroupID: 7001, GroupName: "Platform", GroupPath: "acme/platform",
		Installed: true, GitLabOrg: &client.GitLabAppOrganization{ID: 7001, Name: "Platform"}, AuthUser: user, DisableNeoSummaries: true}, &gl)
	gl.setIdentity("acme", "g1")
	checkCodec(t, "gitlab", NewGitLabIntegrationResource(), &gl)

	var glUnknown gitLabIntegrationModel
	gitLabKind.fromAPI(ctx, &client.GitLabIntegration{ID: "g2", GitLabGroupID: 7002}, &glUnknown) // gitlab_org, auth_user null
	glUnknown.ID, glUnknown.IntegrationID = types.StringUnknown(), types.StringUnknown()
	glUnknown.GroupPath = fwtype.CaseInsensitiveString{StringValue: types.StringUnknown()}
	glUnknown.Organization = types.StringValue("acme")
	checkCodec(t, "gitlab unknown", NewGitLabIntegrationResource(), &glUnknown)

	var gh gitHubIntegrationModel
	gitHubKind(client.GitHubDotCom).fromAPI(ctx, &client.GitHubIntegration{ID: "h1", InstallationID: 41, AccountName: "acme-inc",
		NeoGitHubAppPermissionRequirements: []client.GitHubAppPermissionRequirement{{Name: "Checks", Required: "ReadWrite", Actual: "ReadOnly"}},
		GHURLs:                             &client.GitHubAppURLs{InstallationURL: "https://github.com/apps/x"}}, &gh)
	gh.setIdentity("acme", "h1")
	checkCodec(t, "github", NewGitHubIntegrationResource(), &gh)

	var bb bitbucketIntegrationModel
	bitbucketKind.fromAPI(ctx, &client.BitbucketIntegration{ID: "b1", WorkspaceUUID: "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}", WorkspaceSlug: "acme", AuthUser: user}, &bb)
	bb.setIdentity("acme", "b1")
	bb.UseUserAuth, bb.WorkspaceAccessTokenWOVersion = types.BoolValue(true), types.Int64Null()
	checkCodec(t, "bitbucket", NewBitbucketIntegrationResource(), &bb)

	var ado azureDevOpsIntegrationModel
	yes := true
	azureDevOpsKind.fromAPI(ctx, &client.AzureDevOpsIntegration{ID: "a1", Installed: true, DisableCodeAccessForReviews: &yes,
		Organization: &client.AzureDevOpsOrganization{ID: "o1", Name: "contoso"}, Project: &client.AzureDevOpsProject{ID: "p1", Name: "web"}}, &ado)
	ado.setIdentity("acme", "a1")
	checkCodec(t, "azure devops", NewAzureDevOpsIntegrationResource(), &ado)
}

// checkCodec sets m through the framework, then holds the codec's decode
// and encode to the framework's Get and Set.
func checkCodec[M any](t *testing.T, name string, r resource.Resource, m *M) {
	t.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	// A configuration without timeouts: a null object of the attribute's type.
	tt, _ := sr.Schema.Attributes["timeouts"].GetType().(attr.TypeWithAttributeTypes)
	any(m).(interface{ operationTimeouts() *timeouts.Value }).operationTimeouts().Object = types.ObjectNull(tt.AttributeTypes())
	state := tfsdk.State{Schema: sr.Schema}
	if d := state.Set(ctx, m); d.HasError() {
		t.Fatalf("%s: framework Set: %v", name, d)
	}
	codec, err := codecFor(ctx, "test "+name, reflect.TypeFor[M](), sr.Schema)
	if err != nil {
		t.Fatalf("%s: the model does not fit the codec: %v", name, err)
	}
	encoded, err := codec.encode(ctx, m)
	if err != nil {
		t.Fatalf("%s: encode: %v", name, err)
	}
	if !encoded.Equal(state.Raw) {
		t.Fatalf("%s: encode differs from the framework's Set:\n%s\nvs\n%s", name, encoded, state.Raw)
	}
	var viaCodec, viaFramework M
	if err := codec.decode(ctx, state.Raw, &viaCodec); err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	if d := state.Get(ctx, &viaFramework); d.HasError() {
		t.Fatalf("%s: framework Get: %v", name, d)
	}
	if !reflect.DeepEqual(viaCodec, viaFramework) {
		t.Fatalf("%s: decode differs from the framework's Get:\n%+v\nvs\n%+v", name, viaCodec, viaFramework)
	}
}

// A model that does not fit (an untagged field, a plain Go type) is refused,
// so that callers use the framework.
func TestModelCodecRefusesOtherModels(t *testing.T) {
	ctx := context.Background()
	var sr resource.SchemaResponse
	NewGitLabIntegrationResource().Schema(ctx, resource.SchemaRequest{}, &sr)
	type plain struct {
		ID string `tfsdk:"id"`
	}
	if _, err := codecFor(ctx, "test plain", reflect.TypeFor[plain](), sr.Schema); err == nil {
		t.Fatal("a model with a plain string field was accepted")
	}
	type partial struct {
		ID types.String `tfsdk:"id"`
	}
	if _, err := codecFor(ctx, "test partial", reflect.TypeFor[partial](), sr.Schema); err == nil {
		t.Fatal("a model covering part of the schema was accepted")
	}
	type withHidden struct {
		gitLabIntegrationModel
		noted string // unexported: not part of the value, as for the framework
	}
	_ = withHidden{}.noted
	if _, err := codecFor(ctx, "test hidden", reflect.TypeFor[withHidden](), sr.Schema); err != nil {
		t.Fatalf("an unexported field was not skipped: %v", err)
	}
	type unknownAttr struct {
		Nope types.String `tfsdk:"nope"`
	}
	if _, err := codecFor(ctx, "test unknown", reflect.TypeFor[unknownAttr](), sr.Schema); err == nil {
		t.Fatal("a model with an attribute outside the schema was accepted")
	}
}

func TestNestedObjectMatchesTheFramework(t *testing.T) {
	ctx := context.Background()
	u := authUserModel{ID: types.StringValue("u1"), GitHubLogin: types.StringValue("jdoe"), Name: types.StringNull(),
		Email: types.StringUnknown(), AvatarURL: types.StringValue("https://a")}
	got, d1 := nestedObject(ctx, authUserTypes, u)
	want, d2 := types.ObjectValueFrom(ctx, authUserTypes, u)
	if d1.HasError() || d2.HasError() || !got.Equal(want) {
		t.Fatalf("nestedObject = %v (%v), the framework %v (%v)", got, d1, want, d2)
	}
	// A model of the wrong shape fails as the framework's does.
	if _, d := nestedObject(ctx, gitLabOrgTypes, u); !d.HasError() {
		t.Fatal("an auth_user model was accepted as a gitlab_org")
	}
}
