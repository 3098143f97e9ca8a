#!/usr/bin/env bash
# Builds the OpenTofu CLI from the Go module proxy (OpenTofu is not packaged
# on our machines, and `go install` refuses its module because of a replace
# directive): download the module, build ./cmd/tofu in a writable copy.
# Usage: scripts/build-tofu.sh <version, e.g. v1.12.6> <output binary>
set -euo pipefail
version=$1
out=$2

work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# Outside any module, so the provider's go.mod and go.sum are left alone.
dir=$(cd "$work" && GOFLAGS= go mod download -json "github.com/opentofu/opentofu@$version" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -n "$dir" ] || { echo "error: could not download github.com/opentofu/opentofu@$version" >&2; exit 1; }
cp -R "$dir/." "$work/src"
chmod -R u+w "$work/src"
echo "building OpenTofu $version into $out (a few minutes on a small machine)"
(cd "$work/src" && CGO_ENABLED=0 go build -trimpath -o "$out" ./cmd/tofu)
echo "$version" > "$out.version"
