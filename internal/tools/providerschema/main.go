// Command providerschema prints the provider's schema in the JSON format of
// `terraform providers schema -json`, straight from the provider server's
// GetProviderSchema RPC, for `tfplugindocs generate --providers-schema`.
//
// Going through the RPC rather than the Terraform CLI makes the generated
// docs independent of the installed Terraform version: Terraform before 1.14
// leaves action schemas out of its output, so their pages would silently
// disappear on such machines (and `make docs-check` would disagree between
// them). It also needs no terraform binary and no network.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/provider"
)

func main() {
	out := flag.String("o", "", "write the JSON to this file instead of stdout")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "providerschema:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	server := providerserver.NewProtocol6(provider.New("docs")())()
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		return err
	}
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	doc, err := convert(resp)
	if err != nil {
		return err
	}
	idents, err := server.GetResourceIdentitySchemas(context.Background(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		return err
	}
	if doc.Schemas["pulumicloud"].ResourceIdentitySchemas, err = convertIdentities(idents); err != nil {
		return err
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if out == "" {
		_, err = os.Stdout.Write(b)
		return err
	}
	return os.WriteFile(out, b, 0o600)
}

// The JSON shapes below mirror github.com/hashicorp/terraform-json.

type providerSchemas struct {
	FormatVersion string                     `json:"format_version"`
	Schemas       map[string]*providerSchema `json:"provider_schemas"`
}

type providerSchema struct {
	Provider                 *schema                    `json:"provider,omitempty"`
	ResourceSchemas          map[string]*schema         `json:"resource_schemas,omitempty"`
	DataSourceSchemas        map[string]*schema         `json:"data_source_schemas,omitempty"`
	EphemeralResourceSchemas map[string]*schema         `json:"ephemeral_resource_schemas,omitempty"`
	ListResourceSchemas      map[string]*schema         `json:"list_resource_schemas,omitempty"`
	ActionSchemas            map[string]*actionSchema   `json:"action_schemas,omitempty"`
	ResourceIdentitySchemas  map[string]*identitySchema `json:"resource_identity_schemas,omitempty"`
}

type identitySchema struct {
	Version    int64                         `json:"version"`
	Attributes map[string]*identityAttribute `json:"attributes,omitempty"`
}

type identityAttribute struct {
	Type              json.RawMessage `json:"type,omitempty"`
	Description       string          `json:"description,omitempty"`
	RequiredForImport bool            `json:"required_for_import,omitempty"`
	OptionalForImport bool            `json:"optional_for_import,omitempty"`
}

// convertIdentities maps the GetResourceIdentitySchemas answer.
func convertIdentities(resp *tfprotov6.GetResourceIdentitySchemasResponse) (map[string]*identitySchema, error) {
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return nil, fmt.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	out := map[string]*identitySchema{}
	for name, s := range resp.IdentitySchemas {
		is := &identitySchema{Version: s.Version, Attributes: map[string]*identityAttribute{}}
		for _, a := range s.IdentityAttributes {
			t, err := json.Marshal(a.Type)
			if err != nil {
				return nil, fmt.Errorf("%s.%s: %w", name, a.Name, err)
			}
			is.Attributes[a.Name] = &identityAttribute{Type: t, Description: a.Description,
				RequiredForImport: a.RequiredForImport, OptionalForImport: a.OptionalForImport}
		}
		out[name] = is
	}
	return out, nil
}

type schema struct {
	Version int64  `json:"version"`
	Block   *block `json:"block,omitempty"`
}

type actionSchema struct {
	Block *block `json:"block,omitempty"`
}

type block struct {
	Attributes      map[string]*attribute `json:"attributes,omitempty"`
	BlockTypes      map[string]*blockType `json:"block_types,omitempty"`
	Description     string                `json:"description,omitempty"`
	DescriptionKind string                `json:"description_kind,omitempty"`
	Deprecated      bool                  `json:"deprecated,omitempty"`
}

type blockType struct {
	NestingMode string `json:"nesting_mode,omitempty"`
	Block       *block `json:"block,omitempty"`
	MinItems    int64  `json:"min_items,omitempty"`
	MaxItems    int64  `json:"max_items,omitempty"`
}

type attribute struct {
	Type            json.RawMessage `json:"type,omitempty"`
	NestedType      *nestedType     `json:"nested_type,omitempty"`
	Description     string          `json:"description,omitempty"`
	DescriptionKind string          `json:"description_kind,omitempty"`
	Deprecated      bool            `json:"deprecated,omitempty"`
	Required        bool            `json:"required,omitempty"`
	Optional        bool            `json:"optional,omitempty"`
	Computed        bool            `json:"computed,omitempty"`
	Sensitive       bool            `json:"sensitive,omitempty"`
	WriteOnly       bool            `json:"write_only,omitempty"`
}

type nestedType struct {
	Attributes  map[string]*attribute `json:"attributes,omitempty"`
	NestingMode string                `json:"nesting_mode,omitempty"`
}

func convert(resp *tfprotov6.GetProviderSchemaResponse) (*providerSchemas, error) {
	ps := &providerSchema{}
	var err error
	if ps.Provider, err = convertSchema(resp.Provider); err != nil {
		return nil, fmt.Errorf("provider: %w", err)
	}
	for _, group := range []struct {
		in  map[string]*tfprotov6.Schema
		out *map[string]*schema
	}{
		{resp.ResourceSchemas, &ps.ResourceSchemas},
		{resp.DataSourceSchemas, &ps.DataSourceSchemas},
		{resp.EphemeralResourceSchemas, &ps.EphemeralResourceSchemas},
		{resp.ListResourceSchemas, &ps.ListResourceSchemas},
	} {
		for name, s := range group.in {
			c, err := convertSchema(s)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if *group.out == nil {
				*group.out = map[string]*schema{}
			}
			(*group.out)[name] = c
		}
	}
	for name, s := range resp.ActionSchemas {
		if s == nil || s.Schema == nil {
			return nil, fmt.Errorf("%s: no schema", name)
		}
		b, err := convertBlock(s.Schema.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if ps.ActionSchemas == nil {
			ps.ActionSchemas = map[string]*actionSchema{}
		}
		ps.ActionSchemas[name] = &actionSchema{Block: b}
	}
	// tfplugindocs looks the provider up by its short name.
	return &providerSchemas{FormatVersion: "1.0", Schemas: map[string]*providerSchema{"pulumicloud": ps}}, nil
}

func convertSchema(s *tfprotov6.Schema) (*schema, error) {
	if s == nil {
		return nil, errors.New("no schema")
	}
	b, err := convertBlock(s.Block)
	if err != nil {
		return nil, err
	}
	return &schema{Version: s.Version, Block: b}, nil
}

func convertBlock(b *tfprotov6.SchemaBlock) (*block, error) {
	if b == nil {
		return &block{DescriptionKind: "plain"}, nil
	}
	out := &block{Description: b.Description, DescriptionKind: descriptionKind(b.DescriptionKind), Deprecated: b.Deprecated}
	var err error
	if out.Attributes, err = convertAttributes(b.Attributes); err != nil {
		return nil, err
	}
	for _, nb := range b.BlockTypes {
		inner, err := convertBlock(nb.Block)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", nb.TypeName, err)
		}
		if out.BlockTypes == nil {
			out.BlockTypes = map[string]*blockType{}
		}
		out.BlockTypes[nb.TypeName] = &blockType{
			NestingMode: blockNesting(nb.Nesting), Block: inner, MinItems: nb.MinItems, MaxItems: nb.MaxItems,
		}
	}
	return out, nil
}

func convertAttributes(attrs []*tfprotov6.SchemaAttribute) (map[string]*attribute, error) {
	if len(attrs) == 0 {
		return nil, nil
	}
	out := make(map[string]*attribute, len(attrs))
	for _, a := range attrs {
		c := &attribute{
			Description: a.Description, DescriptionKind: descriptionKind(a.DescriptionKind), Deprecated: a.Deprecated,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, WriteOnly: a.WriteOnly,
		}
		switch {
		case a.NestedType != nil:
			nested, err := convertAttributes(a.NestedType.Attributes)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.Name, err)
			}
			c.NestedType = &nestedType{Attributes: nested, NestingMode: objectNesting(a.NestedType.Nesting)}
		case a.Type != nil:
			t, err := json.Marshal(a.Type)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", a.Name, err)
			}
			c.Type = t
		default:
			return nil, fmt.Errorf("%s: attribute has neither a type nor a nested type", a.Name)
		}
		out[a.Name] = c
	}
	return out, nil
}

func descriptionKind(k tfprotov6.StringKind) string {
	if k == tfprotov6.StringKindMarkdown {
		return "markdown"
	}
	return "plain"
}

func objectNesting(m tfprotov6.SchemaObjectNestingMode) string {
	switch m {
	case tfprotov6.SchemaObjectNestingModeSingle:
		return "single"
	case tfprotov6.SchemaObjectNestingModeList:
		return "list"
	case tfprotov6.SchemaObjectNestingModeSet:
		return "set"
	case tfprotov6.SchemaObjectNestingModeMap:
		return "map"
	default:
		return ""
	}
}

func blockNesting(m tfprotov6.SchemaNestedBlockNestingMode) string {
	switch m {
	case tfprotov6.SchemaNestedBlockNestingModeSingle:
		return "single"
	case tfprotov6.SchemaNestedBlockNestingModeList:
		return "list"
	case tfprotov6.SchemaNestedBlockNestingModeSet:
		return "set"
	case tfprotov6.SchemaNestedBlockNestingModeMap:
		return "map"
	case tfprotov6.SchemaNestedBlockNestingModeGroup:
		return "group"
	default:
		return ""
	}
}
