#!/usr/bin/env bash
# Builds the release artifacts for this platform as `goreleaser release` would
# from .goreleaser.yml for a tag, without goreleaser (the module proxy serves
# it here only as an unapproved copy): the zip, the SHA256SUMS file and the
# registry manifest, named as the release names them. Nothing is signed or
# published. internal/releasetest checks these against .goreleaser.yml, so a
# change to one that is not made to the other fails `make test`.
#
# Usage: scripts/release-snapshot.sh [-o DIR] [VERSION]
#   DIR      where the artifacts go (default: dist)
#   VERSION  without the leading v (default: as `goreleaser --snapshot` names
#            it: the latest tag, else 0.0.0, then -SNAPSHOT-<short commit>)
#
# What it follows (keep in step with .goreleaser.yml):
#   builds:   env CGO_ENABLED=0, flags -trimpath,
#             ldflags "-s -w -X main.version={{.Version}}",
#             binary "{{ .ProjectName }}_v{{ .Version }}",
#             mod_timestamp "{{ .CommitTimestamp }}"
#   archives: zip "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}.zip"
#             holding goreleaser's default files (LICENSE*, README*,
#             CHANGELOG*) and the binary
#   checksum: "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS" (sha256) over the
#             zip and terraform-registry-manifest.json, renamed
#             "{{ .ProjectName }}_{{ .Version }}_manifest.json"
# The `before` hook (go mod tidy) is what `make tidy-check` verifies; this
# script never edits the work tree.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=$root/dist
while getopts "o:" opt; do
  case $opt in
  o) out=$OPTARG ;;
  *) echo "usage: $0 [-o DIR] [VERSION]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
cd "$root"

project=terraform-provider-pulumicloud
if [ $# -ge 1 ]; then
  version=${1#v}
else
  tag=$(git describe --tags --abbrev=0 2>/dev/null || echo v0.0.0)
  version="${tag#v}-SNAPSHOT-$(git rev-parse --short HEAD)"
fi
os=$(go env GOOS)
arch=$(go env GOARCH)
commit_time=$(git log -1 --format=%ct 2>/dev/null || date +%s)
command -v zip >/dev/null || { echo "error: release-snapshot needs 'zip' (apt-get install zip)" >&2; exit 1; }

binary=${project}_v${version}
archive=${project}_${version}_${os}_${arch}.zip
sums=${project}_${version}_SHA256SUMS
manifest=${project}_${version}_manifest.json

mkdir -p "$out"
out=$(cd "$out" && pwd)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

echo "release-snapshot: $project $version for ${os}_${arch} into ${out#"$root"/}"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$version" -o "$stage/$binary" .
touch -d "@$commit_time" "$stage/$binary"

# goreleaser's default archive files, then the binary, without directories.
files=()
for pattern in 'license*' 'LICENSE*' 'readme*' 'README*' 'changelog*' 'CHANGELOG*'; do
  for f in $pattern; do [ -f "$f" ] && files+=("$f"); done
done
cp "${files[@]}" "$stage/"
rm -f "$out/$archive"
(cd "$stage" && zip -q "$out/$archive" $(printf '%s\n' "${files[@]}" | sort -u) "$binary")

cp terraform-registry-manifest.json "$out/$manifest"
(cd "$out" && sha256sum "$archive" "$manifest" | sort -k2 >"$sums")

echo "release-snapshot: wrote"
(cd "$out" && ls -1 "$archive" "$manifest" "$sums" | sed 's/^/  /')
