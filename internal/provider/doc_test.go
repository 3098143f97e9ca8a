package provider

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDocNamesExist: every file, test and Go name that doc.go's "Adding an
// integration kind" tells a newcomer to look for exists in the repository,
// so the guide cannot point at a file or a hook that a refactoring removed.
func TestDocNamesExist(t *testing.T) {
	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}  // base names of the repository's files
	idents := map[string]bool{} // every identifier of its Go code but doc.go's
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if name := d.Name(); p != root && (strings.HasPrefix(name, ".") || name == "bin" || name == "docs") {
				return filepath.SkipDir
			}
			return nil
		}
		files[d.Name()] = true
		if !strings.HasSuffix(p, ".go") || p == filepath.Join(root, "internal", "provider", "doc.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if id, ok := n.(*ast.Ident); ok {
				idents[id.Name] = true
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	text := string(doc)
	for _, name := range regexp.MustCompile(`[\w*.-]+\.(?:go|json|tf|sh)\b`).FindAllString(text, -1) {
		base := filepath.Base(name)
		found := files[base]
		if strings.Contains(base, "*") {
			for f := range files {
				if ok, _ := filepath.Match(base, f); ok {
					found = true
					break
				}
			}
		}
		if !found {
			t.Errorf("doc.go names the file %s; the repository has none", name)
		}
	}
	for _, name := range regexp.MustCompile(`\b(?:Test[A-Z]\w*|[a-z]+[A-Z]\w*)\b`).FindAllString(text, -1) {
		if !idents[name] {
			t.Errorf("doc.go names %s; no Go code of the repository has it", name)
		}
	}
}
