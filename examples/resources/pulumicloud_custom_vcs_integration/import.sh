# The id is <organization>/<integration_id>; the pulumicloud_custom_vcs_integrations
# data source lists the integration ids of an organization. An imported
# integration has no webhook_secret (the API never answers it again), and its
# state no webhook_secret_version: one set in the configuration regenerates the
# secret on the next apply. Leave it out to keep the secret the VCS has.
terraform import pulumicloud_custom_vcs_integration.example acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b
