package releasetest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
)

// testVersion is the version the artifacts are built with, as a tag v0.1.0
// would build them (a plain release version: Terraform only picks a
// prerelease when the configuration asks for exactly that version).
const testVersion = "0.1.0"

// artifacts is one run of scripts/release-snapshot.sh.
type artifacts struct {
	dir     string // the script's output directory
	root    string // the repository, where the script and .goreleaser.yml are
	version string
	output  string // what the script printed
}

var snapshot struct {
	once sync.Once
	art  *artifacts
	err  error
}

// releaseArtifacts runs scripts/release-snapshot.sh once per test process
// (a cold build takes minutes on a busy machine) into a directory TestMain
// removes. Skipped with -short.
func releaseArtifacts(t *testing.T) *artifacts {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the release artifacts; skipped with -short")
	}
	root := clitest.ModuleRoot(t)
	snapshot.once.Do(func() {
		snapshot.art, snapshot.err = buildArtifacts(root)
	})
	if snapshot.err != nil {
		t.Fatal(snapshot.err)
	}
	return snapshot.art
}

func buildArtifacts(root string) (*artifacts, error) {
	dir, err := os.MkdirTemp("", "pulumicloud-release-")
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(context.Background(), "bash", filepath.Join(root, "scripts", "release-snapshot.sh"), "-o", dir, testVersion)
	cmd.Dir = root
	// The platform the script builds for is `go env GOOS/GOARCH`; pin it to
	// this test binary's so the names the tests expect are the ones built.
	cmd.Env = append(os.Environ(), "GOOS="+runtime.GOOS, "GOARCH="+runtime.GOARCH)
	out, err := cmd.CombinedOutput()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("scripts/release-snapshot.sh: %w\n%s", err, out)
	}
	return &artifacts{dir: dir, root: root, version: testVersion, output: string(out)}, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if snapshot.art != nil {
		_ = os.RemoveAll(snapshot.art.dir)
	}
	os.Exit(code)
}
