# Remote state: every CI job starts on a fresh runner, so the state must live
# outside it, with locking, or each pipeline would start from nothing. Replace
# this placeholder with your backend before the first apply. Examples:
#
# HCP Terraform:
#   terraform {
#     cloud {
#       organization = "acme"
#       workspaces {
#         name = "pulumicloud-vcs"
#       }
#     }
#   }
#
# GitLab-managed state (gitlab-ci.yml sets TF_HTTP_* for it):
#   terraform {
#     backend "http" {}
#   }
#
# S3 (or gcs, azurerm), with the rest passed by pipeline.sh from
# $TF_BACKEND_CONFIG (-backend-config=<file>):
#   terraform {
#     backend "s3" {
#       key = "pulumicloud/vcs.tfstate"
#     }
#   }
#
# Without a backend block Terraform keeps terraform.tfstate in the working
# directory: fine for trying the pipeline locally against the emulator, lost
# on a CI runner.
