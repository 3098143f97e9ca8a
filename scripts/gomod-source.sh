# Sourced by the build-*.sh scripts: module_source MODULE@VERSION sets $work
# (a temporary directory, removed on exit) and $src, a writable copy of the
# module's source downloaded from the Go module proxy. Tools whose go.mod has
# replace directives cannot be `go install`ed; they are built in that copy.
module_source() {
  work=$(mktemp -d)
  trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
  local dir
  # Outside any module, so the provider's go.mod and go.sum are left alone.
  dir=$(cd "$work" && GOFLAGS= go mod download -json "$1" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -n "$dir" ] || { echo "error: could not download $1" >&2; exit 1; }
  src=$work/src
  cp -R "$dir/." "$src"
  chmod -R u+w "$src"
}
