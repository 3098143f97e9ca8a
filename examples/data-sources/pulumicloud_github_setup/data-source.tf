# The URL that installs the Pulumi GitHub App. Open it in a browser, install
# the app, then adopt the installation with pulumicloud_github_integration.
data "pulumicloud_github_setup" "this" {}

output "install_the_pulumi_github_app" {
  value = data.pulumicloud_github_setup.this.installation_url
}
