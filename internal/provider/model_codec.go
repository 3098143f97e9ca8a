package provider

import (
	"context"
	"fmt"
	"reflect"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The integration lifecycle converts its models to and from Terraform values
// on every RPC of every resource. The framework's tfsdk Get and Set do it by
// reflection that re-reads every struct tag on each call (compiling a
// regular expression per field name, in framework v1.19): about a third of
// the CPU of a refresh's ReadResource. A modelCodec does the same
// conversion from a field table built once per model type. It handles
// models whose fields are all attr.Value types with tfsdk tags (embedded
// structs flattened), which every integration model is, and refuses any
// other, so callers fall back to the framework.

// attrTypeSchema is what a codec needs of a tfsdk.State, Plan or Config's
// Schema.
type attrTypeSchema interface {
	Type() attr.Type
	TypeAtPath(ctx context.Context, p path.Path) (attr.Type, diag.Diagnostics)
}

type codecField struct {
	index []int
	name  string
	typ   attr.Type
}

type modelCodec struct {
	fields  []codecField
	objType tftypes.Object
}

type codecKey struct {
	model reflect.Type
	use   string // one schema per use: e.g. "resource gitlab_integration"
}

var codecs sync.Map // codecKey -> *modelCodec, or error when the model does not fit

// codecFor returns the codec of model type t for the schema named by use,
// building it on first use.
func codecFor(ctx context.Context, use string, t reflect.Type, schema attrTypeSchema) (*modelCodec, error) {
	key := codecKey{t, use}
	if c, ok := codecs.Load(key); ok {
		if codec, ok := c.(*modelCodec); ok {
			return codec, nil
		}
		return nil, fmt.Errorf("%v", c)
	}
	codec, err := buildCodec(ctx, t, schema)
	if err != nil {
		codecs.Store(key, err.Error())
		return nil, err
	}
	codecs.Store(key, codec)
	return codec, nil
}

var attrValueType = reflect.TypeFor[attr.Value]()

func buildCodec(ctx context.Context, t reflect.Type, schema attrTypeSchema) (*modelCodec, error) {
	c := &modelCodec{objType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}}
	var walk func(t reflect.Type, index []int) error
	walk = func(t reflect.Type, index []int) error {
		for i := range t.NumField() {
			f := t.Field(i)
			idx := append(append([]int(nil), index...), i)
			if f.Anonymous && f.Type.Kind() == reflect.Struct {
				if err := walk(f.Type, idx); err != nil {
					return err
				}
				continue
			}
			name := f.Tag.Get("tfsdk")
			if !f.IsExported() || name == "-" {
				continue // as the framework: not part of the value
			}
			if name == "" || !f.Type.Implements(attrValueType) {
				return fmt.Errorf("field %s of %s is not a tfsdk-tagged attr.Value", f.Name, t)
			}
			typ, diags := schema.TypeAtPath(ctx, path.Root(name))
			if diags.HasError() {
				return fmt.Errorf("field %s of %s: attribute %q is not in the schema", f.Name, t, name)
			}
			if _, dup := c.objType.AttributeTypes[name]; dup {
				return fmt.Errorf("attribute %q appears twice in %s", name, t)
			}
			c.fields = append(c.fields, codecField{index: idx, name: name, typ: typ})
			c.objType.AttributeTypes[name] = typ.TerraformType(ctx)
		}
		return nil
	}
	if t.Kind() != reflect.Struct {
		return nil, fmt.Errorf("%s is not a struct", t)
	}
	if err := walk(t, nil); err != nil {
		return nil, err
	}
	// The model must cover the schema: the value is the schema's type.
	want, ok := schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok || len(want.AttributeTypes) != len(c.fields) || !want.Equal(c.objType) {
		return nil, fmt.Errorf("the attributes of %s are not the schema's", t)
	}
	c.objType = want
	return c, nil
}

// decode sets *dst (a pointer to the model struct) from raw.
func (c *modelCodec) decode(ctx context.Context, raw tftypes.Value, dst any) error {
	var vals map[string]tftypes.Value
	if err := raw.As(&vals); err != nil {
		return err
	}
	if len(vals) != len(c.fields) {
		return fmt.Errorf("the value has %d attributes, the model %d", len(vals), len(c.fields))
	}
	out := reflect.ValueOf(dst).Elem()
	for _, f := range c.fields {
		v, ok := vals[f.name]
		if !ok {
			return fmt.Errorf("the value has no attribute %q", f.name)
		}
		av, err := f.typ.ValueFromTerraform(ctx, v)
		if err != nil {
			return fmt.Errorf("attribute %q: %w", f.name, err)
		}
		field := out.FieldByIndex(f.index)
		rv := reflect.ValueOf(av)
		if !rv.Type().AssignableTo(field.Type()) {
			return fmt.Errorf("attribute %q: a %T does not fit a %s", f.name, av, field.Type())
		}
		field.Set(rv)
	}
	return nil
}

// encode is the Terraform value of *src (a pointer to the model struct).
func (c *modelCodec) encode(ctx context.Context, src any) (v tftypes.Value, err error) {
	in := reflect.ValueOf(src).Elem()
	vals := make(map[string]tftypes.Value, len(c.fields))
	for _, f := range c.fields {
		av, ok := in.FieldByIndex(f.index).Interface().(attr.Value)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("attribute %q is not an attr.Value", f.name)
		}
		if vals[f.name], err = av.ToTerraformValue(ctx); err != nil {
			return tftypes.Value{}, fmt.Errorf("attribute %q: %w", f.name, err)
		}
	}
	if err := tftypes.ValidateValue(c.objType, vals); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(c.objType, vals), nil
}

// gettable is a tfsdk State, Plan or Config.
type gettable interface {
	Get(ctx context.Context, target any) diag.Diagnostics
}

// decodeModel decodes raw into m (a pointer to a model struct) with the
// model's codec, or through from.Get (the framework) when the codec does
// not fit or fails, so that errors come with the framework's diagnostics.
func decodeModel(ctx context.Context, use string, raw tftypes.Value, schema attrTypeSchema, from gettable, m any) diag.Diagnostics {
	if c, err := codecFor(ctx, use, reflect.TypeOf(m).Elem(), schema); err == nil {
		if err := c.decode(ctx, raw, m); err == nil {
			return nil
		}
	}
	return from.Get(ctx, m)
}

// settable is a *tfsdk.State.
type settable interface {
	Set(ctx context.Context, val any) diag.Diagnostics
}

// encodeModel sets *raw to m's value with the model's codec, or through
// to.Set (the framework) when the codec does not fit or fails.
func encodeModel(ctx context.Context, use string, raw *tftypes.Value, schema attrTypeSchema, to settable, m any) diag.Diagnostics {
	if c, err := codecFor(ctx, use, reflect.TypeOf(m).Elem(), schema); err == nil {
		if v, err := c.encode(ctx, m); err == nil {
			*raw = v
			return nil
		}
	}
	return to.Set(ctx, m)
}

// nestedObject is types.ObjectValueFrom(ctx, attrTypes, model) for a model
// struct of tfsdk-tagged attr.Value fields (gitLabOrgModel, authUserModel,
// ...), through a field table built once per model type rather than the
// framework's per-call reflection. Other models go to the framework.
func nestedObject(ctx context.Context, attrTypes map[string]attr.Type, model any) (types.Object, diag.Diagnostics) {
	fields, ok := nestedFieldsOf(reflect.TypeOf(model))
	if !ok {
		return types.ObjectValueFrom(ctx, attrTypes, model)
	}
	v := reflect.ValueOf(model)
	vals := make(map[string]attr.Value, len(fields))
	for _, f := range fields {
		av, ok := v.Field(f.index).Interface().(attr.Value)
		if !ok {
			return types.ObjectValueFrom(ctx, attrTypes, model)
		}
		vals[f.name] = av
	}
	return types.ObjectValue(attrTypes, vals)
}

type nestedField struct {
	index int
	name  string
}

var nestedFields sync.Map // reflect.Type -> []nestedField, or nil when the type does not fit

func nestedFieldsOf(t reflect.Type) ([]nestedField, bool) {
	if f, ok := nestedFields.Load(t); ok {
		fields, ok := f.([]nestedField)
		return fields, ok && fields != nil
	}
	var fields []nestedField
	if t.Kind() == reflect.Struct {
		for i := range t.NumField() {
			f := t.Field(i)
			name := f.Tag.Get("tfsdk")
			if !f.Anonymous && (!f.IsExported() || name == "-") {
				continue // as the framework: not part of the value
			}
			if f.Anonymous || name == "" || !f.Type.Implements(attrValueType) {
				fields = nil
				break
			}
			fields = append(fields, nestedField{index: i, name: name})
		}
	}
	nestedFields.Store(t, fields)
	return fields, fields != nil
}
