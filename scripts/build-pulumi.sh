#!/usr/bin/env bash
# Builds the Pulumi CLI and its YAML language host from the Go module proxy
# into one directory, for `make pulumi-e2e` (no Pulumi release binaries are
# reachable from our machines).
# - pulumi (github.com/pulumi/pulumi/pkg/v3, ./cmd/pulumi): `go install` refuses
#   the module because its go.mod replaces the SDK with the sibling ../sdk
#   directory of Pulumi's repository, which the module zip does not hold. So:
#   download the module, drop that replace in a writable copy (the SDK of the
#   same version then comes from the proxy) and build there.
# - pulumi-language-yaml (github.com/pulumi/pulumi-yaml): no replace, so a
#   plain `go install module@version`.
# Usage: scripts/build-pulumi.sh <pulumi version, e.g. v3.276.0> <pulumi-yaml version, e.g. v1.25.0> <output dir>
set -euo pipefail
version=$1
yaml_version=$2
out=$3
mkdir -p "$out"
out=$(cd "$out" && pwd)

. "$(dirname "$0")/gomod-source.sh"
module_source "github.com/pulumi/pulumi/pkg/v3@$version"
cd "$src"
go mod edit -dropreplace github.com/pulumi/pulumi/sdk/v3
if grep -Eq '=>[[:space:]]*\.' go.mod; then
  echo "error: go.mod of pulumi/pkg $version still has a local replace; the recipe needs updating" >&2; exit 1
fi

echo "building pulumi $version into $out (several minutes on 2 cores)"
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  -o "$out/pulumi" ./cmd/pulumi
echo "building pulumi-language-yaml $yaml_version into $out"
cd "$work"
CGO_ENABLED=0 GOFLAGS= GOBIN="$out" go install -trimpath \
  -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$yaml_version" \
  "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@$yaml_version"
"$out/pulumi" version
echo "$version $yaml_version" > "$out/pulumi.version"
