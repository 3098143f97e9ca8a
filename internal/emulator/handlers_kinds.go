package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// Kind-specific endpoints: creates, access status, GitHub setup, ADO OAuth
// and ADO setup lookups.

// newIntegration stamps creation time and the eventual-consistency delay.
func (e *Emulator) newIntegration(kind string) *integration {
	now := e.now().UTC().Truncate(1e9)
	in := &integration{ID: newID(), Kind: kind, Created: now, Installed: true, Valid: true}
	if d := e.opts.CreateVisibilityDelay; d > 0 {
		in.VisibleAt = e.now().Add(d)
	}
	return in
}

// created stores a new integration and answers the spec's 204 with no body.
func (e *Emulator) created(w http.ResponseWriter, o *orgState, in *integration) {
	o.Integrations = append(o.Integrations, in)
	if e.persisted(w) {
		noContent(w)
	}
}

// --- GitHub ---

// startGitHubSetup only hands out an install URL; the integration appears
// once the user finishes installing (ConnectGitHubInstallation).
func (e *Emulator) startGitHubSetup(w http.ResponseWriter, r *http.Request, o *orgState) {
	writeJSON(w, http.StatusOK, gitHubSetupResponse{
		InstallationURL: "https://github.com/apps/pulumi/installations/new?state=" + randomToken(),
	})
}

func (e *Emulator) gitHubAccessStatus(w http.ResponseWriter, r *http.Request, o *orgState) {
	s := gitHubAccessStatus{HasUserToken: true, AvailableOrgs: []string{}, Integrations: []gitHubIntegrationPermissions{}}
	seen := map[string]bool{}
	addOrg := func(name string, isOrg bool) {
		if isOrg && !seen[name] {
			seen[name] = true
			s.AvailableOrgs = append(s.AvailableOrgs, name)
		}
	}
	for _, in := range o.ofKind(kindGitHub, e.now()) {
		s.HasIntegration = true
		s.Integrations = append(s.Integrations, gitHubIntegrationPermissions{ID: in.ID, CanCreateRepo: in.IsOrganization})
		addOrg(in.AccountName, in.IsOrganization)
	}
	for _, p := range o.Pending {
		if !p.Enterprise {
			addOrg(p.AccountName, p.IsOrganization)
		}
	}
	writeJSON(w, http.StatusOK, s)
}

// --- GitLab ---

func (e *Emulator) createGitLab(w http.ResponseWriter, r *http.Request, o *orgState) {
	var req gitLabCreateRequest
	if err := decodeBody(r, &req); err != nil || req.GitLabGroupID == nil {
		writeError(w, http.StatusBadRequest, "Missing or invalid GitLab group ID")
		return
	}
	if _, ok := o.findGitLabGroup(*req.GitLabGroupID); !ok {
		writeError(w, http.StatusBadRequest, "Missing or invalid GitLab group ID")
		return
	}
	for _, in := range o.Integrations {
		if in.Kind == kindGitLab && in.GitLabGroupID == *req.GitLabGroupID {
			writeError(w, http.StatusConflict, "GitLab integration already exists for this group")
			return
		}
	}
	in := e.newIntegration(kindGitLab)
	in.GitLabGroupID, in.UseUserAuth = *req.GitLabGroupID, req.UseUserGitLabAuth
	e.created(w, o, in)
}

// gitLabAccessStatus lists the groups still available for a new integration.
func (e *Emulator) gitLabAccessStatus(w http.ResponseWriter, r *http.Request, o *orgState) {
	s := gitLabAccessStatus{HasUserToken: true, AvailableGroups: []gitLabAppOrganization{}}
	integrated := map[int64]bool{} // one pass, not one per group: N groups × N integrations
	for _, in := range o.Integrations {
		if in.Kind == kindGitLab {
			integrated[in.GitLabGroupID] = true
		}
	}
	for _, g := range o.gitLabGroups() {
		if !integrated[g.ID] {
			s.AvailableGroups = append(s.AvailableGroups, gitLabAppOrganization{
				ID: g.ID, Name: g.Name, HasRequiredPermissions: true,
				AvatarURL: gitLabAvatar(g.ID),
			})
		}
	}
	writeJSON(w, http.StatusOK, s)
}

// --- Bitbucket ---

func (e *Emulator) createBitbucket(w http.ResponseWriter, r *http.Request, o *orgState) {
	const bad = "Missing or invalid BitBucket workspace"
	var req bitbucketCreateRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	ws, ok := findBitbucketWorkspace(req.WorkspaceUUID)
	switch {
	case strings.TrimSpace(req.WorkspaceUUID) == "" || strings.TrimSpace(req.WorkspaceSlug) == "",
		!ok, ws.Slug != req.WorkspaceSlug,
		!req.UseUserAuth && req.WorkspaceAccessToken == "":
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	uuid := canonicalUUID(ws.UUID)
	if o.hasBitbucketWorkspace(uuid) {
		writeError(w, http.StatusConflict, "BitBucket integration already exists for this workspace")
		return
	}
	// The access token is used (in a real server, to call Bitbucket) and
	// then forgotten: it is never stored, persisted or answered.
	in := e.newIntegration(kindBitbucket)
	in.WorkspaceUUID, in.WorkspaceSlug, in.UseUserAuth = uuid, ws.Slug, req.UseUserAuth
	e.created(w, o, in)
}

func (o *orgState) hasBitbucketWorkspace(uuid string) bool {
	for _, in := range o.Integrations {
		if in.Kind == kindBitbucket && in.WorkspaceUUID == canonicalUUID(uuid) {
			return true
		}
	}
	return false
}

func (e *Emulator) bitbucketAccessStatus(w http.ResponseWriter, r *http.Request, o *orgState) {
	s := bitbucketAccessStatus{HasUserToken: true, AvailableWorkspaces: []bitbucketWorkspaceWire{}}
	for _, ws := range seedBitbucketWorkspaces() {
		if !o.hasBitbucketWorkspace(ws.UUID) {
			s.AvailableWorkspaces = append(s.AvailableWorkspaces, bitbucketWorkspaceWire{
				UUID: canonicalUUID(ws.UUID), Name: ws.Name, Slug: ws.Slug, AvatarURL: bitbucketAvatar(ws.Slug),
			})
		}
	}
	writeJSON(w, http.StatusOK, s)
}

// --- Azure DevOps ---

func (e *Emulator) createADO(w http.ResponseWriter, r *http.Request, o *orgState) {
	const bad = "Missing Azure DevOps organization or project"
	var req adoCreateRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	org, ok := findADOOrg(req.OrganizationName)
	if !ok {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	proj, ok := findADOProject(org, req.ProjectID)
	if !ok {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	for _, in := range o.Integrations {
		if in.Kind == kindADO && strings.EqualFold(in.ADOProjectID, proj.ID) {
			writeError(w, http.StatusConflict, "Azure DevOps integration already exists for this project")
			return
		}
	}
	in := e.newIntegration(kindADO)
	in.ADOOrgName, in.ADOProjectID = org.Name, proj.ID
	in.DisablePRComments, in.DisableNeoSummaries = req.DisablePRComments, req.DisableNeoSummaries
	in.DisableDetailedDiff, in.DisableCodeAccessForReviews = req.DisableDetailedDiff, req.DisableCodeAccessForReviews
	e.created(w, o, in)
}

func (e *Emulator) adoAccessStatus(w http.ResponseWriter, r *http.Request, o *orgState) {
	s := adoAccessStatus{
		HasUserToken:   o.ADOUserToken,
		HasIntegration: len(o.ofKind(kindADO, e.now())) > 0,
		AvailableOrgs:  []adoOrganizationWire{},
	}
	for _, org := range seedADOOrgs() {
		s.AvailableOrgs = append(s.AvailableOrgs, *adoOrgWire(org))
	}
	writeJSON(w, http.StatusOK, s)
}

// validProvider checks a CloudSetupProvider for the ADO OAuth flow.
func validProvider(p *cloudSetupProvider) bool {
	if p == nil || p.Name != "azure" {
		return false
	}
	if p.Azure == nil {
		return true
	}
	switch p.Azure.APIName {
	case "ado", "graph", "arm":
		return true
	}
	return false
}

func (e *Emulator) adoOAuthInitiate(w http.ResponseWriter, r *http.Request, o *orgState) {
	var req oauthInitiateRequest
	if err := decodeBody(r, &req); err != nil || !validProvider(req.Provider) {
		writeError(w, http.StatusBadRequest, "Invalid provider configuration")
		return
	}
	tenant, api := "organizations", "ado"
	if a := req.Provider.Azure; a != nil {
		api = a.APIName
		if a.TenantID != "" {
			tenant = a.TenantID
		}
	}
	session := randomToken()
	o.OAuthSessions[session] = oauthSession{APIName: api, Created: e.now().UTC()}
	if !e.persisted(w) {
		return
	}
	q := url.Values{"client_id": {"pulumi-cloud"}, "response_type": {"code"}, "state": {session},
		"redirect_uri": {"https://app.pulumi.com/" + o.Name + "/settings/integrations/azure-devops/callback"}}
	writeJSON(w, http.StatusOK, oauthInitiateResponse{
		URL:       "https://login.microsoftonline.com/" + url.PathEscape(tenant) + "/oauth2/v2.0/authorize?" + q.Encode(),
		SessionID: session,
	})
}

func (e *Emulator) adoOAuthComplete(w http.ResponseWriter, r *http.Request, o *orgState) {
	var req oauthCompleteRequest
	err := decodeBody(r, &req)
	_, known := o.OAuthSessions[req.SessionID]
	if err != nil || !validProvider(req.Provider) || !known || req.Code == "" {
		writeError(w, http.StatusBadRequest, "Failed to complete OAuth")
		return
	}
	delete(o.OAuthSessions, req.SessionID)
	o.ADOUserToken = true
	if e.persisted(w) {
		writeJSON(w, http.StatusOK, struct{}{})
	}
}

func (e *Emulator) adoSetupOrganizations(w http.ResponseWriter, r *http.Request, o *orgState) {
	out := []adoOrganizationWire{}
	for _, org := range seedADOOrgs() {
		out = append(out, *adoOrgWire(org))
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) adoSetupProjects(w http.ResponseWriter, r *http.Request, o *orgState) {
	org, ok := findADOOrg(r.PathValue("adoOrgName"))
	if !ok {
		writeError(w, http.StatusNotFound, "Azure DevOps organization not found")
		return
	}
	out := []adoProjectWire{}
	for _, p := range org.Projects {
		out = append(out, adoProjectWire(p))
	}
	writeJSON(w, http.StatusOK, out)
}
