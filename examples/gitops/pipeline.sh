#!/bin/sh
# The GitOps pipeline's commands, in one place: github-actions.yml and
# gitlab-ci.yml call it, and the provider's tests run it against the Pulumi
# Cloud emulator, so what CI runs is what is tested. POSIX sh: the
# hashicorp/terraform image has no bash.
#
# Usage: pipeline.sh plan|apply|drift   (in the directory of the *.tf files)
#   plan   fmt -check, init, validate, then plan -detailed-exitcode into
#          $PLAN_FILE (the artifact reviewers approve) and $PLAN_FILE.txt.
#          Exit 0 with or without changes, 1 on any error.
#   apply  init, then apply exactly $PLAN_FILE. Terraform refuses a plan made
#          against a state that has changed since ("Saved plan is stale").
#   drift  init, then plan -detailed-exitcode: exit 0 when Pulumi Cloud
#          matches the code, 2 when it drifted (or the code has unapplied
#          changes), 1 on error.
#
# Environment: PULUMI_ACCESS_TOKEN (from the CI's secret store) and
# PULUMI_ORGANIZATION for the provider; TERRAFORM (default: terraform on
# PATH); PLAN_FILE (default: tfplan); TF_BACKEND_CONFIG, an optional
# -backend-config file for a partially configured backend (backend.tf).
set -eu

tf=${TERRAFORM:-terraform}
plan_file=${PLAN_FILE:-tfplan}

say() { printf '==> %s\n' "$*"; }

die() {
  printf 'pipeline.sh: %s\n' "$*" >&2
  exit 1
}

[ -n "${PULUMI_ACCESS_TOKEN:-}" ] ||
  die "PULUMI_ACCESS_TOKEN is not set: give the job the secret (GitHub: secrets.PULUMI_ACCESS_TOKEN; GitLab: a masked CI/CD variable)"

init() {
  say "$tf init"
  if [ -n "${TF_BACKEND_CONFIG:-}" ]; then
    "$tf" init -input=false -backend-config="$TF_BACKEND_CONFIG"
  else
    "$tf" init -input=false
  fi
}

# plan_exitcode runs plan -detailed-exitcode with "$@" and prints its exit
# code (0 no changes, 1 error, 2 changes) without letting set -e stop here.
plan_exitcode() {
  rc=0
  "$tf" plan -input=false -detailed-exitcode "$@" >&2 || rc=$?
  echo "$rc"
}

case "${1:-}" in
plan)
  say "$tf fmt -check"
  "$tf" fmt -check -diff -recursive || die "formatting: run 'terraform fmt -recursive' and commit"
  init
  say "$tf validate"
  "$tf" validate
  say "$tf plan -out=$plan_file"
  rc=$(plan_exitcode -out="$plan_file")
  case $rc in
  0) say "no changes" ;;
  2) say "changes: review $plan_file.txt; merging to main applies exactly this plan" ;;
  *) die "plan failed (exit $rc)" ;;
  esac
  "$tf" show -no-color "$plan_file" >"$plan_file.txt"
  ;;
apply)
  [ -f "$plan_file" ] || die "no $plan_file here: apply runs only the plan the plan job saved"
  init
  say "$tf apply $plan_file"
  "$tf" apply -input=false "$plan_file"
  ;;
drift)
  init
  say "$tf plan -detailed-exitcode (drift check)"
  rc=$(plan_exitcode)
  case $rc in
  0) say "no drift: Pulumi Cloud matches the code" ;;
  2)
    say "drift: Pulumi Cloud differs from the code (see the plan above); apply the code or change it to match"
    exit 2
    ;;
  *) die "drift check failed (exit $rc)" ;;
  esac
  ;;
*)
  die "usage: pipeline.sh plan|apply|drift"
  ;;
esac
