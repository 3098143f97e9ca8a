package main

import (
	"path"
	"regexp"
	"strings"
)

// relativeImport matches the module path of a relative TypeScript import,
// export or require: from "./utilities", require("./vars").
var relativeImport = regexp.MustCompile(`(from |require\()"(\.\.?/[^"]+)"`)

// fixNestedImports repairs the relative imports of the TypeScript files in
// subdirectories (config/, types/). pkg/codegen/nodejs v3.219.0 computes a
// nested module's path to the package root as path.Dir(filepath.Rel(mod,
// "")), which relied on filepath.Rel("config", "") answering "../."; since Go
// 1.26 it answers "..", so config/vars.ts imports "./utilities" instead of
// "../utilities" and tsc fails. An import that names no generated file from
// the importing file's directory, but names one from the directory above, is
// rewritten to that one; every other import is left as generated. files are
// keyed by their path in the package, with forward slashes.
func fixNestedImports(files map[string][]byte) {
	exists := func(p string) bool {
		_, ts := files[p+".ts"]
		_, index := files[p+"/index.ts"]
		_, other := files[p]
		return ts || index || other
	}
	for name, b := range files {
		dir := path.Dir(name)
		if !strings.HasSuffix(name, ".ts") || dir == "." {
			continue
		}
		files[name] = relativeImport.ReplaceAllFunc(b, func(m []byte) []byte {
			sub := relativeImport.FindSubmatch(m)
			imp := string(sub[2])
			if exists(path.Join(dir, imp)) || !exists(path.Join(dir, "..", imp)) {
				return m
			}
			return []byte(string(sub[1]) + `"` + path.Join("..", imp) + `"`)
		})
	}
}
