#!/usr/bin/env bash
# Builds the OpenTofu CLI from the Go module proxy (OpenTofu is not packaged
# on our machines, and `go install` refuses its module because of a replace
# directive): download the module, build ./cmd/tofu in a writable copy.
# Usage: scripts/build-tofu.sh <version, e.g. v1.12.6> <output binary>
set -euo pipefail
version=$1
out=$2

. "$(dirname "$0")/gomod-source.sh"
module_source "github.com/opentofu/opentofu@$version"
echo "building OpenTofu $version into $out (a few minutes on a small machine)"
(cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$out" ./cmd/tofu)
echo "$version" > "$out.version"
