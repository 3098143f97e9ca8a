package releasetest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"text/template"

	"go.yaml.in/yaml/v4"
)

// goreleaserConfig is .goreleaser.yml as far as scripts/release-snapshot.sh
// follows it. It is loaded with unknown keys rejected: a key added to the
// config that the script does not follow fails the test instead of being
// ignored by both. signs, release and changelog concern signing and
// publishing, which a snapshot never does, so their content is not checked.
type goreleaserConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Before      struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		Env          []string   `yaml:"env"`
		ModTimestamp string     `yaml:"mod_timestamp"`
		Flags        []string   `yaml:"flags"`
		Ldflags      []string   `yaml:"ldflags"`
		Goos         []string   `yaml:"goos"`
		Goarch       []string   `yaml:"goarch"`
		Ignore       []platform `yaml:"ignore"`
		Binary       string     `yaml:"binary"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		ExtraFiles   []extraFile `yaml:"extra_files"`
		NameTemplate string      `yaml:"name_template"`
		Algorithm    string      `yaml:"algorithm"`
	} `yaml:"checksum"`
	Signs   []any `yaml:"signs"`
	Release struct {
		GitHub     any         `yaml:"github"`
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
	Changelog any `yaml:"changelog"`
}

// platform is one goos/goarch pair of the build matrix.
type platform struct {
	Goos   string `yaml:"goos"`
	Goarch string `yaml:"goarch"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

// loadGoreleaserConfig reads .goreleaser.yml and checks the shape the script
// assumes: one build, one zip archive with goreleaser's default files.
func loadGoreleaserConfig(t *testing.T, root string) *goreleaserConfig {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg goreleaserConfig
	if err := yaml.Load(data, &cfg, yaml.WithKnownFields()); err != nil {
		t.Fatalf(".goreleaser.yml has a key scripts/release-snapshot.sh does not follow (teach the script, then this test): %v", err)
	}
	if cfg.Version != 2 {
		t.Fatalf(".goreleaser.yml: version %d, the script follows goreleaser v2's config", cfg.Version)
	}
	if len(cfg.Builds) != 1 || len(cfg.Archives) != 1 {
		t.Fatalf(".goreleaser.yml: %d builds and %d archives; the script builds exactly one of each", len(cfg.Builds), len(cfg.Archives))
	}
	if f := cfg.Archives[0].Formats; len(f) != 1 || f[0] != "zip" {
		t.Fatalf(".goreleaser.yml: archive formats %v; the Terraform Registry and the script take exactly [zip]", f)
	}
	return &cfg
}

// templateData is what goreleaser's templates see, as far as ours use it.
type templateData struct {
	ProjectName, Version, Os, Arch, CommitTimestamp string
}

// render applies one of the config's templates as goreleaser does (Go
// text/template); a field goreleaser has and this test does not fails it.
func render(t *testing.T, tmpl string, data templateData) string {
	t.Helper()
	parsed, err := template.New("goreleaser").Option("missingkey=error").Parse(tmpl)
	if err != nil {
		t.Fatalf("template %q: %v", tmpl, err)
	}
	var b bytes.Buffer
	if err := parsed.Execute(&b, data); err != nil {
		t.Fatalf("template %q uses what this test does not model (teach the script and templateData): %v", tmpl, err)
	}
	return b.String()
}

// defaultArchiveFiles are the files goreleaser puts into every archive when
// `files` is unset, before the binary.
var defaultArchiveFiles = []string{"license*", "LICENSE*", "readme*", "README*", "changelog*", "CHANGELOG*"}

func defaultArchiveMatches(t *testing.T, root string) []string {
	t.Helper()
	seen := map[string]bool{}
	var names []string
	for _, pattern := range defaultArchiveFiles {
		matches, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range matches {
			if st, err := os.Stat(m); err == nil && st.Mode().IsRegular() && !seen[filepath.Base(m)] {
				seen[filepath.Base(m)] = true
				names = append(names, filepath.Base(m))
			}
		}
	}
	return names
}

// buildSetting is the build-info key and value a goreleaser build flag
// leaves in the binary: "-trimpath" -> ("-trimpath", "true"),
// "-tags=a,b" -> ("-tags", "a,b").
func buildSetting(flag string) (key, value string) {
	if k, v, ok := strings.Cut(flag, "="); ok {
		return k, v
	}
	return flag, "true"
}
