package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

func TestParseCustomVCSRepositoryID(t *testing.T) {
	t.Parallel()
	for id, want := range map[string][3]string{
		"acme/c-1/infra":            {"acme", "c-1", "infra"},
		"acme/c-1/group/sub/infra":  {"acme", "c-1", "group/sub/infra"}, // the name keeps its slashes
		"my.org/3f1c0a52-7a9e/repo": {"my.org", "3f1c0a52-7a9e", "repo"},
	} {
		org, id2, name, err := parseCustomVCSRepositoryID(id)
		if err != nil || [3]string{org, id2, name} != want {
			t.Errorf("%q: got %q %q %q, %v; want %q", id, org, id2, name, err, want)
		}
		if back := customVCSRepositoryID(org, id2, name); back != id {
			t.Errorf("%q: formats back as %q", id, back)
		}
	}
	for _, id := range []string{"", "acme", "acme/c-1", "acme/c-1/", "/c-1/r", "acme//r", "-acme/c-1/r", "acme/../r", "acme/./r", "acme/claim/r"} {
		if _, _, _, err := parseCustomVCSRepositoryID(id); err == nil {
			t.Errorf("%q accepted", id)
		}
	}
}

func TestCustomVCSFromAPI(t *testing.T) {
	t.Parallel()
	var m customVCSIntegrationFields
	customVCSFromAPI(&client.CustomVCSIntegration{
		ID: "c-1", Name: "Gitea", BaseURL: "https://g.example/a", Environment: "vcs/gitea",
		WebhookURL: "https://api.example/c-1/webhook", Created: "2024-01-02T03:04:05Z", Modified: "2024-01-03T03:04:05Z",
	}, &m)
	if m.Name.ValueString() != "Gitea" || m.BaseURL.ValueString() != "https://g.example/a" || m.Environment.ValueString() != "vcs/gitea" ||
		m.WebhookURL.ValueString() != "https://api.example/c-1/webhook" || m.Modified.ValueString() != "2024-01-03T03:04:05Z" {
		t.Errorf("mapped %+v", m)
	}
	if m.VCSType.ValueString() != "git" {
		t.Errorf("vcs_type %v, want the API's default git when it answers none", m.VCSType)
	}

	// The secret: taken from an answer that has one, kept when the answer has
	// none (every GET), null when it was never known.
	model := customVCSIntegrationModel{WebhookSecret: types.StringValue("old")}
	_ = customVCSKind.fromAPI(context.Background(), &client.CustomVCSIntegration{ID: "c-1"}, &model)
	if model.WebhookSecret.ValueString() != "old" {
		t.Errorf("a GET lost the secret: %v", model.WebhookSecret)
	}
	_ = customVCSKind.fromAPI(context.Background(), &client.CustomVCSIntegration{ID: "c-1", WebhookSecret: "new"}, &model)
	if model.WebhookSecret.ValueString() != "new" {
		t.Errorf("the answered secret was not taken: %v", model.WebhookSecret)
	}
	unknown := customVCSIntegrationModel{WebhookSecret: types.StringUnknown()}
	_ = customVCSKind.fromAPI(context.Background(), &client.CustomVCSIntegration{ID: "c-1"}, &unknown)
	if !unknown.WebhookSecret.IsNull() {
		t.Errorf("a never-answered secret is %v, want null", unknown.WebhookSecret)
	}
}

func TestGitHubClaimRefused(t *testing.T) {
	t.Parallel()
	refused := gitHubKind(client.GitHubDotCom).createRefused
	m := &gitHubIntegrationModel{listedInstallationURL: "https://github.com/apps/pulumi/installations/new"}
	m.InstallationID = types.Int64Value(77)
	for status, want := range map[int][]string{
		403: {"Connect a GitHub account", "77"},
		404: {"knows no installation 77", "https://github.com/apps/pulumi/installations/new", "pulumicloud_github_claimable_installations"},
		409: {"another Pulumi organization", "contact Pulumi support"},
	} {
		summary, detail, ok := refused("acme", m, &client.APIError{Method: "POST", Path: "/claim", StatusCode: status, Message: "no"})
		if !ok || summary != "Unable to Create GitHub Integration" {
			t.Errorf("%d: %q, %v", status, summary, ok)
		}
		for _, w := range append(want, "Nothing was changed", fmt.Sprintf("HTTP %d", status)) {
			if !strings.Contains(detail, w) {
				t.Errorf("%d: the detail lacks %q:\n%s", status, w, detail)
			}
		}
	}
	// Anything else is the lifecycle's to handle (a 5xx is ambiguous: look, then resend).
	for _, err := range []error{&client.APIError{StatusCode: 500}, &client.APIError{StatusCode: 400}, errors.New("transport")} {
		if _, _, ok := refused("acme", m, err); ok {
			t.Errorf("%v taken as a claim refusal", err)
		}
	}
	ghe := &client.APIError{Method: "POST", Path: "/claim", StatusCode: 404, Message: "no"}
	if _, _, ok := gitHubKind(client.GitHubEnterpriseServer).createRefused("acme", m, ghe); ok || gitHubClaim(client.GitHubEnterpriseServer) != nil {
		t.Error("GitHub Enterprise Server has no claim")
	}
}
