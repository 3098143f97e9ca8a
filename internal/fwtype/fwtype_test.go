package fwtype

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestSemanticEquality(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		a, b basetypes.StringValuableWithSemanticEquals
		nv   basetypes.StringValuable
		want bool
	}{
		{name: "case folds", a: CaseInsensitiveStringValue("Acme/Platform"), nv: CaseInsensitiveStringValue("acme/platform"), want: true},
		{name: "case: other value", a: CaseInsensitiveStringValue("acme/platform"), nv: CaseInsensitiveStringValue("acme/web"), want: false},
		{name: "uuid braces", a: WorkspaceUUIDValue("{0C6F1E2A-3B4D-4C5E-8F90-A1B2C3D4E5F1}"), nv: WorkspaceUUIDValue("0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1"), want: true},
		{name: "uuid: other value", a: WorkspaceUUIDValue("{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}"), nv: WorkspaceUUIDValue("{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f2}"), want: false},
		{name: "null is not empty", a: CaseInsensitiveString{StringValue: basetypes.NewStringNull()}, nv: CaseInsensitiveStringValue(""), want: false},
		{name: "unknown is not a value", a: WorkspaceUUID{StringValue: basetypes.NewStringUnknown()}, nv: WorkspaceUUIDValue("x"), want: false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := tc.a.StringSemanticEquals(ctx, tc.nv)
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got != tc.want {
				t.Fatalf("StringSemanticEquals = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestSemanticEqualityRefusesAnotherType(t *testing.T) {
	_, diags := CaseInsensitiveStringValue("a").StringSemanticEquals(context.Background(), WorkspaceUUIDValue("a"))
	if !diags.HasError() {
		t.Fatal("comparing with another type must be an error")
	}
}

// Plain equality stays exact: Terraform must still see a changed spelling
// in the configuration.
func TestEqualIsExact(t *testing.T) {
	if CaseInsensitiveStringValue("Acme").Equal(CaseInsensitiveStringValue("acme")) {
		t.Fatal("Equal must compare spellings exactly")
	}
	if !WorkspaceUUIDValue("{x}").Equal(WorkspaceUUIDValue("{x}")) {
		t.Fatal("Equal must hold for the same spelling")
	}
	if CaseInsensitiveStringValue("a").Equal(basetypes.NewStringValue("a")) {
		t.Fatal("a plain string is another type")
	}
}

func TestTypeRoundTrip(t *testing.T) {
	ctx := context.Background()
	typ := WorkspaceUUIDType{}
	v, err := typ.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, "{abc}"))
	if err != nil {
		t.Fatal(err)
	}
	u, ok := v.(WorkspaceUUID)
	if !ok || u.ValueString() != "{abc}" {
		t.Fatalf("ValueFromTerraform = %#v", v)
	}
	if !u.Type(ctx).Equal(typ) || typ.Equal(CaseInsensitiveStringType{}) {
		t.Fatal("types must equal themselves only")
	}
	if !typ.Same("{ABC}", "abc") || (CaseInsensitiveStringType{}).Same("{a}", "a") {
		t.Fatal("Same must use the type's spelling rule")
	}
}
