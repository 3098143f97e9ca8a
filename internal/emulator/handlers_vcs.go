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

// providerKinds maps the {provider} segment (the document's VCSProvider
// enum, underscores) to a kind; anything else is an unknown provider.
var providerKinds = map[string]string{
	"github":            kindGitHub,
	"github_enterprise": kindGHE,
	"gitlab":            kindGitLab,
	"bitbucket":         kindBitbucket,
	"azure_devops":      kindADO,
	"custom":            kindCustom,
}

// repoIntegration resolves {provider}/{integrationId}, answering 400/404.
func (e *Emulator) repoIntegration(w http.ResponseWriter, r *http.Request, o *orgState, notFound string) *integration {
	kind, ok := providerKinds[r.PathValue("provider")]
	if !ok {
		writeError(w, http.StatusBadRequest, "Unknown VCS provider")
		return nil
	}
	in := o.find(kind, r.PathValue("integrationId"))
	if in == nil || !in.visible(e.now()) {
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
	if in.AccessSuspended {
		writeError(w, http.StatusForbidden, "VCS provider access is suspended.")
		return
	}
	page, ok := pageParam(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, paginate(o.repos(in), page, e.opts.PageSize))
}

// pageParam reads the integer page (1-based; absent means 1), answering 400
// for anything else.
func pageParam(w http.ResponseWriter, r *http.Request) (int, bool) {
	s := r.URL.Query().Get("page")
	if s == "" {
		return 1, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		writeError(w, http.StatusBadRequest, "Invalid page: must be a positive integer")
		return 0, false
	}
	return n, true
}

// paginate cuts one page; the token of the next page is its number as a
// decimal string (the document types nextPageToken as a string and page as
// an integer).
func paginate(all []vcsRepo, page, size int) vcsReposResponse {
	start := min((page-1)*size, len(all))
	end := min(start+size, len(all))
	resp := vcsReposResponse{Repos: append([]vcsRepo{}, all[start:end]...)}
	if end < len(all) {
		resp.NextPageToken = strconv.Itoa(page + 1)
	}
	return resp
}

// Destinations paging modes (SetDestinationsPaging). The document gives
// destinations a nextPageToken but no page parameter, so what the service
// does with one is unknown; the default is the safe reading, one page.
const (
	DestinationsSinglePage = "single"      // everything on one page, no token
	DestinationsPaged      = "paged"       // pages of the configured size, honouring ?page
	DestinationsIgnorePage = "ignore-page" // a token, but ?page is ignored: the same first page every time
)

// destinationCount is how many of an integration's repos are destinations.
const destinationCount = 4

// listDestinations answers the repos a user may create new repos next to: a
// handful, paged as SetDestinationsPaging says.
func (e *Emulator) listDestinations(w http.ResponseWriter, r *http.Request, o *orgState) {
	in := e.repoIntegration(w, r, o, "VCS integration or user OAuth token not found")
	if in == nil {
		return
	}
	all := o.repos(in)
	all = all[:min(destinationCount, len(all))]
	mode, size := e.destMode, e.destPageSize
	switch mode {
	case DestinationsPaged:
		page, ok := pageParam(w, r)
		if !ok {
			return
		}
		writeJSON(w, http.StatusOK, paginate(all, page, size))
	case DestinationsIgnorePage:
		writeJSON(w, http.StatusOK, paginate(all, 1, size))
	default:
		writeJSON(w, http.StatusOK, vcsReposResponse{Repos: all})
	}
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
