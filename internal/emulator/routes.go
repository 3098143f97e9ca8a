package emulator

import (
	"net/http"
	"strings"
)

const apiPrefix = "/api/console/orgs/{orgName}/integrations"

// notFoundMessages are the spec's 404 messages per kind.
var notFoundMessages = map[string]string{
	kindGitHub:    "GitHub App integration not found",
	kindGHE:       "GitHub Enterprise integration not found",
	kindGitLab:    "GitLab integration not found",
	kindBitbucket: "BitBucket integration not found",
	kindADO:       "Azure DevOps integration not found",
	kindCustom:    "Custom VCS integration not found",
}

// apiRoutes registers every operation of the OpenAPI document
// (TestAllRoutes checks that against spec.Operations).
func (e *Emulator) apiRoutes() *http.ServeMux {
	m := http.NewServeMux()
	h := func(pattern string, fn orgHandler) {
		method, path, _ := strings.Cut(pattern, " ")
		m.Handle(method+" "+apiPrefix+path, e.withOrg(fn))
	}

	h("GET ", e.listAll)
	h("GET /{provider}/{integrationId}/repos", e.listRepos)
	h("GET /{provider}/{integrationId}/repos/{repoId}/branches", e.listBranches)
	h("GET /{provider}/{integrationId}/repos/destinations", e.listDestinations)

	for _, kind := range []string{kindGitHub, kindGHE, kindGitLab, kindBitbucket, kindADO} {
		h("GET /"+kind, e.listKind(kind))
		h("GET /"+kind+"/{integrationId}", e.getKind(kind))
		h("PATCH /"+kind+"/{integrationId}", e.patchKind(kind))
		h("DELETE /"+kind+"/{integrationId}", e.deleteKind(kind))
	}

	h("POST /github", e.startGitHubSetup)
	h("GET /github/access-status", e.gitHubAccessStatus)
	h("POST /github/claim", e.claimGitHub)
	h("GET /github/claimable", e.claimableGitHub)

	h("GET /github-enterprise/{integrationId}/user-auth", e.gheUserAuth)
	h("DELETE /github-enterprise/{integrationId}/user-auth", e.gheUserAuthDelete)
	h("GET /github-enterprise/{integrationId}/user-auth/authorize", e.gheUserAuthAuthorize)
	h("GET /github-enterprise/{integrationId}/user-auth/members", e.gheUserAuthMembers)

	h("GET /custom", e.listKind(kindCustom))
	h("POST /custom", e.createCustom)
	h("GET /custom/{integrationId}", e.getKind(kindCustom))
	h("PATCH /custom/{integrationId}", e.patchCustom)
	h("DELETE /custom/{integrationId}", e.deleteKind(kindCustom))
	h("POST /custom/{integrationId}/repos", e.addCustomRepo)
	h("DELETE /custom/{integrationId}/repos", e.removeCustomRepo)

	h("POST /gitlab", e.createGitLab)
	h("GET /gitlab/access-status", e.gitLabAccessStatus)

	h("POST /bitbucket", e.createBitbucket)
	h("GET /bitbucket/access-status", e.bitbucketAccessStatus)

	h("POST /azure-devops", e.createADO)
	h("GET /azure-devops/access-status", e.adoAccessStatus)
	h("POST /azure-devops/oauth/initiate", e.adoOAuthInitiate)
	h("POST /azure-devops/oauth/complete", e.adoOAuthComplete)
	h("GET /azure-devops/setup/organizations", e.adoSetupOrganizations)
	h("GET /azure-devops/setup/organizations/{adoOrgName}/projects", e.adoSetupProjects)
	return m
}

// --- per-kind list / get / patch / delete, shared by all five kinds ---

func (e *Emulator) listKind(kind string) orgHandler {
	return func(w http.ResponseWriter, r *http.Request, o *orgState) {
		items := []any{}
		for _, k := range listedKinds(kind) {
			for _, in := range o.ofKind(k, e.now()) {
				items = append(items, o.render(in, true))
			}
		}
		switch kind {
		case kindGitHub, kindGHE:
			writeJSON(w, http.StatusOK, gitHubList{Integrations: items, InstallationURL: gitHubInstallURL(kind)})
		case kindADO:
			writeJSON(w, http.StatusOK, adoList{Integrations: items, InstallationURL: adoConsentURL})
		default:
			writeJSON(w, http.StatusOK, integrationsList{Integrations: items})
		}
	}
}

// listedKinds are the kinds a kind's list answers. The document's GitHub
// list "lists all GitHub App integrations", while the GitHub Enterprise one
// "returns only self-hosted" installations: so the GitHub list holds the
// self-hosted ones too (isSelfHosted true), as the service may send them.
func listedKinds(kind string) []string {
	if kind == kindGitHub {
		return []string{kindGitHub, kindGHE}
	}
	return []string{kind}
}

// visibleIntegration finds an integration the API can see, or answers 404.
func (e *Emulator) visibleIntegration(w http.ResponseWriter, r *http.Request, o *orgState, kind string) *integration {
	in := o.find(kind, r.PathValue("integrationId"))
	if in == nil || !in.visible(e.now()) {
		writeError(w, http.StatusNotFound, notFoundMessages[kind])
		return nil
	}
	return in
}

func (e *Emulator) getKind(kind string) orgHandler {
	return func(w http.ResponseWriter, r *http.Request, o *orgState) {
		if in := e.visibleIntegration(w, r, o, kind); in != nil {
			writeJSON(w, http.StatusOK, o.render(in, false))
		}
	}
}

// patchKind applies only the fields present in the body; the GitHub kinds
// take six flags (GitHubSettingsRequest), the others three (the GitHub-only
// ones are ignored).
func (e *Emulator) patchKind(kind string) orgHandler {
	return func(w http.ResponseWriter, r *http.Request, o *orgState) {
		in := e.visibleIntegration(w, r, o, kind)
		if in == nil {
			return
		}
		var p gitHubPatch
		if err := decodeBody(r, &p); err != nil {
			writeDecodeError(w, err)
			return
		}
		if kind != kindGitHub && kind != kindGHE {
			p.DisableCodeAccessForReviews, p.DisableDraftPRComments, p.IndividualAuthEnabled = nil, nil, nil
		}
		set := func(dst *bool, v *bool) {
			if v != nil {
				*dst = *v
			}
		}
		set(&in.DisablePRComments, p.DisablePRComments)
		set(&in.DisableNeoSummaries, p.DisableNeoSummaries)
		set(&in.DisableDetailedDiff, p.DisableDetailedDiff)
		set(&in.DisableCodeAccessForReviews, p.DisableCodeAccessForReviews)
		set(&in.DisableDraftPRComments, p.DisableDraftPRComments)
		set(&in.IndividualAuthEnabled, p.IndividualAuthEnabled)
		if e.persisted(w) {
			noContent(w)
		}
	}
}

func (e *Emulator) deleteKind(kind string) orgHandler {
	return func(w http.ResponseWriter, r *http.Request, o *orgState) {
		in := e.visibleIntegration(w, r, o, kind)
		if in == nil {
			return
		}
		if in.UsedByMultipleOrgs && (kind == kindGitHub || kind == kindGHE) {
			writeError(w, http.StatusBadRequest, "GitHub app is used by multiple Pulumi organizations.")
			return
		}
		o.deleteIntegration(in)
		if e.persisted(w) {
			noContent(w)
		}
	}
}

// deleteIntegration removes an integration; a GitHub App installation stays
// installed on GitHub, so it goes back to pending and can be reconnected.
func (o *orgState) deleteIntegration(in *integration) {
	o.remove(in.ID)
	if in.Kind == kindGitHub || in.Kind == kindGHE {
		o.Pending = append(o.Pending, GitHubInstallation{
			InstallationID: in.InstallationID, AccountName: in.AccountName, AccountID: in.AccountID,
			IsOrganization: in.IsOrganization, Enterprise: in.Kind == kindGHE,
		})
	}
}
