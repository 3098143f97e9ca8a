// Package bench holds end-to-end benchmarks that run the real Terraform (or
// OpenTofu) CLI against the provider binary and an in-process emulator, and
// report the provider's cost next to the CLI's own floor. It has no code of
// its own: see apply_bench_test.go and BENCHMARKS.md at the repository root.
package bench
