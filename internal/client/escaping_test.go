package client

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hostileValues maps a value a user might type to its escaped path segment.
var hostileValues = map[string]string{
	"plain":           "plain",
	"a/b":             "a%2Fb",
	"../../admin":     "..%2F..%2Fadmin",
	"a..b":            "a..b",
	"access-status/x": "access-status%2Fx",
	"a?b=c":           "a%3Fb=c",
	"100%":            "100%25",
	"%2F":             "%252F",
	"%2E%2E":          "%252E%252E",
	"#frag":           "%23frag",
	"with space":      "with%20space",
	"a;b,c":           "a%3Bb%2Cc",
	"ünïcødé":         "%C3%BCn%C3%AFc%C3%B8d%C3%A9",
	"tab\there":       "tab%09here",
	"new\nline":       "new%0Aline",
}

// TestPathEscaping sends every hostile value as the organization and as the
// integration id and checks the server matched exactly the intended route,
// with the same number of segments and the value intact.
func TestPathEscaping(t *testing.T) {
	for value, escaped := range hostileValues {
		t.Run(value, func(t *testing.T) {
			mux := http.NewServeMux()
			var gotOrg, gotID string
			mux.HandleFunc("GET /api/console/orgs/{org}/integrations/gitlab/{id}", func(w http.ResponseWriter, r *http.Request) {
				gotOrg, gotID = r.PathValue("org"), r.PathValue("id")
				answer(w, 200, gitLabJSON)
			})
			mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { answer(w, 404, `{"message":"wrong route"}`) })
			rec := newRecorder(t, mux.ServeHTTP)
			if _, err := newTestClient(t, rec.URL, 0).GetGitLabIntegration(bg, value, value); err != nil {
				t.Fatalf("request: %v", err)
			}
			req := rec.last()
			want := "/api/console/orgs/" + escaped + "/integrations/gitlab/" + escaped
			if req.EscapedPath != want {
				t.Errorf("path %s, want %s", req.EscapedPath, want)
			}
			if got, want := strings.Count(req.EscapedPath, "/"), 7; got != want {
				t.Errorf("path has %d segments, want %d", got, want)
			}
			if req.RawQuery != "" {
				t.Errorf("value leaked into the query: %q", req.RawQuery)
			}
			if gotOrg != value || gotID != value {
				t.Errorf("server read org %q id %q, want %q", gotOrg, gotID, value)
			}
		})
	}
}

func TestPathEscapingEverySegment(t *testing.T) {
	mux := http.NewServeMux()
	var got []string
	mux.HandleFunc("GET /api/console/orgs/{org}/integrations/{provider}/{id}/repos/{repo}/branches", func(w http.ResponseWriter, r *http.Request) {
		got = []string{r.PathValue("org"), r.PathValue("provider"), r.PathValue("id"), r.PathValue("repo")}
		answer(w, 200, `{"branches":[]}`)
	})
	mux.HandleFunc("GET /api/console/orgs/{org}/integrations/azure-devops/setup/organizations/{ado}/projects", func(w http.ResponseWriter, r *http.Request) {
		got = []string{r.PathValue("org"), r.PathValue("ado")}
		answer(w, 200, `[]`)
	})
	rec := newRecorder(t, mux.ServeHTTP)
	c := newTestClient(t, rec.URL, 0)

	values := []string{"o/../x", "git?hub", "id#1", "...", "repo/branches"}
	if _, err := c.ListVCSBranches(bg, values[0], values[1], values[2], values[3]); err != nil {
		t.Fatal(err)
	}
	if strings.Join(got, "|") != strings.Join(values[:4], "|") {
		t.Errorf("server read %q, want %q", got, values[:4])
	}
	if _, err := c.ListAzureDevOpsProjects(bg, values[4], "my org/../x?"); err != nil {
		t.Fatal(err)
	}
	if got[0] != values[4] || got[1] != "my org/../x?" {
		t.Errorf("server read %q", got)
	}
}

func TestBaseURLPathIsKept(t *testing.T) {
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, `{"integrations":[]}`) })
	if _, err := newTestClient(t, rec.URL+"/pulumi%20api/", 0).ListGitLabIntegrations(bg, "a/b"); err != nil {
		t.Fatal(err)
	}
	if got, want := rec.last().EscapedPath, "/pulumi%20api/api/console/orgs/a%2Fb/integrations/gitlab"; got != want {
		t.Errorf("path %s, want %s", got, want)
	}
}

func TestEmptySegmentRefusedWithoutRequest(t *testing.T) {
	rec := newRecorder(t, nil)
	c := newTestClient(t, rec.URL, 0)
	calls := map[string]error{
		"empty org":      c.DeleteGitLabIntegration(bg, "", "int-1"),
		"empty id":       c.DeleteBitbucketIntegration(bg, "acme", ""),
		"empty provider": func() error { _, err := c.ListVCSRepos(bg, "acme", "", "int-1"); return err }(),
		"empty repo":     func() error { _, err := c.ListVCSBranches(bg, "acme", "github", "int-1", ""); return err }(),
		"empty ADO org":  func() error { _, err := c.ListAzureDevOpsProjects(bg, "acme", ""); return err }(),
		"empty GitHub endpoint": func() error {
			_, err := c.ListGitHubIntegrations(bg, "", "acme")
			return err
		}(),
	}
	for name, err := range calls {
		if !errors.Is(err, ErrInvalidRequest) || IsAmbiguous(err) {
			t.Errorf("%s: err %v, want ErrInvalidRequest", name, err)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests sent, want none", rec.count())
	}
}

// TestDotSegmentsRefusedWithoutRequest: "." and ".." (and "") in any path
// parameter of any method are refused before sending. Escaped as %2E%2E they
// would still be resolved as dot-segments by servers and proxies (RFC 3986
// normalisation) and reach another endpoint.
func TestDotSegmentsRefusedWithoutRequest(t *testing.T) {
	rec := newRecorder(t, nil)
	c := newTestClient(t, rec.URL, 0)
	// Each call puts v into one path parameter.
	calls := map[string]func(v string) error{
		"org of List All":    func(v string) error { _, err := c.ListVCSIntegrations(bg, v); return err },
		"org of List GitHub": func(v string) error { _, err := c.ListGitHubIntegrations(bg, GitHubDotCom, v); return err },
		"org of Claim":       func(v string) error { _, err := c.ClaimGitHubIntegration(bg, v, 1); return err },
		"org of Claimable":   func(v string) error { _, err := c.ListClaimableGitHubIntegrations(bg, v); return err },
		"org of List custom": func(v string) error { _, err := c.ListCustomVCSIntegrations(bg, v); return err },
		"org of Create custom": func(v string) error {
			_, err := c.CreateCustomVCSIntegration(bg, v, CreateCustomVCSIntegrationRequest{})
			return err
		},
		"org of Create GitLab":     func(v string) error { return c.CreateGitLabIntegration(bg, v, CreateGitLabIntegrationRequest{}) },
		"org of ADO organizations": func(v string) error { _, err := c.ListAzureDevOpsOrganizations(bg, v); return err },
		"id of GitHub":             func(v string) error { _, err := c.GetGitHubIntegration(bg, GitHubDotCom, "acme", v); return err },
		"id of GHE":                func(v string) error { return c.DeleteGitHubIntegration(bg, GitHubEnterpriseServer, "acme", v) },
		"id of GitLab": func(v string) error {
			return c.UpdateGitLabIntegration(bg, "acme", v, UpdateGitLabIntegrationRequest{})
		},
		"id of Bitbucket":      func(v string) error { _, err := c.GetBitbucketIntegration(bg, "acme", v); return err },
		"id of Azure DevOps":   func(v string) error { return c.DeleteAzureDevOpsIntegration(bg, "acme", v) },
		"id of custom":         func(v string) error { _, err := c.GetCustomVCSIntegration(bg, "acme", v); return err },
		"id of custom repos":   func(v string) error { return c.RemoveCustomVCSRepository(bg, "acme", v, "r") },
		"id of GHE user-auth":  func(v string) error { _, err := c.ListGitHubEnterpriseLinkedMembers(bg, "acme", v); return err },
		"provider of repos":    func(v string) error { _, err := c.ListVCSRepos(bg, "acme", v, "int-1"); return err },
		"id of repos":          func(v string) error { _, err := c.ListVCSRepos(bg, "acme", "github", v); return err },
		"id of destinations":   func(v string) error { _, _, err := c.ListVCSRepoDestinations(bg, "acme", "github", v); return err },
		"provider of branches": func(v string) error { _, err := c.ListVCSBranches(bg, "acme", v, "int-1", "r-1"); return err },
		"id of branches":       func(v string) error { _, err := c.ListVCSBranches(bg, "acme", "github", v, "r-1"); return err },
		"repo of branches":     func(v string) error { _, err := c.ListVCSBranches(bg, "acme", "github", "int-1", v); return err },
		"ADO org of projects":  func(v string) error { _, err := c.ListAzureDevOpsProjects(bg, "acme", v); return err },
	}
	for _, v := range []string{".", "..", ""} {
		for name, call := range calls {
			err := call(v)
			if !errors.Is(err, ErrInvalidRequest) || IsAmbiguous(err) {
				t.Errorf("%s = %q: err %v, want ErrInvalidRequest", name, v, err)
			}
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests sent, want none", rec.count())
	}
	// Dots inside a segment are ordinary characters.
	for _, v := range []string{"...", ".a", "a.", "a..b"} {
		if _, err := c.ListVCSBranches(bg, "acme", "github", "int-1", v); err != nil {
			t.Errorf("%q refused: %v", v, err)
		}
	}
}

// TestReservedIntegrationIDs: an id equal to a sibling route would call that
// route (GET .../github/access-status) and decode its answer as an integration.
func TestReservedIntegrationIDs(t *testing.T) {
	rec := newRecorder(t, nil)
	c := newTestClient(t, rec.URL, 0)
	for _, id := range []string{"access-status", "setup", "oauth", "claim", "claimable", "Access-Status", "OAUTH", "Claim"} {
		calls := map[string]error{}
		for _, ep := range []GitHubEndpoint{GitHubDotCom, GitHubEnterpriseServer} {
			_, calls["Get "+string(ep)] = c.GetGitHubIntegration(bg, ep, "acme", id)
			calls["Update "+string(ep)] = c.UpdateGitHubIntegration(bg, ep, "acme", id, UpdateGitHubIntegrationRequest{})
			calls["Delete "+string(ep)] = c.DeleteGitHubIntegration(bg, ep, "acme", id)
		}
		_, calls["Get gitlab"] = c.GetGitLabIntegration(bg, "acme", id)
		calls["Update gitlab"] = c.UpdateGitLabIntegration(bg, "acme", id, UpdateGitLabIntegrationRequest{})
		calls["Delete gitlab"] = c.DeleteGitLabIntegration(bg, "acme", id)
		_, calls["Get bitbucket"] = c.GetBitbucketIntegration(bg, "acme", id)
		calls["Update bitbucket"] = c.UpdateBitbucketIntegration(bg, "acme", id, UpdateBitbucketIntegrationRequest{})
		calls["Delete bitbucket"] = c.DeleteBitbucketIntegration(bg, "acme", id)
		_, calls["Get azure-devops"] = c.GetAzureDevOpsIntegration(bg, "acme", id)
		calls["Update azure-devops"] = c.UpdateAzureDevOpsIntegration(bg, "acme", id, UpdateAzureDevOpsIntegrationRequest{})
		calls["Delete azure-devops"] = c.DeleteAzureDevOpsIntegration(bg, "acme", id)
		_, calls["Get custom"] = c.GetCustomVCSIntegration(bg, "acme", id)
		_, calls["Update custom"] = c.UpdateCustomVCSIntegration(bg, "acme", id, UpdateCustomVCSIntegrationRequest{})
		calls["Delete custom"] = c.DeleteCustomVCSIntegration(bg, "acme", id)
		calls["Add custom repo"] = c.AddCustomVCSRepository(bg, "acme", id, AddCustomVCSRepositoryRequest{Name: "r"})
		calls["Remove custom repo"] = c.RemoveCustomVCSRepository(bg, "acme", id, "r")
		_, calls["Get GHE user-auth"] = c.GetGitHubEnterpriseUserIdentity(bg, "acme", id)
		calls["Delete GHE user-auth"] = c.DeleteGitHubEnterpriseUserAuth(bg, "acme", id)
		_, calls["Get GHE authorize"] = c.GetGitHubEnterpriseAuthorizeURL(bg, "acme", id)
		_, calls["List GHE members"] = c.ListGitHubEnterpriseLinkedMembers(bg, "acme", id)
		if len(calls) != 24 {
			t.Fatalf("%d calls checked, want 24", len(calls))
		}
		for name, err := range calls {
			if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), "reserved") || !strings.Contains(err.Error(), id) {
				t.Errorf("%s(%q): err %v, want a reserved-id error naming it", name, id, err)
			}
			if IsAmbiguous(err) || IsNotFound(err) {
				t.Errorf("%s(%q): a refused request must be neither ambiguous nor a 404", name, id)
			}
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests sent, want none", rec.count())
	}
	// Ids that merely contain a reserved word are ordinary ids.
	if err := c.DeleteGitLabIntegration(bg, "acme", "setup-2"); err != nil || rec.count() != 1 {
		t.Errorf("setup-2: err %v after %d requests", err, rec.count())
	}
}

func TestUnknownGitHubEndpointRefused(t *testing.T) {
	rec := newRecorder(t, nil)
	c := newTestClient(t, rec.URL, 0)
	for _, ep := range []GitHubEndpoint{"gitlab", "github_enterprise", "GitHub", "github/../gitlab"} {
		if _, err := c.ListGitHubIntegrations(bg, ep, "acme"); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("%q: err %v, want ErrInvalidRequest", ep, err)
		}
		if err := c.DeleteGitHubIntegration(bg, ep, "acme", "int-1"); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("%q: err %v, want ErrInvalidRequest", ep, err)
		}
	}
	if rec.count() != 0 {
		t.Errorf("%d requests sent, want none", rec.count())
	}
}

func TestValidateBaseURL(t *testing.T) {
	for _, raw := range []string{
		"https://api.pulumi.com", "https://api.pulumi.com/", "HTTPS://API.PULUMI.COM", "https://pulumi.example.com:8443/prefix",
		"http://localhost", "http://LOCALHOST:8080", "http://127.0.0.1:1234", "http://127.8.9.10", "http://[::1]:8080", "http://[::1]",
	} {
		if _, err := ValidateBaseURL(raw); err != nil {
			t.Errorf("%q refused: %v", raw, err)
		}
	}
	for _, raw := range []string{
		"", "api.pulumi.com", "http://api.pulumi.com", "http://10.0.0.1", "http://0.0.0.0:8080", "http://localhost.evil.example",
		"http://127.0.0.1.nip.io", "ftp://api.pulumi.com", "file:///etc/passwd", "https://", "https://:443", "https:api.pulumi.com",
		"https://user:hunter2@api.pulumi.com", "https://api.pulumi.com?x=1", "https://api.pulumi.com#frag", "https://api.pulumi.com/%zz",
		"http://user:hunter2@localhost",
	} {
		_, err := ValidateBaseURL(raw)
		if err == nil {
			t.Errorf("%q accepted", raw)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: the error repeats the password: %v", raw, err)
		}
	}
}

func TestNewRequiresToken(t *testing.T) {
	if _, err := New(Config{BaseURL: "https://api.pulumi.com"}); err == nil {
		t.Error("New accepted an empty token")
	}
	c, err := New(Config{Token: "t"})
	if err != nil || c.base.String() != DefaultBaseURL {
		t.Errorf("New with defaults: %v, base %v", err, c)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	rec := newRecorder(t, nil)
	c, err := New(Config{BaseURL: rec.URL, Token: testToken})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteGitLabIntegration(bg, "acme", "int-1"); err != nil {
		t.Fatal(err)
	}
	if ua := rec.last().Header.Get("User-Agent"); ua != DefaultUserAgent {
		t.Errorf("User-Agent %q, want %q", ua, DefaultUserAgent)
	}
}

func TestRedirectToAnotherHostIsNotFollowed(t *testing.T) {
	other := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, `{"integrations":[]}`) })
	for _, code := range []int{301, 302, 307, 308} {
		api := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, other.URL+r.URL.Path, code)
		})
		_, err := newTestClient(t, api.URL, 2).ListGitLabIntegrations(bg, "acme")
		if StatusCode(err) != code {
			t.Errorf("%d: err %v, want the redirect reported as HTTP %d", code, err, code)
		}
		host := strings.TrimPrefix(other.URL, "http://")
		if want := "redirect to " + host + " not followed: it would carry the access token"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%d: err %v, want it to say %q", code, err, want)
		}
	}
	// localhost and 127.0.0.1 are different hosts too.
	api := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, strings.Replace(other.URL, "127.0.0.1", "localhost", 1)+r.URL.Path, http.StatusFound)
	})
	_, _ = newTestClient(t, api.URL, 0).ListGitLabIntegrations(bg, "acme")
	if other.count() != 0 {
		t.Fatalf("the other host received %d requests (Authorization %q)", other.count(), other.last().Header.Get("Authorization"))
	}
}

func TestRedirectOnTheSameHostIsFollowed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/old/", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/api/console/orgs/acme/integrations/gitlab", http.StatusFound)
	})
	var auth string
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Get("Authorization")
		answer(w, 200, `{"integrations":[]}`)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	if _, err := newTestClient(t, srv.URL+"/old", 0).ListGitLabIntegrations(bg, "acme"); err != nil {
		t.Fatal(err)
	}
	if auth != "token "+testToken {
		t.Errorf("Authorization after a same-host redirect: %q", auth)
	}
}
