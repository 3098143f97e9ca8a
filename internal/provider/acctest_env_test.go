package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/clitest"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// testOrg is the organization every acceptance test works in.
const testOrg = "acme"

// protoV6ProviderFactories serves the provider in-process to the real
// terraform CLI that terraform-plugin-testing drives.
var protoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"pulumicloud": providerserver.NewProtocol6WithError(New("test")()),
}

// testEnv is one emulator on loopback, private to one test so that tests can
// run in parallel and count requests without seeing each other's.
type testEnv struct {
	emu *emulator.Emulator
	url string
}

// newTestEnv starts an emulator with opts (seeded world, org "acme") and
// stops it when the test ends. The emulator holds every request the provider
// sends to the OpenAPI document, and the test fails on one that breaks it:
// what the provider sends is what the service documents, in every acceptance
// test. Its own answers are the emulator's tests' business (an error status
// the document leaves out, such as a 404 for an unknown Azure DevOps
// organization, is only logged here).
func newTestEnv(t *testing.T, opts emulator.Options) *testEnv {
	t.Helper()
	if opts.Orgs == nil {
		opts.Orgs = []string{testOrg}
	}
	opts.CheckSpec = true
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	url, err := emu.Start("127.0.0.1:0")
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	t.Cleanup(func() {
		for _, v := range emu.SpecViolations() {
			if v.Request {
				t.Errorf("the provider's request %s %s breaks the OpenAPI document: %s", v.Method, v.Path, v.Error)
			} else {
				t.Logf("the emulator's answer to %s %s is not in the OpenAPI document: %s", v.Method, v.Path, v.Error)
			}
		}
		_ = emu.Close()
	})
	return &testEnv{emu: emu, url: url}
}

// client talks to this emulator directly, for checks outside Terraform.
func (e *testEnv) client(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{BaseURL: e.url, Token: emulator.DefaultToken})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// requestCount is how many API requests this emulator has served.
func (e *testEnv) requestCount() int { return len(e.emu.Requests()) }

// expectNoRequests fails the test when this emulator has served a request:
// what (such as "invalid inputs") should have been refused before any.
func (e *testEnv) expectNoRequests(t *testing.T, what string) {
	t.Helper()
	if n := e.requestCount(); n != 0 {
		t.Errorf("%s sent %d requests, want 0", what, n)
	}
}

// knownListExact is the state a list must have: one item per element of
// items, in order, each as check describes it.
func knownListExact[T any](items []T, check func(T) knownvalue.Check) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(items))
	for _, it := range items {
		checks = append(checks, check(it))
	}
	return knownvalue.ListExact(checks)
}

func TestMain(m *testing.M) {
	// Keep terraform-plugin-testing from downloading a CLI: use the one on PATH.
	if os.Getenv("TF_ACC") != "" && os.Getenv("TF_ACC_TERRAFORM_PATH") == "" {
		fmt.Fprintln(os.Stderr, "TF_ACC_TERRAFORM_PATH is not set; `make test` sets it to the terraform on PATH")
	}
	code := m.Run()
	clitest.RemoveBuilt() // the provider binary the CLI tests built, if any
	os.Exit(code)
}

// newProxiedTestEnv is newTestEnv with hook in front of the emulator: hook
// may answer a request itself (returning true) or prepare the emulator (e.g.
// FailNext) for exactly the request it wants to disturb.
func newProxiedTestEnv(t *testing.T, opts emulator.Options, hook func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool) *testEnv {
	t.Helper()
	if opts.Orgs == nil {
		opts.Orgs = []string{testOrg}
	}
	emu, err := emulator.New(opts)
	if err != nil {
		t.Fatalf("starting emulator: %v", err)
	}
	inner := emu.Handler()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hook(w, r, emu) {
			return
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return &testEnv{emu: emu, url: srv.URL}
}

// onceMatching runs fn the first time a request with method and path suffix
// arrives.
func onceMatching(method, suffix string, fn func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool) func(http.ResponseWriter, *http.Request, *emulator.Emulator) bool {
	var once sync.Once
	return func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
		handled := false
		if r.Method == method && strings.HasSuffix(r.URL.Path, suffix) {
			once.Do(func() { handled = fn(w, r, emu) })
		}
		return handled
	}
}

// countRequests counts the emulator's requests of method whose path ends in suffix.
func (e *testEnv) countRequests(method, suffix string) int {
	n := 0
	for _, r := range e.emu.Requests() {
		if r.Method == method && strings.HasSuffix(r.Path, suffix) {
			n++
		}
	}
	return n
}
