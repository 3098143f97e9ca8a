# The id is <organization>/<integration_id>/<name>; everything after the
# second '/' is the repository's name, which may hold '/' itself.
terraform import pulumicloud_custom_vcs_repository.example acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b/platform/infra
