// Package fwtype has string types for terraform-plugin-framework whose
// values have several spellings that mean the same: a GitHub login or a
// GitLab group path in any case, a Bitbucket workspace UUID with or without
// braces. Their semantic equality makes the framework keep the practitioner's
// spelling when the API answers another, so no mapping has to remember to
// (modelled on the aws provider's internal/framework/types).
package fwtype

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// spelling says when two spellings are the same value. Implementations are
// empty structs, so a type's zero value is ready to use.
type spelling interface {
	name() string
	canonical(s string) string
}

type caseFold struct{}

func (caseFold) name() string              { return "CaseInsensitiveString" }
func (caseFold) canonical(s string) string { return strings.ToLower(s) }

type uuidBraces struct{}

func (uuidBraces) name() string { return "WorkspaceUUID" }
func (uuidBraces) canonical(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
}

// StringType is a string type whose values compare by their canonical
// spelling.
type StringType[S spelling] struct{ basetypes.StringType }

// StringValue is a value of StringType[S].
type StringValue[S spelling] struct{ basetypes.StringValue }

type (
	// CaseInsensitiveStringType is a string compared without case.
	CaseInsensitiveStringType = StringType[caseFold]
	// CaseInsensitiveString is a value of CaseInsensitiveStringType.
	CaseInsensitiveString = StringValue[caseFold]
	// WorkspaceUUIDType is a Bitbucket workspace UUID, compared without case
	// and without the braces Bitbucket writes around it.
	WorkspaceUUIDType = StringType[uuidBraces]
	// WorkspaceUUID is a value of WorkspaceUUIDType.
	WorkspaceUUID = StringValue[uuidBraces]
)

var (
	_ basetypes.StringTypable                    = StringType[caseFold]{}
	_ basetypes.StringValuableWithSemanticEquals = StringValue[caseFold]{}
)

// CaseInsensitiveStringValue is a known CaseInsensitiveString.
func CaseInsensitiveStringValue(s string) CaseInsensitiveString { return known[caseFold](s) }

// WorkspaceUUIDValue is a known WorkspaceUUID.
func WorkspaceUUIDValue(s string) WorkspaceUUID { return known[uuidBraces](s) }

func known[S spelling](s string) StringValue[S] {
	return StringValue[S]{StringValue: basetypes.NewStringValue(s)}
}

// Same reports whether a and b are spellings of the same value of the type.
func (t StringType[S]) Same(a, b string) bool {
	var sp S
	return sp.canonical(a) == sp.canonical(b)
}

func (t StringType[S]) String() string {
	var sp S
	return "fwtype." + sp.name() + "Type"
}

func (t StringType[S]) Equal(o attr.Type) bool {
	_, ok := o.(StringType[S])
	return ok
}

func (t StringType[S]) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return StringValue[S]{StringValue: in}, nil
}

func (t StringType[S]) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	return StringValue[S]{StringValue: s}, nil
}

func (t StringType[S]) ValueType(context.Context) attr.Value { return StringValue[S]{} }

func (v StringValue[S]) Type(context.Context) attr.Type { return StringType[S]{} }

func (v StringValue[S]) Equal(o attr.Value) bool {
	other, ok := o.(StringValue[S])
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals reports whether the new value is the same value
// spelled differently; the framework then keeps the prior spelling.
func (v StringValue[S]) StringSemanticEquals(_ context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	var diags diag.Diagnostics
	nv, ok := newValuable.(StringValue[S])
	if !ok {
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("Expected a %T, got %T. This is always an error in the provider; please report it.", v, newValuable))
		return false, diags
	}
	if v.IsNull() || v.IsUnknown() || nv.IsNull() || nv.IsUnknown() {
		return v.StringValue.Equal(nv.StringValue), diags
	}
	var sp S
	return sp.canonical(v.ValueString()) == sp.canonical(nv.ValueString()), diags
}
