package emulator

import (
	"net/http"
	"strconv"
)

// Cross-kind endpoints: the summary list and repos/branches/destinations.

func (e *Emulator) listAll(w http.ResponseWriter, r *http.Request, o *orgState) {
	items := []any{}
	now := e.now()
	for _, in := range o.Integrations {
		if in.visible(now) {
			items = append(items, o.summary(in))
		}
	}
	writeJSON(w, http.StatusOK, integrationsList{Integrations: items})
}

// providerKinds maps the {provider} segment (vcsProvider values, underscores)
// to a kind. generic/custom are valid providers the emulator holds none of.
var providerKinds = map[string]string{
	"github":            kindGitHub,
	"github_enterprise": kindGHE,
	"gitlab":            kindGitLab,
	"bitbucket":         kindBitbucket,
	"azure_devops":      kindADO,
	"generic":           "",
	"custom":            "",
}

// repoIntegration resolves {provider}/{integrationId}, answering 400/404.
func (e *Emulator) repoIntegration(w http.ResponseWriter, r *http.Request, o *orgState, notFound string) *integration {
	kind, ok := providerKinds[r.PathValue("provider")]
	if !ok {
		writeError(w, http.StatusBadRequest, "Unknown VCS provider")
		return nil
	}
	in := o.find(kind, r.PathValue("integrationId"))
	if kind == "" || in == nil || !in.visible(e.now()) {
		writeError(w, http.StatusNotFound, notFound)
		return nil
	}
	return in
}

func (e *Emulator) listRepos(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.repoIntegration(w, r, o, "VCS integration not found")
	if in == nil {
		return
	}
	page := 1
	if s := r.URL.Query().Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "Invalid page: must be a positive integer")
			return
		}
		page = n
	}
	all := o.repos(in)
	size := e.opts.PageSize
	start := min((page-1)*size, len(all))
	end := min(start+size, len(all))
	resp := vcsReposResponse{Repos: append([]vcsRepo{}, all[start:end]...)}
	if end < len(all) {
		resp.NextPageToken = strconv.Itoa(page + 1)
	}
	writeJSON(w, http.StatusOK, resp)
}

// listDestinations answers the repos a user may create new repos next to: a
// handful, on one page.
func (e *Emulator) listDestinations(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.repoIntegration(w, r, o, "VCS integration or user OAuth token not found")
	if in == nil {
		return
	}
	writeJSON(w, http.StatusOK, vcsReposResponse{Repos: o.repos(in)[:4]})
}

func (e *Emulator) listBranches(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.repoIntegration(w, r, o, "VCS integration not found")
	if in == nil {
		return
	}
	repoID := r.PathValue("repoId")
	for i, repo := range o.repos(in) {
		if repo.ID == repoID {
			writeJSON(w, http.StatusOK, map[string][]vcsBranch{"branches": branches(i)})
			return
		}
	}
	writeError(w, http.StatusNotFound, "Repository not found")
}
