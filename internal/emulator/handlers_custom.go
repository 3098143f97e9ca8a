package emulator

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"strings"
)

// Custom VCS integrations (Gitea, Forgejo, Bitbucket Server, ...): a name, a
// base URL, an ESC environment holding the credentials, and a list of
// repositories. The webhook secret is handed out by the create and by an
// update with regenerateWebhookSecret, and only its digest is kept.

// secretDigest is what the emulator keeps of a webhook secret.
func secretDigest(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

func newWebhookSecret() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return "whsec_" + hex.EncodeToString(b[:])
}

// validBaseURL wants an absolute http(s) URL with a host.
func validBaseURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// validEnvironment wants an ESC reference "project/envName".
func validEnvironment(s string) bool {
	project, env, ok := strings.Cut(s, "/")
	return ok && project != "" && env != "" && !strings.Contains(env, "/")
}

// customNameTaken reports whether another custom integration has that name.
func (o *orgState) customNameTaken(name, exceptID string) bool {
	for _, in := range o.Integrations {
		if in.Kind == kindCustom && in.ID != exceptID && in.Name == name {
			return true
		}
	}
	return false
}

func (e *Emulator) createCustom(w http.ResponseWriter, r *http.Request, o *orgState) {
	const bad = "Invalid request: missing required fields or invalid vcsType"
	var req customCreateRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	if req.VCSType == "" {
		req.VCSType = "git"
	}
	if strings.TrimSpace(req.Name) == "" || !validBaseURL(req.BaseURL) || !validEnvironment(req.Environment) ||
		(req.VCSType != "git" && req.VCSType != "hg") {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	if o.customNameTaken(req.Name, "") {
		writeError(w, http.StatusConflict, "An integration with this name already exists in the organization")
		return
	}
	in := e.newIntegration(kindCustom)
	in.Modified = in.Created
	in.Name, in.BaseURL, in.Environment, in.VCSType = req.Name, req.BaseURL, req.Environment, req.VCSType
	secret := newWebhookSecret()
	in.WebhookSecretSHA256 = secretDigest(secret)
	o.Integrations = append(o.Integrations, in)
	if e.persisted(w) {
		writeJSON(w, http.StatusCreated, o.renderCustom(in, secret))
	}
}

// patchCustom applies the fields present; a name another integration has is
// a validation failure (the document lists no 409 here).
func (e *Emulator) patchCustom(w http.ResponseWriter, r *http.Request, o *orgState) {
	const bad = "Invalid request: invalid vcsType or other validation failure"
	in := e.visibleIntegration(w, r, o, kindCustom)
	if in == nil {
		return
	}
	var req customUpdateRequest
	if err := decodeBody(r, &req); err != nil {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	switch {
	case req.Name != nil && (strings.TrimSpace(*req.Name) == "" || o.customNameTaken(*req.Name, in.ID)),
		req.BaseURL != nil && !validBaseURL(*req.BaseURL),
		req.Environment != nil && !validEnvironment(*req.Environment):
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	if req.Name != nil {
		in.Name = *req.Name
	}
	if req.BaseURL != nil {
		in.BaseURL = *req.BaseURL
	}
	if req.Environment != nil {
		in.Environment = *req.Environment
	}
	secret := ""
	if req.RegenerateWebhookSecret {
		secret = newWebhookSecret()
		in.WebhookSecretSHA256 = secretDigest(secret)
	}
	in.Modified = e.now().UTC().Truncate(1e9)
	if e.persisted(w) {
		writeJSON(w, http.StatusOK, o.renderCustom(in, secret))
	}
}

func (e *Emulator) addCustomRepo(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.visibleIntegration(w, r, o, kindCustom)
	if in == nil {
		return
	}
	var req customRepoRequest
	if err := decodeBody(r, &req); err != nil || strings.TrimSpace(req.Name) == "" {
		writeError(w, http.StatusBadRequest, "Invalid request: name is required")
		return
	}
	for _, repo := range in.Repositories {
		if repo.Name == req.Name {
			writeError(w, http.StatusConflict, "Repository name already configured on this integration")
			return
		}
	}
	in.Repositories = append(in.Repositories, customRepo(req))
	in.Modified = e.now().UTC().Truncate(1e9)
	if e.persisted(w) {
		noContent(w)
	}
}

// removeCustomRepo takes the repository's name in the DELETE's body.
func (e *Emulator) removeCustomRepo(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := o.find(kindCustom, r.PathValue("integrationId"))
	var req customRepoRequest
	err := decodeBody(r, &req)
	if err != nil || strings.TrimSpace(req.Name) == "" {
		writeError(w, http.StatusBadRequest, "Invalid request: name is required")
		return
	}
	if in != nil && in.visible(e.now()) {
		for i, repo := range in.Repositories {
			if repo.Name == req.Name {
				in.Repositories = append(in.Repositories[:i], in.Repositories[i+1:]...)
				in.Modified = e.now().UTC().Truncate(1e9)
				if e.persisted(w) {
					noContent(w)
				}
				return
			}
		}
	}
	writeError(w, http.StatusNotFound, "Custom VCS integration or repository not found")
}
