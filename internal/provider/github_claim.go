package provider

import (
	"context"
	"fmt"
	"net/http"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// The create of pulumicloud_github_integration: the shared lifecycle adopts
// an installation the organization has already (no request beyond the
// list); otherwise the create below claims it (POST .../github/claim), which
// links an installation no organization has yet, and the lifecycle finds it
// in the list. The claim is idempotent for an installation already linked to
// the organization, so the lifecycle's look-then-resend after an ambiguous
// answer is safe. GitHub Enterprise Server has no claim: it only adopts.

// gitHubClaim is the kind's create: nil for GitHub Enterprise Server.
func gitHubClaim(ep client.GitHubEndpoint) func(ctx context.Context, c *client.Client, org string, m *gitHubIntegrationModel, _ tfsdk.Config) (*client.GitHubIntegration, error) {
	if ep != client.GitHubDotCom {
		return nil
	}
	return func(ctx context.Context, c *client.Client, org string, m *gitHubIntegrationModel, _ tfsdk.Config) (*client.GitHubIntegration, error) {
		_, err := c.ClaimGitHubIntegration(ctx, org, m.InstallationID.ValueInt64())
		return nil, err // the lifecycle finds it in the list
	}
}

// gitHubClaimRefused turns the claim's documented refusals into errors that
// say what to do. Each one left the organization as it was. GitHub
// Enterprise Server has no claim, so nothing to explain.
func gitHubClaimRefused(ep client.GitHubEndpoint, org string, m *gitHubIntegrationModel, err error) (string, string, bool) {
	if ep != client.GitHubDotCom {
		return "", "", false
	}
	const summary = "Unable to Create GitHub Integration"
	id := m.InstallationID.ValueInt64()
	var detail string
	switch client.StatusCode(err) {
	case http.StatusForbidden:
		detail = fmt.Sprintf("Pulumi Cloud could not verify that you may link GitHub App installation %d to organization %s: "+
			"claiming an installation needs the Pulumi user of the access token to have a GitHub account connected, "+
			"one with admin access to the GitHub account the app is installed on.\n\n"+
			"Connect a GitHub account to your Pulumi user (Pulumi Cloud → your account's settings → identities; "+
			"or use the access token of a user who has one), then run terraform apply again.", id, org)
	case http.StatusNotFound:
		detail = fmt.Sprintf("Pulumi Cloud knows no installation %d of the Pulumi GitHub App: the app is not installed on "+
			"that GitHub account, or %d is not its installation id.\n\n%s\n\nThen run terraform apply again. "+
			"The pulumicloud_github_claimable_installations data source lists the installations organization %s can claim.",
			id, id, gitHubInstallHint(ep, org, m.listedInstallationURL), org)
	case http.StatusConflict:
		detail = fmt.Sprintf("GitHub App installation %d is linked to another Pulumi organization, so organization %s "+
			"cannot claim it.\n\nIf it should belong to %s, disconnect it from the other organization first; if you "+
			"cannot, contact Pulumi support (https://support.pulumi.com) with the installation id.", id, org, org)
	default:
		return "", "", false
	}
	return summary, detail + "\n\nNothing was changed.\n\nPulumi Cloud said: " + err.Error(), true
}

// installationIDDescription describes installation_id of the resource.
func installationIDDescription(ep client.GitHubEndpoint) string {
	if ep != client.GitHubDotCom {
		return "The id of the GitHub Enterprise App installation to adopt. The Pulumi GitHub App must already be " +
			"installed on your GitHub Enterprise Server and connected to the organization; if it is not, the error says how. " +
			"Changing it replaces the integration."
	}
	return "The id of the GitHub App installation. When the organization has it already, it is adopted; when no " +
		"organization has it yet (see `pulumicloud_github_claimable_installations`), it is claimed for the organization. " +
		"An installation of another organization, or one Pulumi Cloud does not know, is an error that says what to do. " +
		"Changing it replaces the integration."
}
