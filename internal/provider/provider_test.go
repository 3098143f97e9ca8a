package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

func TestUserAgentNamesProviderAndTerraform(t *testing.T) {
	ua := userAgent("1.2.3", "1.11.4")
	for _, want := range []string{"terraform-provider-pulumicloud/1.2.3", "Terraform/1.11.4"} {
		if !strings.Contains(ua, want) {
			t.Errorf("userAgent = %q, want it to contain %q", ua, want)
		}
	}
	if ua := userAgent("dev", ""); !strings.Contains(ua, "Terraform/unknown") {
		t.Errorf("userAgent without a Terraform version = %q", ua)
	}
}

func TestBackendURLFromEnvTakesOnlyHTTPURLs(t *testing.T) {
	for value, want := range map[string]string{
		"https://api.pulumi.example":    "https://api.pulumi.example",
		"http://127.0.0.1:8383":         "http://127.0.0.1:8383",
		"file://~":                      "", // a Pulumi CLI file backend, not an API
		"s3://bucket/state":             "",
		"":                              "",
		"gs://bucket":                   "",
		"azblob://container?x=y":        "",
		"HTTPS://selfhosted.example":    "HTTPS://selfhosted.example", // the scheme's case does not matter
		"Http://127.0.0.1:8383":         "Http://127.0.0.1:8383",
		" https://selfhosted.example\n": "https://selfhosted.example", // nor surrounding spaces
		"\thttps://selfhosted.example ": "https://selfhosted.example",
		"https//selfhosted.example":     "",
		"httpsx://selfhosted.example":   "",
		"  ":                            "",
	} {
		if got := backendURLFromEnv(value); got != want {
			t.Errorf("PULUMI_BACKEND_URL=%q: got %q, want %q", value, got, want)
		}
	}
	// The client takes what the variable names, whatever the scheme's case.
	if _, err := client.ValidateBaseURL(backendURLFromEnv(" HTTPS://selfhosted.example ")); err != nil {
		t.Errorf("the client refuses the URL the variable names: %v", err)
	}
}

// When PULUMI_BACKEND_URL is set but not used, a warning says so, names the
// value with any password masked, and says where requests go instead.
func TestResolveAPIURLWarnsWhenBackendURLUnused(t *testing.T) {
	const password = "hunter2-s3cret"
	for _, tc := range []struct {
		name, configured, env, wantURL string
		wantWarning                    []string // "" entries: no warning
	}{
		{"env used", "", "HTTPS://selfhosted.example", "HTTPS://selfhosted.example", nil},
		{"nothing set", "", "", "", nil},
		{"config only", "https://a.example", "", "https://a.example", nil},
		{"config and env agree", "https://a.example", " https://a.example/ ", "https://a.example", nil},
		{"state backend", "", "s3://user:" + password + "@bucket/state", "",
			[]string{`"s3://user:xxxxx@bucket/state"`, "not an http(s) URL", client.DefaultBaseURL, "api_url"}},
		{"file backend", "", "file://~", "", []string{`"file://~"`, client.DefaultBaseURL}},
		{"config overrides env", "https://a.example", "https://admin:" + password + "@b.example", "https://a.example",
			[]string{`"https://admin:xxxxx@b.example"`, "api_url", "takes precedence", "https://a.example"}},
		{"lone user name", "", "s3://" + password + "@bucket", "", []string{`"s3://xxxxx@bucket"`}},
		{"unparseable", "", "gs://u:" + password + "@bucket/%zz", "", []string{"gs://xxxxx@bucket/%zz"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, warning := resolveAPIURL(tc.configured, tc.env)
			if got != tc.wantURL {
				t.Errorf("API URL %q, want %q", got, tc.wantURL)
			}
			if (warning != "") != (len(tc.wantWarning) > 0) {
				t.Fatalf("warning %q, want one: %v", warning, len(tc.wantWarning) > 0)
			}
			for _, w := range tc.wantWarning {
				if !strings.Contains(warning, w) {
					t.Errorf("warning %q lacks %q", warning, w)
				}
			}
			if strings.Contains(warning, password) {
				t.Errorf("warning %q shows the password", warning)
			}
		})
	}
}

func TestCheckOrganizationName(t *testing.T) {
	for _, ok := range []string{"acme", "a", "Acme-Corp_2.0", strings.Repeat("a", 40)} {
		if msg := checkOrganizationName(ok); msg != "" {
			t.Errorf("%q refused: %s", ok, msg)
		}
	}
	for _, bad := range []string{"", "-acme", ".acme", "acme/evil", "ac me", "..", strings.Repeat("a", 41), "acme?x=1", "acme%2F"} {
		if msg := checkOrganizationName(bad); msg == "" {
			t.Errorf("%q accepted", bad)
		}
	}
}

// setupConfig reads one data source, which makes Terraform configure the
// provider and send exactly one request.
const setupConfig = `
data "pulumicloud_github_setup" "this" {}
`

// TestAccProviderConfigFromEnvironment configures the provider from
// PULUMI_ACCESS_TOKEN, PULUMI_BACKEND_URL and PULUMI_ORGANIZATION alone, and
// checks the headers every request carries. Not parallel: it sets env vars.
func TestAccProviderConfigFromEnvironment(t *testing.T) {
	env := newTestEnv(t, emulator.Options{Orgs: []string{testOrg, "globex"}})
	t.Setenv(envAccessToken, emulator.DefaultToken)
	t.Setenv(envBackendURL, env.url)
	t.Setenv(envOrganization, "globex")

	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `provider "pulumicloud" {}` + setupConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_github_setup.this", tfjsonpath.New("organization"), knownvalue.StringExact("globex")),
				},
				Check: func(*terraform.State) error {
					reqs := env.emu.Requests()
					if len(reqs) == 0 {
						return fmt.Errorf("no request reached the emulator")
					}
					for _, r := range reqs {
						switch {
						case !strings.HasPrefix(r.Path, "/api/console/orgs/globex/"):
							return fmt.Errorf("request to %s, want organization globex from %s", r.Path, envOrganization)
						case !r.HasAuth || r.Status == 401:
							return fmt.Errorf("request %s %s was not authorised (HTTP %d)", r.Method, r.Path, r.Status)
						case r.Accept != "application/vnd.pulumi+8":
							return fmt.Errorf("Accept = %q", r.Accept)
						case !strings.Contains(r.UserAgent, "terraform-provider-pulumicloud/test") ||
							!regexp.MustCompile(`Terraform/\d+\.\d+`).MatchString(r.UserAgent):
							return fmt.Errorf("User-Agent = %q, want the provider and Terraform versions", r.UserAgent)
						}
					}
					return nil
				},
			},
			{
				// The configuration overrides the environment.
				Config: fmt.Sprintf(`provider "pulumicloud" { organization = %q }`, testOrg) + setupConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.pulumicloud_github_setup.this", tfjsonpath.New("organization"), knownvalue.StringExact(testOrg)),
				},
			},
		},
	})
}

// TestAccProviderConfigMissingToken: no token anywhere is a clear error
// naming the attribute and the environment variable, and nothing is sent.
func TestAccProviderConfigMissingToken(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	t.Setenv(envAccessToken, "")
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:      fmt.Sprintf(`provider "pulumicloud" { api_url = %q }`, env.url) + setupConfig,
			ExpectError: regexp.MustCompile(`(?s)Missing Pulumi Cloud Access Token.*PULUMI_ACCESS_TOKEN`),
		}},
	})
	if n := env.requestCount(); n != 0 {
		t.Errorf("%d requests were sent without a token", n)
	}
}

// TestAccProviderConfigRefused: bad provider settings fail at plan, name the
// attribute, and send nothing.
func TestAccProviderConfigRefused(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	cases := []struct{ name, block, want string }{
		{"plain http to a remote host", `api_url = "http://api.pulumi.example"`, `(?s)Invalid Pulumi Cloud API URL.*api_url.*only\s+allowed\s+for\s+loopback`},
		{"not a URL", `api_url = "api.pulumi.com"`, `(?s)Invalid Pulumi Cloud API URL.*api_url.*scheme\s+and\s+host`},
		{"credentials in the URL", `api_url = "https://user:secret@api.pulumi.example"`, `(?s)Invalid Pulumi Cloud API URL.*api_url.*without\s+credentials`},
		{"bad organization", `organization = "acme/evil"`, `(?s)organization.*Pulumi\s+organization\s+name`},
		{"bad timeout", `request_timeout = "soon"`, `(?s)Invalid Duration.*request_timeout`},
		{"negative timeout", `request_timeout = "-5s"`, `(?s)Invalid Duration.*request_timeout`},
		{"too many retries", `max_retries = 100`, `(?s)max_retries.*between\s+0\s+and\s+20`},
	}
	steps := make([]resource.TestStep, 0, len(cases))
	for _, c := range cases {
		steps = append(steps, resource.TestStep{
			Config: fmt.Sprintf(`
provider "pulumicloud" {
  access_token = %q
  %s
}
`, emulator.DefaultToken, c.block) + setupConfig,
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: protoV6ProviderFactories, Steps: steps})
	if n := env.requestCount(); n != 0 {
		t.Errorf("%d requests were sent for refused provider settings", n)
	}
}

// TestAccProviderConfigUnknownValue: a provider setting only known after
// apply is refused with a clear error rather than configuring a half client.
func TestAccProviderConfigUnknownValue(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: fmt.Sprintf(`
resource "terraform_data" "token" {
  input = %q
}

provider "pulumicloud" {
  api_url      = %q
  access_token = terraform_data.token.output
  organization = %q
}
`, emulator.DefaultToken, env.url, testOrg) + setupConfig,
			ExpectError: regexp.MustCompile(`(?s)Unknown Provider Configuration Value.*access_token`),
		}},
	})
	if n := env.requestCount(); n != 0 {
		t.Errorf("%d requests were sent with an unknown token", n)
	}
}

// Configure reports the unused PULUMI_BACKEND_URL as a warning diagnostic,
// password masked, and still configures the provider.
func TestConfigureWarnsWhenBackendURLUnused(t *testing.T) {
	env := newTestEnv(t, emulator.Options{})
	h := newActionHarness(t, env, testOrg)
	t.Setenv(envBackendURL, "s3://ci:hunter2-s3cret@state-bucket/prod")
	dv := h.dynamicValue(h.schemas.Provider, map[string]tftypes.Value{
		"api_url":      tftypes.NewValue(tftypes.String, env.url),
		"access_token": tftypes.NewValue(tftypes.String, emulator.DefaultToken),
	})
	resp, err := h.server.ConfigureProvider(h.ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.0", Config: dv})
	if err != nil {
		t.Fatal(err)
	}
	var warnings int
	for _, d := range resp.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Errorf("error: %s: %s", d.Summary, d.Detail)
		}
		if d.Severity == tfprotov6.DiagnosticSeverityWarning && d.Summary == "PULUMI_BACKEND_URL Not Used" {
			warnings++
			if !strings.Contains(d.Detail, "s3://ci:xxxxx@state-bucket/prod") || strings.Contains(d.Detail, "hunter2") || !strings.Contains(d.Detail, env.url) {
				t.Errorf("warning detail %q: want the value, password masked, and where requests go", d.Detail)
			}
		}
	}
	if warnings != 1 {
		t.Errorf("%d PULUMI_BACKEND_URL warnings, want 1: %v", warnings, resp.Diagnostics)
	}
}
