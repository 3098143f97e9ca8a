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

// repoListers are the two paginated endpoints (the destinations' warning is
// checked by its own tests).
var repoListers = map[string]func(*Client, context.Context, string, string, string) ([]VCSRepo, error){
	"repos": (*Client).ListVCSRepos,
	"destinations": func(c *Client, ctx context.Context, org, provider, id string) ([]VCSRepo, error) {
		repos, _, err := c.ListVCSRepoDestinations(ctx, org, provider, id)
		return repos, err
	},
}

func TestListReposFollowsEveryPage(t *testing.T) {
	// page token -> (repos on that page, next token)
	pages := map[string]struct {
		repos string
		next  string
	}{
		"":  {`{"id":"1","owner":"o","name":"a"},{"id":"2","owner":"o","name":"b"}`, "2"},
		"2": {`{"id":"3","owner":"o","name":"c"}`, "3"},
		"3": {``, "4"}, // an empty page in the middle does not end the listing
		"4": {`{"id":"4","owner":"o","name":"d"}`, ""},
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
			if want := []string{"", "page=2", "page=3", "page=4"}; !reflect.DeepEqual(queries, want) {
				t.Errorf("queries %q, want %q", queries, want)
			}
		})
	}
}

// The spec's page parameter is an integer: a token that is not one is not
// sent (as anything), and the error names it and says why: not an integer,
// or an integer out of the page parameter's range.
func TestListReposRefusesNonIntegerToken(t *testing.T) {
	const notInteger, outOfRange = "is not a decimal integer", "is out of range"
	for token, why := range map[string]string{
		"a&b=c#d": notInteger, "p2": notInteger, "1.5": notInteger, " 2": notInteger, "-": notInteger,
		"-1": outOfRange, "99999999999999999999": outOfRange,
	} {
		for name, list := range repoListers {
			t.Run(name+" "+token, func(t *testing.T) {
				rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
					answer(w, 200, fmt.Sprintf(`{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":%q}`, token))
				})
				repos, err := list(newTestClient(t, rec.URL, 0), bg, "acme", "github", "int-1")
				if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q %s", token, why)) {
					t.Fatalf("err %v, want an error naming the token %q and saying it %s", err, token, why)
				}
				if repos != nil || rec.count() != 1 {
					t.Errorf("got %v after %d requests, want nothing after 1", repos, rec.count())
				}
			})
		}
	}
}

func TestListReposDetectsPaginationLoop(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		answer(w, 200, `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"7"}`)
	})
	repos, err := newTestClient(t, rec.URL, 0).ListVCSRepos(bg, "acme", "github", "int-1")
	if err == nil || !strings.Contains(err.Error(), "pagination loop") {
		t.Fatalf("err %v, want a pagination loop error", err)
	}
	if repos != nil {
		t.Errorf("partial result %v returned with the error", repos)
	}
	if rec.count() != 2 {
		t.Errorf("%d requests, want 2", rec.count())
	}
}

// A server that ignores page on the destinations (which document none)
// answers the first page again: what was read is kept, once, with a warning.
func TestListDestinationsSamePageAgainWarns(t *testing.T) {
	for name, answerFor := range map[string]func(page string) string{
		"ignores page": func(string) string {
			return `{"repos":[{"id":"1","owner":"o","name":"a"},{"id":"2","owner":"o","name":"b"}],"nextPageToken":"2"}`
		},
		// Page 2 is real, page 3 is answered as page 2 again.
		"repeats a later page": func(page string) string {
			switch page {
			case "":
				return `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"2"}`
			default:
				return `{"repos":[{"id":"2","owner":"o","name":"b"}],"nextPageToken":"3"}`
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { answer(w, 200, answerFor(r.URL.Query().Get("page"))) })
			repos, warning, err := newTestClient(t, rec.URL, 0).ListVCSRepoDestinations(bg, "acme", "github", "int-1")
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, r := range repos {
				ids = append(ids, r.ID)
			}
			if want := []string{"1", "2"}; !reflect.DeepEqual(ids, want) {
				t.Errorf("repo ids %v, want %v (each once)", ids, want)
			}
			if !strings.Contains(warning, "same page") || !strings.Contains(warning, "2 destinations") {
				t.Errorf("warning %q, want one saying the same page came again and how many were kept", warning)
			}
			if rec.count() > 3 {
				t.Errorf("%d requests: it kept paging", rec.count())
			}
		})
	}
}

// A complete listing has no warning.
func TestListDestinationsNoWarning(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") == "" {
			answer(w, 200, `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"2"}`)
			return
		}
		answer(w, 200, `{"repos":[{"id":"2","owner":"o","name":"b"}]}`)
	})
	repos, warning, err := newTestClient(t, rec.URL, 0).ListVCSRepoDestinations(bg, "acme", "github", "int-1")
	if err != nil || warning != "" || len(repos) != 2 {
		t.Fatalf("got %v, %q, %v; want two repos, no warning", repos, warning, err)
	}
}

func TestListReposStopsAtPageCap(t *testing.T) {
	var n atomic.Int64
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		answer(w, 200, fmt.Sprintf(`{"repos":[],"nextPageToken":"%d"}`, n.Add(1)))
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
			answer(w, 200, `{"repos":[{"id":"1","owner":"o","name":"a"}],"nextPageToken":"2"}`)
			return
		}
		answer(w, 404, `{"code":404,"message":"VCS integration not found"}`)
	})
	repos, err := newTestClient(t, rec.URL, 0).ListVCSRepos(bg, "acme", "github", "int-1")
	if !IsNotFound(err) || repos != nil {
		t.Fatalf("got %v, %v; want a 404 and no partial list", repos, err)
	}
}
