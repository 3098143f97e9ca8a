// Command pulumi-sdkgen writes the Pulumi package schema of the bridged
// provider and the Go and TypeScript SDKs generated from it, with the
// pulumi/pkg codegen this module builds with (go.mod: the version the bridge
// builds with), the way `pulumi package gen-sdk` would from the plugin's
// schema:
//
//	schema.json            the package schema (bridge.ProviderInfo through pfgen)
//	sdk/go/pulumicloud/    the Go SDK (module sdk/go.mod, kept by hand)
//	sdk/nodejs/            the TypeScript SDK (an npm package)
//
// `make pulumi-sdk` runs it on pulumi/; `make pulumi-sdk-check` runs it on a
// scratch directory and fails when the committed files differ.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	pfgen "github.com/pulumi/pulumi-terraform-bridge/v3/pkg/pf/tfgen"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag"
	"github.com/pulumi/pulumi/sdk/v3/go/common/diag/colors"

	"github.com/pulumicloud/terraform-provider-pulumicloud/pulumi/bridge"
)

// tool names the generator in the generated files' headers.
const tool = "pulumi-sdkgen"

func main() {
	out := flag.String("out", ".", "the directory to write schema.json, sdk/go/pulumicloud and sdk/nodejs into")
	flag.Parse()
	if err := run(context.Background(), *out); err != nil {
		fmt.Fprintf(os.Stderr, "pulumi-sdkgen: %v\n", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, out string) error {
	sink := diag.DefaultSink(os.Stderr, os.Stderr, diag.FormatOptions{Color: colors.Never})
	res, err := pfgen.GenerateSchema(ctx, pfgen.GenerateSchemaOptions{
		ProviderInfo: bridge.ProviderInfo(ctx), DiagnosticsSink: sink, XInMemoryDocs: true,
	})
	if err != nil {
		return fmt.Errorf("generating the package schema: %w", err)
	}
	var indented bytes.Buffer
	if err := json.Indent(&indented, res.ProviderMetadata.PackageSchema, "", "    "); err != nil {
		return fmt.Errorf("formatting the package schema: %w", err)
	}
	indented.WriteByte('\n')
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(out, "schema.json"), indented.Bytes(), 0o644); err != nil {
		return err
	}

	// Go: the files come as pulumicloud/... and .gitattributes; the SDK's
	// go.mod is sdk/go.mod, outside what is generated.
	goFiles, err := generate(res.ProviderMetadata.PackageSchema, func(pkg *schema.Package) (map[string][]byte, error) {
		return gogen.GeneratePackage(tool, pkg, nil)
	})
	if err != nil {
		return fmt.Errorf("generating the Go SDK: %w", err)
	}
	if err := replaceDir(filepath.Join(out, "sdk"), "go", prefixed("go", goFiles)); err != nil {
		return err
	}

	nodeFiles, err := generate(res.ProviderMetadata.PackageSchema, func(pkg *schema.Package) (map[string][]byte, error) {
		return nodejs.GeneratePackage(tool, pkg, nil, nil, false, nil)
	})
	if err != nil {
		return fmt.Errorf("generating the TypeScript SDK: %w", err)
	}
	fixNestedImports(nodeFiles)
	return replaceDir(filepath.Join(out, "sdk"), "nodejs", prefixed("nodejs", nodeFiles))
}

// generate binds the schema afresh for one language (the generators record
// their settings in the package) and runs gen on it. Both SDKs carry the
// schema's version: the plugin they ask the engine for is
// pulumi-resource-pulumicloud at bridge.Version.
func generate(spec []byte, gen func(*schema.Package) (map[string][]byte, error)) (map[string][]byte, error) {
	var ps schema.PackageSpec
	if err := json.Unmarshal(spec, &ps); err != nil {
		return nil, err
	}
	pkg, err := schema.ImportSpec(ps, map[string]schema.Language{"go": gogen.Importer, "nodejs": nodejs.Importer}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if info, ok := pkg.Language["go"].(gogen.GoPackageInfo); ok {
		info.RespectSchemaVersion = true
		pkg.Language["go"] = info
	}
	if info, ok := pkg.Language["nodejs"].(nodejs.NodePackageInfo); ok {
		info.RespectSchemaVersion = true
		pkg.Language["nodejs"] = info
	}
	return gen(pkg)
}

func prefixed(dir string, files map[string][]byte) map[string][]byte {
	out := make(map[string][]byte, len(files))
	for name, b := range files {
		out[filepath.Join(dir, name)] = b
	}
	return out
}

// replaceDir writes files under root (names relative to root), after removing
// root/dir, so that a file the generator no longer writes does not linger.
// Only files under dir may be written.
func replaceDir(root, dir string, files map[string][]byte) error {
	if err := os.RemoveAll(filepath.Join(root, dir)); err != nil {
		return err
	}
	for name, b := range files {
		if rel, err := filepath.Rel(dir, name); err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("the generator wrote %s, outside %s", name, dir)
		}
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
