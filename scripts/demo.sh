#!/usr/bin/env bash
# The main job: build the provider and the emulator, start the emulator on
# loopback, point the real terraform CLI at the fresh provider through a
# throwaway CLI config (the user's own is never touched), apply examples/demo
# and show what it created. Needs only Go and terraform; no credentials.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.demo"
# The CLI: $TERRAFORM when set, else the newest of the terraform on PATH and
# the pinned builds in bin/ (`make terraform-new` builds bin/terraform-1.16;
# the demo never builds one itself).
newest_terraform() {
  local best="" best_v="" c v
  for c in "$(command -v terraform || true)" "$root"/bin/terraform-*; do
    case $c in *.version | "") continue ;; esac
    [ -f "$c" ] && [ -x "$c" ] || continue
    v=$("$c" version -json 2>/dev/null | sed -n 's/^ *"terraform_version": *"\([^"]*\)".*/\1/p')
    [ -n "$v" ] || continue
    if [ -z "$best_v" ] || [ "$(printf '%s\n%s\n' "$best_v" "$v" | sort -V | tail -1)" != "$best_v" ]; then
      best=$c best_v=$v
    fi
  done
  echo "$best"
}
terraform=${TERRAFORM:-$(newest_terraform)}
if [ -z "$terraform" ]; then
  echo "error: no 'terraform' on PATH; install Terraform >= 1.11 or set TERRAFORM=/path/to/terraform (or tofu)" >&2
  exit 1
fi
# Absolute, since the demo runs it from .demo/tf (TERRAFORM=bin/tofu works).
case $terraform in
/*) ;;
*/*) terraform="$PWD/$terraform" ;;
*) terraform=$(command -v "$terraform") || { echo "error: TERRAFORM=$TERRAFORM is not on PATH" >&2; exit 1; } ;;
esac

rm -rf "$work"
mkdir -p "$work/bin" "$work/tf"

echo "==> Using $("$terraform" version 2>/dev/null | head -1) (${terraform#"$root"/})"
if [ -z "${TERRAFORM:-}" ] && ! compgen -G "$root/bin/terraform-*[0-9]" >/dev/null; then
  echo "    (\`make terraform-new\` builds Terraform 1.16 into bin/; the demo uses the newest it finds)"
fi

echo "==> Building the provider and the emulator"
(cd "$root" && go build -o "$work/bin/terraform-provider-pulumicloud" . \
  && go build -o "$work/bin/pulumicloud-emulator" ./cmd/pulumicloud-emulator)

echo "==> Starting the Pulumi Cloud emulator on loopback"
"$work/bin/pulumicloud-emulator" -addr 127.0.0.1:0 -ready-file "$work/url" \
  -state "$work/emulator-state.json" 2>"$work/emulator.log" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { echo "error: the emulator did not start; see $work/emulator.log" >&2; exit 1; }
url=$(cat "$work/url")
echo "    emulator at $url (log: .demo/emulator.log)"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/pulumicloud/pulumicloud" = "$work/bin"
    "registry.opentofu.org/pulumicloud/pulumicloud" = "$work/bin"
  }
  direct {}
}
RC

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
export PULUMI_BACKEND_URL="$url"
export PULUMI_ACCESS_TOKEN=pul-emulator-token
export PULUMI_ORGANIZATION=acme

cp -R "$root/examples/demo/." "$work/tf/"
cd "$work/tf"

echo "==> terraform apply (examples/demo)"
"$terraform" apply -auto-approve -input=false -no-color

echo
echo "==> What Terraform now manages"
"$terraform" state list
echo
echo "==> Outputs"
"$terraform" output -no-color

echo
echo "==> A second plan is empty (nothing drifts)"
"$terraform" plan -detailed-exitcode -input=false -no-color >/dev/null && echo "    no changes"
