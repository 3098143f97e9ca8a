// Package client is a typed REST client for the Pulumi Cloud VCS integrations
// API (../shared/spec/vcs-integrations-api.txt). It speaks HTTP and JSON only
// and knows nothing of Terraform: one file per integration kind, with auth,
// retries, the user agent, error decoding and logging kept in client.go,
// retry.go and errors.go.
package client
