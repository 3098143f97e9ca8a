package provider

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
	"github.com/pulumicloud/terraform-provider-pulumicloud/spec"
)

const (
	coverageStart = "<!-- coverage:start -->"
	coverageEnd   = "<!-- coverage:end -->"
	// outOfScope marks a row without a Terraform type; only the GitHub
	// Enterprise user-auth operations (a person's own identity) may be.
	outOfScope      = "out of scope"
	outOfScopePaths = "/user-auth"
)

// coverageRow is one endpoint of the README's coverage table.
type coverageRow struct {
	line   int
	method string
	path   string
	types  []string // pulumicloud_* types named in the row
	tests  []string // Test* functions named in the row
	scope  bool     // false for an out-of-scope row
}

var (
	coverageMethod = regexp.MustCompile(`^(GET|POST|PATCH|PUT|DELETE)$`)
	coveragePath   = regexp.MustCompile("^`(/api/console/orgs/\\{orgName\\}/integrations(?:/[A-Za-z0-9_{}-]+)*)`$")
	coverageTest   = regexp.MustCompile("`(Test[A-Za-z0-9_]+)`")
	coverageType   = regexp.MustCompile("`(pulumicloud_[a-z0-9_]+)`")
	testFuncDecl   = regexp.MustCompile(`(?m)^func (Test[A-Za-z0-9_]+)\(`)
	tableSeparator = regexp.MustCompile(`^\|[-:| ]+\|$`)
)

// repoRoot is the directory holding go.mod, above this package.
func coverageRepoRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// readCoverageTable parses the rows between the coverage markers of README.md.
func readCoverageTable(t *testing.T, root string) []coverageRow {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatalf("reading README.md: %v", err)
	}
	text := string(data)
	start, end := strings.Index(text, coverageStart), strings.Index(text, coverageEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no %s … %s section", coverageStart, coverageEnd)
	}
	firstLine := strings.Count(text[:start], "\n") + 1
	var rows []coverageRow
	for i, line := range strings.Split(text[start+len(coverageStart):end], "\n") {
		line = strings.TrimSpace(line)
		if !strings.HasPrefix(line, "|") || tableSeparator.MatchString(line) {
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for j := range cells {
			cells[j] = strings.TrimSpace(cells[j])
		}
		if len(cells) > 1 && cells[1] == "Method" { // the header
			continue
		}
		if len(cells) < 5 {
			t.Errorf("README.md line %d: want | # | Method | Path | Terraform type | Tests |…, got %q", firstLine+i, line)
			continue
		}
		row := coverageRow{line: firstLine + i, method: cells[1]}
		if !coverageMethod.MatchString(cells[1]) {
			t.Errorf("README.md line %d: %q is not an HTTP method", row.line, cells[1])
		}
		m := coveragePath.FindStringSubmatch(cells[2])
		if m == nil {
			t.Errorf("README.md line %d: %q is not a backquoted /api/console/orgs/{orgName}/integrations path", row.line, cells[2])
			continue
		}
		row.path = m[1]
		rest := strings.Join(cells[3:], "|")
		for _, tm := range coverageTest.FindAllStringSubmatch(rest, -1) {
			row.tests = append(row.tests, tm[1])
		}
		for _, tm := range coverageType.FindAllStringSubmatch(cells[3], -1) {
			row.types = append(row.types, tm[1])
		}
		row.scope = !strings.HasPrefix(cells[3], outOfScope)
		rows = append(rows, row)
	}
	return rows
}

// repoTestFuncs are the Test functions declared in the repository's *_test.go files.
func repoTestFuncs(t *testing.T, root string) map[string]bool {
	t.Helper()
	funcs := map[string]bool{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "node_modules" || d.Name() == "vendor") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range testFuncDecl.FindAllStringSubmatch(string(data), -1) {
			funcs[m[1]] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return funcs
}

// TestEndpointCoverageTable holds the README's coverage table to the truth:
// every operation of the OpenAPI document (spec/), once, each reached by a
// Terraform type (or marked out of scope, which only the GitHub Enterprise
// user-auth operations may be) and proved by tests that exist, and each a
// route the emulator serves.
func TestEndpointCoverageTable(t *testing.T) {
	root := coverageRepoRoot(t)
	rows := readCoverageTable(t, root)
	funcs := repoTestFuncs(t, root)
	v, err := spec.Default()
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]bool{}
	for _, op := range v.Operations() {
		ops[op.Method+" "+op.Path] = true
	}

	seen := map[string]int{}
	for _, r := range rows {
		key := r.method + " " + r.path
		if prev, dup := seen[key]; dup {
			t.Errorf("README.md line %d: %s is listed again (first on line %d)", r.line, key, prev)
		}
		seen[key] = r.line
		if !ops[key] {
			t.Errorf("README.md line %d: %s is not an operation of the OpenAPI document", r.line, key)
		}
		switch {
		case !r.scope && !strings.Contains(r.path, outOfScopePaths):
			t.Errorf("README.md line %d: %s is marked out of scope; only the %s operations may be", r.line, key, outOfScopePaths)
		case !r.scope && len(r.types) != 0:
			t.Errorf("README.md line %d: %s is out of scope but names %v", r.line, key, r.types)
		case r.scope && len(r.types) == 0:
			t.Errorf("README.md line %d: %s names no pulumicloud_* type", r.line, key)
		}
		if len(r.tests) == 0 {
			t.Errorf("README.md line %d: %s cites no test", r.line, key)
		}
		for _, name := range r.tests {
			if !funcs[name] {
				t.Errorf("README.md line %d: %s cites %s, which no *_test.go file declares", r.line, key, name)
			}
		}
	}
	for op := range ops {
		if _, ok := seen[op]; !ok {
			t.Errorf("the coverage table has no row for the OpenAPI document's %s", op)
		}
	}

	// Every row is a route of the API: the emulator answers an unrouted
	// request with "Not found" / "Method not allowed", a routed one with its
	// handler's own answer.
	emu, err := emulator.New(emulator.Options{Orgs: []string{testOrg}})
	if err != nil {
		t.Fatal(err)
	}
	params := strings.NewReplacer("{orgName}", testOrg, "{provider}", "github", "{integrationId}", "no-such-id",
		"{repoId}", "1", "{adoOrgName}", "acmecorp")
	for _, r := range rows {
		req := httptest.NewRequest(r.method, params.Replace(r.path), strings.NewReader("{}"))
		req.Header.Set("Authorization", "token "+emulator.DefaultToken)
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		emu.Handler().ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Result().Body)
		var e struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(body, &e)
		if rec.Code == http.StatusMethodNotAllowed || (rec.Code == http.StatusNotFound && e.Message == "Not found") {
			t.Errorf("README.md line %d: %s %s is not an API route (HTTP %d %s)", r.line, r.method, r.path, rec.Code, body)
		}
	}
}

// TestEndpointCoverageTableTypes checks that every Terraform type the
// coverage table names is one the provider serves.
func TestEndpointCoverageTableTypes(t *testing.T) {
	served := map[string]bool{}
	ctx := context.Background()
	for _, f := range resources() {
		var resp resource.MetadataResponse
		f().Metadata(ctx, resource.MetadataRequest{ProviderTypeName: "pulumicloud"}, &resp)
		served[resp.TypeName] = true
	}
	for _, f := range dataSources() {
		var resp datasource.MetadataResponse
		f().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "pulumicloud"}, &resp)
		served[resp.TypeName] = true
	}
	for _, f := range actions() {
		var resp action.MetadataResponse
		f().Metadata(ctx, action.MetadataRequest{ProviderTypeName: "pulumicloud"}, &resp)
		served[resp.TypeName] = true
	}
	for _, r := range readCoverageTable(t, coverageRepoRoot(t)) {
		for _, typ := range r.types {
			if !served[typ] {
				t.Errorf("README.md line %d: %s %s names %s, which the provider does not serve", r.line, r.method, r.path, typ)
			}
		}
	}
}
