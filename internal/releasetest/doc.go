// Package releasetest holds the tests of the release artifacts: that
// scripts/release-snapshot.sh builds what .goreleaser.yml describes (names,
// build flags, ldflags, checksums, registry manifest), and that Terraform and
// OpenTofu install those artifacts from a filesystem mirror with
// `terraform init`, as users without registry access do. It has no code of
// its own.
package releasetest
