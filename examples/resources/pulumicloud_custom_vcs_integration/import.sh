# The id is <organization>/<integration_id>; the pulumicloud_custom_vcs_integrations
# data source lists the integration ids of an organization. An imported
# integration has no webhook_secret until webhook_secret_version is changed.
terraform import pulumicloud_custom_vcs_integration.example acme/3f1c0a52-7a9e-4a8b-9a61-2c4d5e6f7a8b
