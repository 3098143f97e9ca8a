package client

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
)

// repoListers are the two paginated endpoints.
var repoListers = map[string]func(*Client, context.Context, string, string, string) ([]VCSRepo, error){
	"repos":        (*Client).ListVCSRepos,
	"destinations": (*Client).ListVCSRepoDestinations,
}

func TestListReposFollowsEveryPage(t *testing.T) {
	// page token -> (repos on that page, next token)
	pages := map[string]struct {
		repos string
		next  string
	}{
		"":   {`{"id":"1","owner":"o","name":"a"},{"id":"2","owner":"o","name":"b"}`, "p2"},
		"p2": {`{"id":"3","owner":"o","name":"c"}`, "p3"},
		"p3": {``, "p4"}, // an empty page in the middle does not end the listing
		"p4": {`{"id":"4","owner":"o","name":"d"}`, ""},
	}
	for name, list := range repoListers {
		t.Run(name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				p, ok := pages[r.URL.Query().Get("page")]
				if !ok {
					answer(w, 400, `{"code":400,"message":"bad page"}`)
					return
				}
				next := ""
				if p.next != "" {
					next = fmt.Sprintf(`,"nextPageToken":%q`, p.next)
				}
				answer(w, 200, `{"repos":[`+p.repos+`]`+next+`}`)
			})
			repos, err := list(newTestClient(t, rec.URL, 0), bg, "acme", "github", "int-1")
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range repos {
				ids = append(ids, r.ID)
			}
			if want := []string{"1", "2", "3", "4"}; !reflect.DeepEqual(ids, want) {
				t.Errorf("repo ids %v, want %v", ids, want)
			}
			var queries []string
			for _, r := range rec.all() {
				queries = append(queries, r.RawQuery)
				if want := "/api/console/orgs/acme/integrations/github/int-1/repos"; !strings.HasPrefix(r.EscapedPath, want) {
					t.Errorf("path %s, want under %s", r.EscapedPath, want)
				}
			}
			if want := []string{"", "page=p2", "page=p3", "page=p4"}; !reflect.DeepEqual(queries, want) {
				t.Errorf("queries %q, want %q", queries, want)
			}
		})
	}
}

func TestListReposPageTokenIsQueryEscaped(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "" {
			answer(w, 200, `{"repos":[],"nextPageToken":"a&b=c#d"}`)
			return
		}
		answer(w, 200, `{"repos":[]}`)
	})
	if _, err := newTestClient(t, rec.URL, 0).ListVCSRepos(bg, "acme", "github", "int-1"); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().RawQuery, "page=a%26b%3Dc%23d"; got != want {
		t.Errorf("query %q, want %q", got, want)
	}
}

func TestListReposDetectsPaginationLoop(t *testing.T) {
	for name, list := range repoListers {
		t.Run(name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				answer(w, 200, `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"same"}`)
			})
			repos, err := list(newTestClient(t, rec.URL, 0), bg, "acme", "github", "int-1")
			if err == nil || !strings.Contains(err.Error(), "pagination loop") {
				t.Fatalf("err %v, want a pagination loop error", err)
			}
			if repos != nil {
				t.Errorf("partial result %v returned with the error", repos)
			}
			if rec.count() != 2 {
				t.Errorf("%d requests, want 2", rec.count())
			}
		})
	}
}

func TestListReposStopsAtPageCap(t *testing.T) {
	var n atomic.Int64
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		answer(w, 200, fmt.Sprintf(`{"repos":[],"nextPageToken":"t%d"}`, n.Add(1)))
	})
	_, err := newTestClient(t, rec.URL, 0).ListVCSRepos(bg, "acme", "github", "int-1")
	if err == nil || !strings.Contains(err.Error(), "pages") {
		t.Fatalf("err %v, want the page cap error", err)
	}
	if rec.count() != maxRepoPages {
		t.Errorf("%d requests, want exactly %d", rec.count(), maxRepoPages)
	}
}

func TestListReposErrorOnLaterPage(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "" {
			answer(w, 200, `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"p2"}`)
			return
		}
		answer(w, 404, `{"code":404,"message":"VCS integration not found"}`)
	})
	repos, err := newTestClient(t, rec.URL, 0).ListVCSRepos(bg, "acme", "github", "int-1")
	if !IsNotFound(err) || repos != nil {
		t.Fatalf("got %v, %v; want a 404 and no partial list", repos, err)
	}
}
