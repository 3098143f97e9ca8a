package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// TestEveryResourceHasAnIdentity: every resource the provider serves has an
// identity with organization (optional on import) and integration_id
// (required), and every integration kind is also a list resource whose
// config takes an optional organization. A kind added later gets both by
// being a kind of the shared lifecycle; this test holds it to that.
func TestEveryResourceHasAnIdentity(t *testing.T) {
	server := providerserver.NewProtocol6(New("test")())()
	ctx := context.Background()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	idents, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range append(schemas.Diagnostics, idents.Diagnostics...) {
		t.Errorf("diagnostic: %s: %s", d.Summary, d.Detail)
	}
	kinds := 0
	for name := range schemas.ResourceSchemas {
		ident := idents.IdentitySchemas[name]
		if ident == nil {
			t.Errorf("%s: no identity schema", name)
			continue
		}
		attrs := map[string]*tfprotov6.ResourceIdentitySchemaAttribute{}
		for _, a := range ident.IdentityAttributes {
			attrs[a.Name] = a
		}
		if a := attrs["integration_id"]; a == nil || !a.RequiredForImport || !a.Type.Is(tftypes.String) {
			t.Errorf("%s: identity integration_id = %+v, want a string required for import", name, a)
		}
		if a := attrs["organization"]; a == nil || !a.OptionalForImport || !a.Type.Is(tftypes.String) {
			t.Errorf("%s: identity organization = %+v, want a string optional for import", name, a)
		}
		if !strings.HasSuffix(name, "_integration") {
			continue
		}
		kinds++
		list := schemas.ListResourceSchemas[name]
		if list == nil {
			t.Errorf("%s: not a list resource", name)
			continue
		}
		var org *tfprotov6.SchemaAttribute
		for _, a := range list.Block.Attributes {
			if a.Name == "organization" {
				org = a
			}
		}
		if org == nil || !org.Optional || org.Description == "" {
			t.Errorf("%s: list config organization = %+v, want an optional, described attribute", name, org)
		}
	}
	if kinds < 5 {
		t.Errorf("%d integration kinds, want at least 5", kinds)
	}
	if len(schemas.ListResourceSchemas) != kinds {
		t.Errorf("%d list resources for %d integration kinds", len(schemas.ListResourceSchemas), kinds)
	}
}

// TestImportTarget: the string id and the identity name the same
// integration, an identity without organization takes the provider's, and
// bad ones are refused with the usage.
func TestImportTarget(t *testing.T) {
	ctx := context.Background()
	identSchema := integrationIdentitySchema()
	identity := func(org, id *string) *tfsdk.ResourceIdentity {
		str := func(v *string) tftypes.Value {
			if v == nil {
				return tftypes.NewValue(tftypes.String, nil)
			}
			return tftypes.NewValue(tftypes.String, *v)
		}
		typ := identSchema.Type().TerraformType(ctx)
		return &tfsdk.ResourceIdentity{Schema: identSchema, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
			"organization": str(org), "integration_id": str(id),
		})}
	}
	p := func(s string) *string { return &s }
	for _, tc := range []struct {
		name            string
		req             resource.ImportStateRequest
		defaultOrg      string
		wantOrg, wantID string
		wantErr         string
	}{
		{name: "string id", req: resource.ImportStateRequest{ID: "acme/abc"}, wantOrg: "acme", wantID: "abc"},
		{name: "string id without org", req: resource.ImportStateRequest{ID: "abc"}, wantErr: "Invalid Import ID"},
		{name: "string id with two slashes", req: resource.ImportStateRequest{ID: "acme/a/b"}, wantErr: "Invalid Import ID"},
		{name: "identity", req: resource.ImportStateRequest{Identity: identity(p("other"), p("abc"))}, defaultOrg: "acme", wantOrg: "other", wantID: "abc"},
		{name: "identity without org", req: resource.ImportStateRequest{Identity: identity(nil, p("abc"))}, defaultOrg: "acme", wantOrg: "acme", wantID: "abc"},
		{name: "identity without any org", req: resource.ImportStateRequest{Identity: identity(nil, p("abc"))}, wantErr: "Missing Pulumi Organization"},
		{name: "identity id with slash", req: resource.ImportStateRequest{Identity: identity(p("acme"), p("a/b"))}, wantErr: "Invalid Import Identity"},
		{name: "identity bad org", req: resource.ImportStateRequest{Identity: identity(p("-x"), p("abc"))}, wantErr: "Invalid Import Identity"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newIntegrationResource[gitLabIntegrationModel, *gitLabIntegrationModel](gitLabKind)
			r.data = &providerData{organization: tc.defaultOrg}
			var diags diag.Diagnostics
			org, id := r.importTarget(ctx, tc.req, &diags)
			if tc.wantErr != "" {
				if !diags.HasError() || !strings.Contains(diags.Errors()[0].Summary(), tc.wantErr) {
					t.Errorf("diagnostics %v, want %q", diags, tc.wantErr)
				}
				return
			}
			if diags.HasError() || org != tc.wantOrg || id != tc.wantID {
				t.Errorf("got %q %q %v, want %q %q", org, id, diags, tc.wantOrg, tc.wantID)
			}
		})
	}
}

func TestGitLabUserAuthFromAPI(t *testing.T) {
	user := &client.User{ID: "u1"}
	for _, tc := range []struct {
		name string
		a    client.GitLabIntegration
		want string
	}{
		{"user token", client.GitLabIntegration{AuthUser: user}, "true"},
		{"group token", client.GitLabIntegration{GroupAccessTokenExpiration: "2027-01-01T00:00:00Z"}, "false"},
		{"neither tells", client.GitLabIntegration{}, "<null>"},
		{"both", client.GitLabIntegration{AuthUser: user, GroupAccessTokenExpiration: "2027-01-01T00:00:00Z"}, "<null>"},
	} {
		if got := gitLabUserAuthFromAPI(&tc.a).String(); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestBitbucketUserAuthFromAPI(t *testing.T) {
	for authType, want := range map[string]string{
		"user_token": "true", "workspace_token": "false", "pat": "false", "": "<null>", "something_new": "<null>",
	} {
		a := client.BitbucketIntegration{AuthType: authType, AuthUser: &client.User{ID: "u"}}
		if got := bitbucketUserAuthFromAPI(&a).String(); got != want {
			t.Errorf("authType %q: %s, want %s", authType, got, want)
		}
	}
}

// TestCreateOnlyModifier: the default on create, a replacement when the
// value changes, and "as it is" when the state does not know the value
// since an import: no replacement, null kept when unset, a warning when set.
func TestCreateOnlyModifier(t *testing.T) {
	ctx := context.Background()
	present := tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})
	absent := tftypes.NewValue(tftypes.Object{}, nil)
	null, yes, no := types.BoolNull(), types.BoolValue(true), types.BoolValue(false)
	for _, tc := range []struct {
		name                string
		exists              bool
		state, config, plan types.Bool // plan: what Terraform proposes
		want                types.Bool
		replace, warn       bool
	}{
		{name: "create, unset", config: null, plan: types.BoolUnknown(), want: no},
		{name: "create, set", config: yes, plan: yes, want: yes},
		{name: "unchanged", exists: true, state: yes, config: yes, plan: yes, want: yes},
		{name: "changed", exists: true, state: no, config: yes, plan: yes, want: yes, replace: true},
		{name: "unset again", exists: true, state: yes, config: null, plan: yes, want: no, replace: true},
		{name: "not known since import, unset", exists: true, state: null, config: null, plan: null, want: null},
		{name: "not known since import, unset, other changes", exists: true, state: null, config: null, plan: types.BoolUnknown(), want: null},
		{name: "not known since import, set", exists: true, state: null, config: yes, plan: yes, want: yes, warn: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stateRaw := absent
			if tc.exists {
				stateRaw = present
			}
			req := planmodifier.BoolRequest{
				Path:       path.Root("use_user_gitlab_auth"),
				State:      tfsdk.State{Raw: stateRaw},
				Plan:       tfsdk.Plan{Raw: present},
				Config:     tfsdk.Config{Raw: present},
				StateValue: tc.state, ConfigValue: tc.config, PlanValue: tc.plan,
			}
			resp := &planmodifier.BoolResponse{PlanValue: tc.plan}
			createOnlyModifier{}.PlanModifyBool(ctx, req, resp)
			if !resp.PlanValue.Equal(tc.want) || resp.RequiresReplace != tc.replace || (resp.Diagnostics.WarningsCount() > 0) != tc.warn {
				t.Errorf("plan %v, replace %v, diagnostics %v; want %v, %v, warning %v",
					resp.PlanValue, resp.RequiresReplace, resp.Diagnostics, tc.want, tc.replace, tc.warn)
			}
			if resp.Diagnostics.HasError() {
				t.Errorf("errors: %v", resp.Diagnostics)
			}
		})
	}
}
