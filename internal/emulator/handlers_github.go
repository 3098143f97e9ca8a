package emulator

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

// Claiming GitHub App installations, and the GitHub Enterprise user-auth
// endpoints.

// claimableGitHub lists the installations linked to no organization (the
// pending, non-Enterprise ones) that the caller could link; nothing when the
// caller can't be verified on GitHub.
func (e *Emulator) claimableGitHub(w http.ResponseWriter, r *http.Request, o *orgState) {
	out := claimableList{Installations: []claimableInstallation{}}
	if !o.CallerUnverified {
		for _, p := range o.Pending {
			if !p.Enterprise {
				out.Installations = append(out.Installations, claimableInstallation{
					InstallationID: p.InstallationID, AccountLogin: p.AccountName, IsOrganization: p.IsOrganization,
					AccountAvatarURL: fmt.Sprintf("https://avatars.githubusercontent.com/u/%d?v=4", p.AccountID),
				})
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// claimGitHub links an unlinked installation to the org and answers the new
// integration: idempotent when this org has it already (the same integration
// again), 403 when the caller can't be verified, 404 for an installation
// GitHub doesn't have (or an Enterprise one: claims are github.com only),
// 409 when another organization has it.
func (e *Emulator) claimGitHub(w http.ResponseWriter, r *http.Request, o *orgState) {
	var req claimRequest
	if err := decodeBody(r, &req); err != nil || req.InstallationID == nil {
		writeError(w, http.StatusBadRequest, "installationId is required")
		return
	}
	id := *req.InstallationID
	for _, in := range o.Integrations {
		if in.Kind == kindGitHub && in.InstallationID == id {
			writeJSON(w, http.StatusOK, o.renderGitHub(in))
			return
		}
	}
	for _, other := range o.OtherOrg {
		if other.InstallationID == id {
			writeError(w, http.StatusConflict, "The installation is already linked to another organization")
			return
		}
	}
	pending := -1
	for i, p := range o.Pending {
		if p.InstallationID == id && !p.Enterprise {
			pending = i
			break
		}
	}
	if pending < 0 {
		writeError(w, http.StatusNotFound, "GitHub App installation not found")
		return
	}
	if o.CallerUnverified {
		writeError(w, http.StatusForbidden, "The caller could not be verified as controlling this GitHub App installation")
		return
	}
	inst := o.Pending[pending]
	o.Pending = append(o.Pending[:pending], o.Pending[pending+1:]...)
	in := gitHubIntegrationFrom(o.Name, inst, e.now().UTC().Truncate(time.Second), false)
	if d := e.opts.CreateVisibilityDelay; d > 0 {
		in.VisibleAt = e.now().Add(d)
	}
	o.Integrations = append(o.Integrations, in)
	if e.persisted(w) {
		writeJSON(w, http.StatusOK, o.renderGitHub(in))
	}
}

// gheUserAuth answers the caller's linked GitHub Enterprise identity; 404
// when the integration is unknown or no identity is linked.
func (e *Emulator) gheUserAuth(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.visibleIntegration(w, r, o, kindGHE)
	if in == nil {
		return
	}
	if !in.UserAuthLinked {
		writeError(w, http.StatusNotFound, "No GitHub Enterprise identity linked")
		return
	}
	writeJSON(w, http.StatusOK, gheUserIdentity{
		Login: "jdoe", GithubID: 3104, ConnectedAt: in.UserAuthAt.UTC().Format(time.RFC3339),
	})
}

func (e *Emulator) gheUserAuthDelete(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.visibleIntegration(w, r, o, kindGHE)
	if in == nil {
		return
	}
	in.UserAuthLinked, in.UserAuthAt = false, time.Time{}
	if e.persisted(w) {
		noContent(w)
	}
}

func (e *Emulator) gheUserAuthAuthorize(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.visibleIntegration(w, r, o, kindGHE)
	if in == nil {
		return
	}
	q := url.Values{"client_id": {"pulumi-ghe-" + in.ID[:8]}, "state": {randomToken()}}
	writeJSON(w, http.StatusOK, gheAuthorizeURL{AuthorizeURL: "https://" + SeedGHEHost + "/login/oauth/authorize?" + q.Encode()})
}

// gheUserAuthMembers lists the GitHub Enterprise logins the org's members
// have linked: the emulator has one member, jdoe.
func (e *Emulator) gheUserAuthMembers(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.visibleIntegration(w, r, o, kindGHE)
	if in == nil {
		return
	}
	out := gheLinkedMembers{LinkedLogins: []string{}}
	if in.UserAuthLinked {
		out.LinkedLogins = append(out.LinkedLogins, "jdoe")
	}
	writeJSON(w, http.StatusOK, out)
}
