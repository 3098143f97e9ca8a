data "pulumicloud_bitbucket_access_status" "me" {}

locals {
  web = one([for w in data.pulumicloud_bitbucket_access_status.me.available_workspaces : w if w.slug == "acme-web"])
}

resource "pulumicloud_bitbucket_integration" "web" {
  workspace_uuid = local.web.uuid
  workspace_slug = local.web.slug
  use_user_auth  = true
}
