package releasetest

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestReleaseSnapshotFollowsGoreleaser runs scripts/release-snapshot.sh and
// holds what it built to .goreleaser.yml: the platform is in the build
// matrix; the output is exactly the zip, the checksum file and the manifest
// under the config's name templates; the zip holds goreleaser's default
// files and the binary under the `binary` template, with the build's
// mod_timestamp; the binary's own build info records the config's env,
// flags and ldflags; SHA256SUMS has a correct sha256 line for the zip and
// the manifest; the manifest is terraform-registry-manifest.json, protocol
// 6.0. A change to the config or to the script alone fails it.
func TestReleaseSnapshotFollowsGoreleaser(t *testing.T) {
	art := releaseArtifacts(t)
	cfg := loadGoreleaserConfig(t, art.root)
	build, archive := cfg.Builds[0], cfg.Archives[0]

	commitTime, err := exec.Command("git", "-C", art.root, "log", "-1", "--format=%ct").Output()
	if err != nil {
		t.Fatalf("git log: %v", err)
	}
	data := templateData{
		ProjectName: cfg.ProjectName, Version: art.version, Os: runtime.GOOS, Arch: runtime.GOARCH,
		CommitTimestamp: strings.TrimSpace(string(commitTime)),
	}

	// This platform is one the release builds.
	ignored := slices.Contains(build.Ignore, platform{Goos: data.Os, Goarch: data.Arch})
	if !slices.Contains(build.Goos, data.Os) || !slices.Contains(build.Goarch, data.Arch) || ignored {
		t.Fatalf("%s_%s is not in .goreleaser.yml's build matrix; the snapshot would not match a release", data.Os, data.Arch)
	}

	// Exactly the three artifacts, named by the config's templates.
	zipName := render(t, archive.NameTemplate, data) + ".zip"
	sumsName := render(t, cfg.Checksum.NameTemplate, data)
	if len(cfg.Checksum.ExtraFiles) != 1 {
		t.Fatalf(".goreleaser.yml: %d checksum extra_files; the script adds exactly the registry manifest", len(cfg.Checksum.ExtraFiles))
	}
	manifestFile := cfg.Checksum.ExtraFiles[0]
	manifestName := render(t, manifestFile.NameTemplate, data)
	if !slices.Equal(cfg.Release.ExtraFiles, cfg.Checksum.ExtraFiles) {
		t.Errorf(".goreleaser.yml: release.extra_files %v differ from checksum.extra_files %v; the registry needs the manifest both uploaded and in SHA256SUMS",
			cfg.Release.ExtraFiles, cfg.Checksum.ExtraFiles)
	}
	entries, err := os.ReadDir(art.dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if want := []string{sumsName, zipName, manifestName}; !sameSet(got, want) {
		t.Fatalf("the script wrote %v; .goreleaser.yml names %v\n%s", got, want, art.output)
	}

	// The zip: default files, then the binary.
	binaryName := render(t, build.Binary, data)
	zr, err := zip.OpenReader(filepath.Join(art.dir, zipName))
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = zr.Close() }()
	var inZip []string
	var binary *zip.File
	for _, f := range zr.File {
		inZip = append(inZip, f.Name)
		if f.Name == binaryName {
			binary = f
		}
	}
	if want := append(defaultArchiveMatches(t, art.root), binaryName); !sameSet(inZip, want) {
		t.Fatalf("%s holds %v; goreleaser would put %v into it", zipName, inZip, want)
	}
	if binary.Mode()&0o111 == 0 {
		t.Errorf("%s: %s is not executable (mode %v)", zipName, binaryName, binary.Mode())
	}
	if want, err := strconv.ParseInt(render(t, build.ModTimestamp, data), 10, 64); err != nil {
		t.Errorf("mod_timestamp %q: %v", build.ModTimestamp, err)
	} else if got := binary.Modified.Unix(); got != want {
		t.Errorf("%s is dated %d; mod_timestamp says %d", binaryName, got, want)
	}

	// The binary: env and flags as its build info records them, ldflags as
	// their effects (Go leaves -ldflags out of the build info of a -trimpath
	// build).
	binaryPath := extract(t, binary)
	checkLdflags(t, binaryPath, strings.Fields(render(t, strings.Join(build.Ldflags, " "), data)))
	settings := buildSettings(t, binaryPath)
	wantSettings := map[string]string{}
	for _, kv := range build.Env {
		k, v, _ := strings.Cut(kv, "=")
		wantSettings[k] = v
	}
	for _, flag := range build.Flags {
		k, v := buildSetting(flag)
		wantSettings[k] = v
	}
	for k, want := range wantSettings {
		if got, ok := settings[k]; !ok || got != want {
			t.Errorf("the binary was built with %s=%q (recorded: %t); .goreleaser.yml says %q", k, got, ok, want)
		}
	}

	// SHA256SUMS: one correct line per artifact, as goreleaser writes it.
	if cfg.Checksum.Algorithm != "sha256" {
		t.Fatalf(".goreleaser.yml: checksum algorithm %q; the script writes sha256", cfg.Checksum.Algorithm)
	}
	sums, err := os.ReadFile(filepath.Join(art.dir, sumsName))
	if err != nil {
		t.Fatal(err)
	}
	var wantSums strings.Builder
	for _, name := range []string{zipName, manifestName} { // sorted by name, as goreleaser sorts them
		fmt.Fprintf(&wantSums, "%s  %s\n", sha256File(t, filepath.Join(art.dir, name)), name)
	}
	if string(sums) != wantSums.String() {
		t.Errorf("%s:\n%s\nwant:\n%s", sumsName, sums, wantSums.String())
	}

	// The manifest: the repository's file, renamed, protocol 6.0.
	source, err := os.ReadFile(filepath.Join(art.root, manifestFile.Glob))
	if err != nil {
		t.Fatalf("checksum.extra_files glob %q: %v", manifestFile.Glob, err)
	}
	written, err := os.ReadFile(filepath.Join(art.dir, manifestName))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(source, written) {
		t.Errorf("%s differs from %s", manifestName, manifestFile.Glob)
	}
	var manifest struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(written, &manifest); err != nil {
		t.Fatalf("%s: %v", manifestName, err)
	}
	if manifest.Version != 1 || !slices.Equal(manifest.Metadata.ProtocolVersions, []string{"6.0"}) {
		t.Errorf("%s = %s; the registry needs version 1 with protocol_versions [\"6.0\"] for a plugin-framework provider", manifestName, written)
	}
}

// extract writes the zip entry f to a temporary file and returns its path.
func extract(t *testing.T, f *zip.File) string {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = rc.Close() }()
	path := filepath.Join(t.TempDir(), filepath.Base(f.Name))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := out.ReadFrom(rc); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// buildSettings are the build settings Go recorded in the binary (what
// `go version -m` prints).
func buildSettings(t *testing.T, path string) map[string]string {
	t.Helper()
	info, err := buildinfo.ReadFile(path)
	if err != nil {
		t.Fatalf("build info of %s: %v", path, err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	return settings
}

// checkLdflags checks each linker flag by its effect on the binary: -s
// leaves no symbol table, -w no DWARF (both read from ELF, so checked on
// Linux), -X name=value puts value into the binary's data.
func checkLdflags(t *testing.T, path string, flags []string) {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var sections []string
	if f, err := elf.Open(path); err == nil {
		for _, s := range f.Sections {
			sections = append(sections, s.Name)
		}
		_ = f.Close()
	}
	hasSection := func(prefix string) bool {
		return slices.ContainsFunc(sections, func(s string) bool { return strings.HasPrefix(s, prefix) })
	}
	for i := 0; i < len(flags); i++ {
		switch flag := flags[i]; {
		case flag == "-s" && sections != nil:
			if hasSection(".symtab") {
				t.Errorf("ldflags has -s but the binary has a symbol table")
			}
		case flag == "-w" && sections != nil:
			if hasSection(".debug_") || hasSection(".zdebug_") {
				t.Errorf("ldflags has -w but the binary has DWARF sections")
			}
		case flag == "-s" || flag == "-w":
			t.Logf("ldflags %s: checked on ELF binaries only", flag)
		case flag == "-X" && i+1 < len(flags):
			i++
			name, value, _ := strings.Cut(flags[i], "=")
			if !bytes.Contains(content, []byte(value)) {
				t.Errorf("ldflags -X %s=%s: the binary does not hold %q", name, value, value)
			}
		default:
			t.Errorf("ldflags %q: this test cannot check it; teach the test (and the script)", flag)
		}
	}
}

func sha256File(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}
