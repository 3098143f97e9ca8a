package bridge

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	pfgen "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"
	"github.com/pulumi/pulumi-terraform-bridge/v3/pkg/tfbridge"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pkg/pulumicloud"
)

// The numbers of resource and data source types the provider serves
// (internal/provider/registry.go); the test fails when they drift, so that a
// new type is looked at here too.
const (
	wantResources   = 7
	wantDataSources = 24
)

// generated is a package schema generated in-process, with the mapping it
// was generated from and what the generator reported.
type generated struct {
	info   tfbridge.ProviderInfo
	spec   schema.PackageSpec
	diags  string // everything the generator reported, errors and warnings
	errors int
}

func generate(t *testing.T) *generated {
	t.Helper()
	info := ProviderInfo(t.Context())
	var stdout, stderr bytes.Buffer
	sink := &countingSink{Sink: diag.DefaultSink(&stdout, &stderr, diag.FormatOptions{Color: colors.Never})}
	res, err := pfgen.GenerateSchema(t.Context(), pfgen.GenerateSchemaOptions{
		ProviderInfo:    info,
		DiagnosticsSink: sink,
		// Docs from the schema descriptions only: never look for (or fetch) a
		// docs repository.
		XInMemoryDocs: true,
	})
	g := &generated{info: info, diags: stdout.String() + stderr.String(), errors: sink.errors}
	if err != nil {
		t.Fatalf("GenerateSchema: %v\n%s", err, g.diags)
	}
	if err := json.Unmarshal(res.ProviderMetadata.PackageSchema, &g.spec); err != nil {
		t.Fatalf("decoding the generated package schema: %v", err)
	}
	return g
}

// TestSchema generates the Pulumi package schema in-process (as `tfgen
// schema` does, without plugins or network) and checks that every type maps
// through the bridge without overrides.
func TestSchema(t *testing.T) {
	g := generate(t)
	if g.errors > 0 {
		t.Fatalf("schema generation reported %d error(s):\n%s", g.errors, g.diags)
	}
	if strings.TrimSpace(g.diags) != "" {
		t.Logf("generator diagnostics (warnings):\n%s", g.diags)
	}

	ctx := t.Context()
	p := pulumicloud.NewProvider("test")()
	resources := frameworkEntities(ctx, t, p, false)
	dataSources := frameworkEntities(ctx, t, p, true)
	if len(resources) != wantResources || len(dataSources) != wantDataSources {
		t.Fatalf("the provider serves %d resources and %d data sources; this test expects %d and %d",
			len(resources), len(dataSources), wantResources, wantDataSources)
	}

	t.Run("every resource is in the schema", func(t *testing.T) {
		if len(g.spec.Resources) != wantResources {
			t.Errorf("schema has %d resources, want %d: %v", len(g.spec.Resources), wantResources, sortedKeys(g.spec.Resources))
		}
		for name, e := range resources {
			tok := g.resourceToken(t, name)
			res, ok := g.spec.Resources[tok]
			if !ok {
				t.Errorf("%s: no resource %s in the schema", name, tok)
				continue
			}
			// Every Terraform attribute is an input, an output or both, under
			// its camelCase name; "id" is Pulumi's own (not a property).
			props := map[string]schema.TypeSpec{}
			for k, v := range res.InputProperties {
				props[k] = v.TypeSpec
			}
			for k, v := range res.Properties {
				props[k] = v.TypeSpec
			}
			attrs := maps.Clone(e.attrs)
			delete(attrs, "id")
			compareProperties(t, &g.spec, name, attrs, props)
		}
	})

	t.Run("every data source is in the schema", func(t *testing.T) {
		// Besides the data sources the bridge adds one function of its own,
		// the provider's terraformConfig method.
		var fns []string
		for tok := range g.spec.Functions {
			if strings.HasPrefix(tok, "pulumicloud:") {
				fns = append(fns, tok)
			}
		}
		if len(fns) != wantDataSources {
			t.Errorf("schema has %d pulumicloud functions, want %d: %v", len(fns), wantDataSources, fns)
		}
		for name, e := range dataSources {
			tok := g.dataSourceToken(t, name)
			fn, ok := g.spec.Functions[tok]
			if !ok {
				t.Errorf("%s: no function %s in the schema", name, tok)
				continue
			}
			props := map[string]schema.TypeSpec{}
			if fn.Inputs != nil {
				for k, v := range fn.Inputs.Properties {
					props[k] = v.TypeSpec
				}
			}
			for k, v := range functionOutputs(fn) {
				props[k] = v.TypeSpec
			}
			compareProperties(t, &g.spec, name, e.attrs, props)
		}
	})

	// The bridge's default id mapping works for every resource: no
	// ComputeID and no "id" field override was needed. check.Provider, run by
	// GenerateSchema, sets a MissingID ComputeID on resources without an "id"
	// attribute and fails on an "id" that is not a computed-only string.
	t.Run("id maps by default", func(t *testing.T) {
		for name, e := range resources {
			r := g.info.Resources[name]
			if r != nil && r.ComputeID != nil {
				t.Errorf("%s: the bridge needed a ComputeID (no usable \"id\" attribute)", name)
			}
			if r != nil && r.Fields["id"] != nil {
				t.Errorf("%s: an \"id\" field override is set", name)
			}
			if id := e.id; !id.present || !id.isString || !id.computed || id.optional || id.required {
				t.Errorf("%s: Terraform \"id\" is %+v, want a computed-only string", name, id)
			}
		}
	})

	t.Run("nested attributes are object types", func(t *testing.T) {
		checks := []struct {
			tfType, prop, kind string // kind: "object" or "array"
			resource           bool
		}{
			{"pulumicloud_gitlab_integration", "authUser", "object", true},
			{"pulumicloud_bitbucket_integration", "authUser", "object", true},
			{"pulumicloud_azure_devops_integration", "authUser", "object", true},
			{"pulumicloud_gitlab_integration", "authUser", "object", false},
			{"pulumicloud_vcs_repos", "repos", "array", false},
			{"pulumicloud_vcs_integrations", "integrations", "array", false},
		}
		for _, c := range checks {
			var prop schema.PropertySpec
			var ok bool
			if c.resource {
				prop, ok = g.spec.Resources[g.resourceToken(t, c.tfType)].Properties[c.prop]
			} else {
				prop, ok = functionOutputs(g.spec.Functions[g.dataSourceToken(t, c.tfType)])[c.prop]
			}
			if !ok {
				t.Errorf("%s: no property %q", c.tfType, c.prop)
				continue
			}
			ref := prop.Ref
			if c.kind == "array" {
				if prop.Type != "array" || prop.Items == nil {
					t.Errorf("%s.%s: type %q, want an array of objects", c.tfType, c.prop, prop.Type)
					continue
				}
				ref = prop.Items.Ref
			}
			obj, ok := objectType(&g.spec, ref)
			if !ok || len(obj.Properties) == 0 {
				t.Errorf("%s.%s: %s is not an object type with properties", c.tfType, c.prop, ref)
				continue
			}
			t.Logf("%s.%s: %s of %s {%s}", c.tfType, c.prop, c.kind, ref, strings.Join(sortedKeys(obj.Properties), ", "))
		}
	})

	t.Run("secrets", func(t *testing.T) {
		bb := g.spec.Resources[g.resourceToken(t, "pulumicloud_bitbucket_integration")]
		for _, p := range []string{"workspaceAccessToken", "workspaceAccessTokenWo"} {
			in, ok := bb.InputProperties[p]
			if !ok {
				t.Errorf("bitbucket: no input %q", p)
				continue
			}
			if !in.Secret {
				t.Errorf("bitbucket: input %q is not secret", p)
			}
		}
		cfg, ok := g.spec.Config.Variables["accessToken"]
		if !ok || !cfg.Secret {
			t.Errorf("provider config accessToken: present %v, secret %v; want a secret", ok, cfg.Secret)
		}
	})

	t.Run("provider config", func(t *testing.T) {
		var sr fwprovider.SchemaResponse
		p.Schema(ctx, fwprovider.SchemaRequest{}, &sr)
		attrs := map[string]tftypes.Type{}
		for k, a := range sr.Schema.Attributes {
			attrs[k] = a.GetType().TerraformType(ctx)
		}
		if len(attrs) == 0 || len(sr.Schema.Blocks) > 0 {
			t.Fatalf("provider schema: %d attributes, %d blocks", len(attrs), len(sr.Schema.Blocks))
		}
		vars := map[string]schema.TypeSpec{}
		for k, v := range g.spec.Config.Variables {
			vars[k] = v.TypeSpec
		}
		compareProperties(t, &g.spec, "provider config", attrs, vars)
	})
}

// compareProperties checks that the Pulumi properties are exactly the
// Terraform attributes under their camelCase names (none renamed for a
// reserved name, none dropped, none added), with matching types, recursing
// into nested attributes through the object types they refer to.
func compareProperties(t *testing.T, spec *schema.PackageSpec, where string, attrs map[string]tftypes.Type, props map[string]schema.TypeSpec) {
	t.Helper()
	want := map[string]tftypes.Type{}
	for name, typ := range attrs {
		want[camel(name)] = typ
	}
	if got, exp := strings.Join(sortedKeys(props), ","), strings.Join(sortedKeys(want), ","); got != exp {
		t.Errorf("%s: Pulumi properties differ from the Terraform attributes:\n  pulumi:    %s\n  terraform: %s", where, got, exp)
	}
	for name, typ := range want {
		if p, ok := props[name]; ok {
			compareType(t, spec, where+"."+name, typ, p)
		}
	}
}

// compareType checks that a Pulumi type is the bridge's plain mapping of a
// Terraform type: objects (nested attributes) to object types, lists and sets
// to arrays, maps to maps.
func compareType(t *testing.T, spec *schema.PackageSpec, where string, tf tftypes.Type, p schema.TypeSpec) {
	t.Helper()
	switch {
	case tf.Is(tftypes.String):
		expectType(t, where, p, "string")
	case tf.Is(tftypes.Bool):
		expectType(t, where, p, "boolean")
	case tf.Is(tftypes.Number):
		if p.Type != "number" && p.Type != "integer" {
			t.Errorf("%s: Pulumi type %q, want number or integer", where, p.Type)
		}
	case tf.Is(tftypes.List{}), tf.Is(tftypes.Set{}):
		if expectType(t, where, p, "array") && p.Items != nil {
			var elem tftypes.Type
			if l, ok := tf.(tftypes.List); ok {
				elem = l.ElementType
			} else if s, ok := tf.(tftypes.Set); ok {
				elem = s.ElementType
			}
			compareType(t, spec, where+"[]", elem, *p.Items)
		}
	case tf.Is(tftypes.Map{}):
		if expectType(t, where, p, "object") && p.AdditionalProperties != nil {
			m, _ := tf.(tftypes.Map)
			compareType(t, spec, where+"{}", m.ElementType, *p.AdditionalProperties)
		}
	case tf.Is(tftypes.Object{}):
		obj, ok := objectType(spec, p.Ref)
		if !ok {
			t.Errorf("%s: Pulumi type %+v, want a reference to an object type", where, p)
			return
		}
		o, _ := tf.(tftypes.Object)
		props := map[string]schema.TypeSpec{}
		for k, v := range obj.Properties {
			props[k] = v.TypeSpec
		}
		compareProperties(t, spec, where, o.AttributeTypes, props)
	default:
		t.Errorf("%s: unexpected Terraform type %s", where, tf)
	}
}

func expectType(t *testing.T, where string, p schema.TypeSpec, want string) bool {
	t.Helper()
	if p.Type != want || p.Ref != "" {
		t.Errorf("%s: Pulumi type %q (ref %q), want %s", where, p.Type, p.Ref, want)
		return false
	}
	return true
}

// functionOutputs returns the properties of a function's result object.
func functionOutputs(fn schema.FunctionSpec) map[string]schema.PropertySpec {
	if fn.ReturnType != nil && fn.ReturnType.ObjectTypeSpec != nil {
		return fn.ReturnType.ObjectTypeSpec.Properties
	}
	if fn.Outputs != nil {
		return fn.Outputs.Properties
	}
	return nil
}

func objectType(spec *schema.PackageSpec, ref string) (schema.ObjectTypeSpec, bool) {
	const prefix = "#/types/"
	if !strings.HasPrefix(ref, prefix) {
		return schema.ObjectTypeSpec{}, false
	}
	ct, ok := spec.Types[strings.TrimPrefix(ref, prefix)]
	return ct.ObjectTypeSpec, ok && ct.Type == "object"
}

// resourceToken is the Pulumi token the automatic mapping gave a resource.
func (g *generated) resourceToken(t *testing.T, tfType string) string {
	t.Helper()
	if r := g.info.Resources[tfType]; r != nil && r.Tok != "" {
		return string(r.Tok)
	}
	t.Fatalf("%s: no token mapped", tfType)
	return ""
}

// dataSourceToken is the Pulumi token the automatic mapping gave a data source.
func (g *generated) dataSourceToken(t *testing.T, tfType string) string {
	t.Helper()
	if d := g.info.DataSources[tfType]; d != nil && d.Tok != "" {
		return string(d.Tok)
	}
	t.Fatalf("%s: no token mapped", tfType)
	return ""
}

// camel is the bridge's default name mapping for attributes that need no
// override: snake_case to camelCase.
func camel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// tfEntity is what the test needs of a Terraform resource or data source
// type, as the framework itself (not the bridge) describes it.
type tfEntity struct {
	attrs map[string]tftypes.Type // top-level attributes and their types
	id    idAttr                  // the "id" attribute, if any
}

type idAttr struct {
	present, isString, required, optional, computed bool
}

// frameworkEntities returns the schemas of the provider's resources or data
// sources, by type name; it fails the test on blocks (DESIGN.md wants nested
// attributes, which the bridge maps to plain object types).
func frameworkEntities(ctx context.Context, t *testing.T, p fwprovider.Provider, dataSources bool) map[string]tfEntity {
	t.Helper()
	var md fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &md)
	out := map[string]tfEntity{}
	add := func(name string, attrs map[string]fwAttr, blocks int) {
		if blocks > 0 {
			t.Errorf("%s: has %d block(s); DESIGN.md wants nested attributes", name, blocks)
		}
		e := tfEntity{attrs: map[string]tftypes.Type{}}
		for k, a := range attrs {
			e.attrs[k] = a.GetType().TerraformType(ctx)
			if k == "id" {
				e.id = idAttr{
					present: true, isString: e.attrs[k].Is(tftypes.String),
					required: a.IsRequired(), optional: a.IsOptional(), computed: a.IsComputed(),
				}
			}
		}
		out[name] = e
	}
	if dataSources {
		for _, f := range p.DataSources(ctx) {
			d := f()
			var m datasource.MetadataResponse
			d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: md.TypeName}, &m)
			var sr datasource.SchemaResponse
			d.Schema(ctx, datasource.SchemaRequest{}, &sr)
			if sr.Diagnostics.HasError() {
				t.Fatalf("%s schema: %v", m.TypeName, sr.Diagnostics)
			}
			attrs := map[string]fwAttr{}
			for k, a := range sr.Schema.Attributes {
				attrs[k] = a
			}
			add(m.TypeName, attrs, len(sr.Schema.Blocks))
		}
		return out
	}
	for _, f := range p.Resources(ctx) {
		r := f()
		var m resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: md.TypeName}, &m)
		var sr resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &sr)
		if sr.Diagnostics.HasError() {
			t.Fatalf("%s schema: %v", m.TypeName, sr.Diagnostics)
		}
		attrs := map[string]fwAttr{}
		for k, a := range sr.Schema.Attributes {
			attrs[k] = a
		}
		add(m.TypeName, attrs, len(sr.Schema.Blocks))
	}
	return out
}

// fwAttr is the part of a framework schema attribute the test reads.
type fwAttr interface {
	GetType() attr.Type
	IsRequired() bool
	IsOptional() bool
	IsComputed() bool
}

// countingSink counts the error diagnostics passed to it.
type countingSink struct {
	diag.Sink
	errors int
}

func (s *countingSink) Logf(sev diag.Severity, d *diag.Diag, args ...any) {
	if sev == diag.Error {
		s.errors++
	}
	s.Sink.Logf(sev, d, args...)
}

func (s *countingSink) Errorf(d *diag.Diag, args ...any) {
	s.errors++
	s.Sink.Errorf(d, args...)
}
