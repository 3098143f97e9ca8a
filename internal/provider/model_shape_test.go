package provider

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The schemas come from field specs (integration_schema.go) and the values
// from model structs written apart from them; a mismatch (a renamed tag, a
// field missing on one side, a wrong type) would otherwise show only when
// Terraform runs. These tests hold the two together without a Terraform
// binary: the framework's own reflection reads every type's schema into its
// model, and builds every nested object from its model.

// modelFitter is a served type that can check its model against its schema.
type modelFitter interface {
	modelFits(ctx context.Context) diag.Diagnostics
}

func (r *integrationResource[M, P, A]) modelFits(ctx context.Context) diag.Diagnostics {
	return resourceFitsModel[M](ctx, r.kind.schema())
}

func (d *integrationDataSource[D, P, A]) modelFits(ctx context.Context) diag.Diagnostics {
	var resp datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &resp)
	return dataSourceFitsModel[D](ctx, resp.Schema)
}

func (d *integrationsDataSource[I, A]) modelFits(ctx context.Context) diag.Diagnostics {
	var resp datasource.SchemaResponse
	d.Schema(ctx, datasource.SchemaRequest{}, &resp)
	if d.kind.installationURL != nil {
		return dataSourceFitsModel[integrationsListWithURLModel[I]](ctx, resp.Schema)
	}
	return dataSourceFitsModel[integrationsListModel[I]](ctx, resp.Schema)
}

func (r *customVCSRepositoryResource) modelFits(ctx context.Context) diag.Diagnostics {
	var resp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &resp)
	return resourceFitsModel[customVCSRepositoryModel](ctx, resp.Schema)
}

func (d *orgDataSource[M]) modelFits(ctx context.Context) diag.Diagnostics {
	return dataSourceFitsModel[M](ctx, d.schema)
}

// resourceFitsModel and dataSourceFitsModel read a value of the schema,
// every attribute null, into a new M: the framework refuses a struct whose
// tags and types do not match the schema's attributes one to one.
func resourceFitsModel[M any](ctx context.Context, s rschema.Schema) diag.Diagnostics {
	var m M
	return tfsdk.State{Schema: s, Raw: allNull(ctx, s.Type())}.Get(ctx, &m)
}

func dataSourceFitsModel[M any](ctx context.Context, s dschema.Schema) diag.Diagnostics {
	var m M
	return tfsdk.Config{Schema: s, Raw: allNull(ctx, s.Type())}.Get(ctx, &m)
}

// allNull is a known object of type t whose attributes are all null.
func allNull(ctx context.Context, t attr.Type) tftypes.Value {
	typ := t.TerraformType(ctx).(tftypes.Object) //nolint:forcetypeassert // a schema's type is an object
	nulls := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for name, at := range typ.AttributeTypes {
		nulls[name] = tftypes.NewValue(at, nil)
	}
	return tftypes.NewValue(typ, nulls)
}

func TestModelsFitSchemas(t *testing.T) {
	ctx := context.Background()
	checked := 0
	for _, newResource := range resources() {
		r := newResource()
		f, ok := r.(modelFitter)
		if !ok {
			t.Errorf("resource %T has no modelFits: add one so its model is checked", r)
			continue
		}
		checked++
		for _, d := range f.modelFits(ctx) {
			t.Errorf("%s: %s: %s", typeNameOfResource(r), d.Summary(), d.Detail())
		}
	}
	for _, newDataSource := range dataSources() {
		ds := newDataSource()
		f, ok := ds.(modelFitter)
		if !ok {
			t.Errorf("data source %T has no modelFits: add one so its model is checked", ds)
			continue
		}
		checked++
		for _, d := range f.modelFits(ctx) {
			t.Errorf("%s: %s: %s", typeNameOfDataSource(ds), d.Summary(), d.Detail())
		}
	}
	if checked == 0 {
		t.Fatal("no type was checked")
	}
}

func typeNameOfResource(r resource.Resource) string {
	var resp resource.MetadataResponse
	r.Metadata(context.Background(), resource.MetadataRequest{ProviderTypeName: "pulumicloud"}, &resp)
	return resp.TypeName
}

func typeNameOfDataSource(d datasource.DataSource) string {
	var resp datasource.MetadataResponse
	d.Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "pulumicloud"}, &resp)
	return resp.TypeName
}

// nestedModels pairs every nested object's field specs with the model
// struct its values are built from.
var nestedModels = []struct {
	name   string
	fields []fieldSpec
	model  any
}{
	{"auth_user", authUserFields, authUserModel{}},
	{"gitlab_org", gitLabOrgFields, gitLabOrgModel{}},
	{"azure_devops organization", azureDevOpsOrgFields, azureDevOpsOrgModel{}},
	{"azure_devops project", azureDevOpsProjectFields, azureDevOpsProjectModel{}},
	{"permission_requirements", gitHubPermissionRequirementFields, gitHubPermissionRequirementModel{}},
	{"gh_urls", gitHubAppURLFields, gitHubAppURLsModel{}},
	{"custom VCS repositories", customVCSRepositoryFields, customVCSRepositoryItem{}},
}

func TestNestedModelsFitFieldSpecs(t *testing.T) {
	ctx := context.Background()
	for _, n := range nestedModels {
		if _, d := types.ObjectValueFrom(ctx, attrTypes(n.fields), n.model); d.HasError() {
			for _, e := range d.Errors() {
				t.Errorf("%s: %T does not fit its field specs: %s: %s", n.name, n.model, e.Summary(), e.Detail())
			}
		}
	}
}

// TestNestedFieldSpecsHaveModels finds every nested object of every kind's
// field specs, however deep, and requires a nestedModels entry of the same
// shape, so a new nested object cannot be added without its check.
func TestNestedFieldSpecsHaveModels(t *testing.T) {
	known := map[string]bool{}
	for _, n := range nestedModels {
		known[shapeKey(n.fields)] = true
	}
	var walk func(where string, fields []fieldSpec)
	walk = func(where string, fields []fieldSpec) {
		for _, f := range fields {
			if f.typ != fieldObject && f.typ != fieldList {
				continue
			}
			if !known[shapeKey(f.nested)] {
				t.Errorf("%s.%s is a nested object with no entry in nestedModels", where, f.name)
			}
			walk(where+"."+f.name, f.nested)
		}
	}
	for name, fields := range map[string][]fieldSpec{
		"github": gitHubFields, "gitlab": gitLabFields, "bitbucket": bitbucketFields,
		"azure_devops": azureDevOpsFields, "azure_devops (get only)": azureDevOpsGetOnlyFields,
		"custom_vcs": concatFields(customVCSFields, []fieldSpec{customVCSRepositoriesField}),
	} {
		walk(name, fields)
	}
}

// shapeKey names a nested object by its attribute names and types.
func shapeKey(fields []fieldSpec) string {
	var parts []string
	for name, t := range attrTypes(fields) {
		parts = append(parts, name+":"+t.String())
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}
