#!/usr/bin/env bash
# Adopt every existing integration of the emulator's seeded organization:
# terraform query -generate-config-out, then plan (only imports) and apply.
# Needs Go and Terraform 1.14 or later; no credentials.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work="$root/.adopt"
terraform=${TERRAFORM:-$(command -v terraform || true)}
if [ -z "$terraform" ]; then
  echo "error: no 'terraform' on PATH; set TERRAFORM=/path/to/terraform (1.14 or later)" >&2
  exit 1
fi
version=$("$terraform" version -json | sed -n 's/.*"terraform_version": *"\([^"]*\)".*/\1/p')
case "$version" in
  0.*|1.[0-9].*|1.1[0-3].*)
    echo "error: $terraform is Terraform $version; terraform query needs 1.14 or later" >&2
    exit 1 ;;
esac
echo "==> Using $terraform (Terraform $version)"

rm -rf "$work"
mkdir -p "$work/bin" "$work/tf"
(cd "$root" && go build -o "$work/bin/terraform-provider-pulumicloud" . \
  && go build -o "$work/bin/pulumicloud-emulator" ./cmd/pulumicloud-emulator)

"$work/bin/pulumicloud-emulator" -addr 127.0.0.1:0 -ready-file "$work/url" 2>"$work/emulator.log" &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do [ -s "$work/url" ] && break; sleep 0.1; done
[ -s "$work/url" ] || { echo "error: the emulator did not start; see $work/emulator.log" >&2; exit 1; }

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/pulumicloud/pulumicloud" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1
export PULUMI_BACKEND_URL=$(cat "$work/url") PULUMI_ACCESS_TOKEN=pul-emulator-token PULUMI_ORGANIZATION=acme

cp -R "$root/examples/adopt/." "$work/tf/"
cd "$work/tf"
echo "==> terraform query -generate-config-out=generated.tf"
"$terraform" query -no-color -generate-config-out=generated.tf
echo "==> generated.tf"
cat generated.tf
echo "==> terraform plan"
"$terraform" plan -no-color -input=false -out=adopt.tfplan | tail -3
echo "==> terraform apply"
"$terraform" apply -no-color -input=false adopt.tfplan | tail -1
echo "==> terraform plan (after adopting: no changes)"
"$terraform" plan -no-color -input=false -detailed-exitcode | tail -1
