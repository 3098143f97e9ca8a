#!/usr/bin/env bash
# Builds the Terraform CLI from the Go module proxy. Terraform >= 1.12 is not
# packaged on our machines, and `go install` fails: its go.mod replaces nine
# remote-state backend modules and internal/legacy with nested modules that
# the module zip leaves out. Terraform builds fine without them, so this
# drops those replace/require lines and the nine backends (azurerm, consul,
# cos, gcs, kubernetes, oci, oss, pg, s3) from internal/backend/init; local,
# remote, http, inmem and cloud stay. internal/legacy is only used by those
# backends.
# Usage: scripts/build-terraform.sh <version, e.g. v1.16.4> <output binary>
set -euo pipefail
version=$1
out=$2

. "$(dirname "$0")/gomod-source.sh"
module_source "github.com/hashicorp/terraform@$version"
cd "$src"

dropped='azure|consul|cos|gcs|kubernetes|oci|oss|pg|s3'
# go.mod: the nested modules' require and replace lines.
sed -i -E '/github\.com\/hashicorp\/terraform\/internal\//d' go.mod
# init.go: their imports and map entries.
init=internal/backend/init/init.go
sed -i -E "/\"github\.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/($dropped)\"/d" "$init"
sed -i -E '/^[[:space:]]*"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)":[[:space:]]+func\(\)/d' "$init"
if grep -Eq "remote-state/($dropped)\"" "$init"; then
  echo "error: $init still imports a dropped backend; the recipe needs updating for $version" >&2; exit 1
fi

echo "building Terraform $version into $out (about 6 minutes on 2 cores)"
CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath \
  -ldflags "-s -w -X github.com/hashicorp/terraform/version.dev=no" -o "$out" .
# sed reads to the end: head would close the pipe early, and a CLI that
# prints more would die of SIGPIPE under pipefail (seen with 1.16.4).
"$out" version | sed -n 1p
echo "$version" > "$out.version"
