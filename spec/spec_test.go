package spec

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

const orgs = "/api/console/orgs/acme/integrations"

var jsonHeader = http.Header{"Content-Type": []string{"application/json"}}

func validator(t *testing.T) *Validator {
	t.Helper()
	v, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The operation list comes from the document, so a count that changed means
// the embedded document changed: every consumer of Operations must follow.
func TestOperationsFromDocument(t *testing.T) {
	var raw struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(Document, &raw); err != nil {
		t.Fatal(err)
	}
	want := 0
	for _, item := range raw.Paths {
		for m := range item {
			if m != "parameters" {
				want++
			}
		}
	}
	ops := validator(t).Operations()
	if len(ops) != want || want < 40 {
		t.Fatalf("Operations() = %d operations, document has %d", len(ops), want)
	}
	for _, op := range ops {
		if op.OperationID == "" || op.Method == "" || !strings.HasPrefix(op.Path, "/api/") {
			t.Errorf("incomplete operation %+v", op)
		}
	}
}

func TestFind(t *testing.T) {
	v := validator(t)
	cases := []struct{ method, uri, want string }{
		{"GET", orgs + "/github/claimable", "ListClaimableGitHubIntegrations"},
		{"GET", orgs + "/github/123", "GetGitHubIntegration"},
		{"POST", orgs + "/github/claim", "ClaimGitHubIntegration"},
		{"GET", orgs + "/custom/c1/repos", "ListVCSRepos"},
		{"POST", orgs + "/custom/c1/repos", "AddCustomVCSRepository"},
		{"DELETE", orgs + "/custom/c1/repos", "RemoveCustomVCSRepository"},
		{"GET", orgs + "/github/123/repos/destinations", "ListVCSRepoDestinations"},
		{"GET", orgs + "/gitlab/9/repos/a%2Fb/branches?page=2", "ListVCSBranches"},
		{"GET", orgs + "/azure-devops/setup/organizations/o/projects", "ListAzureDevOpsProjects"},
	}
	for _, c := range cases {
		op, ok := v.Find(c.method, c.uri)
		if !ok || op.OperationID != c.want {
			t.Errorf("Find(%s %s) = %q, %v; want %q", c.method, c.uri, op.OperationID, ok, c.want)
		}
	}
	for _, c := range []struct{ method, uri string }{
		{"PUT", orgs + "/github/123"},
		{"GET", orgs + "/github/123/extra/segments/here/x"},
		{"GET", orgs + "/github//repos"},
	} {
		if op, ok := v.Find(c.method, c.uri); ok {
			t.Errorf("Find(%s %s) = %q, want no operation", c.method, c.uri, op.OperationID)
		}
		if err := v.ValidateRequest(c.method, c.uri, nil, nil); !errors.Is(err, ErrNoOperation) {
			t.Errorf("ValidateRequest(%s %s) = %v, want ErrNoOperation", c.method, c.uri, err)
		}
	}
}

// Each case is a body the document refuses only when read strictly, or
// refuses as written; a passing case next to it shows the refusal is about
// that one property.
func TestValidateResponseStrict(t *testing.T) {
	v := validator(t)
	summary := `{"id":"1","vcsProvider":"%s","hasIndividualAccess":false%s}`
	cases := []struct {
		name, uri, body string
		status          int
		ok              bool
	}{
		{"summary custom", orgs, `{"integrations":[` + fmt.Sprintf(summary, "custom", "") + `]}`, 200, true},
		{"summary generic is not in the enum", orgs, `{"integrations":[` + fmt.Sprintf(summary, "generic", "") + `]}`, 200, false},
		{"summary unknown property", orgs, `{"integrations":[` + fmt.Sprintf(summary, "github", `,"installationUrl":"x"`) + `]}`, 200, false},
		{"top-level unknown property", orgs, `{"integrations":[],"extra":1}`, 200, false},
		{"required property missing", orgs, `{}`, 200, false},
		{"github list-level installationUrl", orgs + "/github", `{"integrations":[],"installationUrl":"https://x"}`, 200, true},
		{"github per-item installationUrl", orgs + "/github", `{"integrations":[{"id":"1","installationID":1,"isOrganization":true,"isSelfHosted":false,"hasContentsPermission":true,"hasMembersPermission":true,"disablePRComments":false,"disableNeoSummaries":false,"disableDetailedDiff":false,"disableCodeAccessForReviews":false,"installationUrl":"x"}]}`, 200, false},
		{"github bad date-time", orgs + "/github/1", `{"id":"1","installationID":1,"isOrganization":true,"isSelfHosted":false,"hasContentsPermission":true,"hasMembersPermission":true,"disablePRComments":false,"disableNeoSummaries":false,"disableDetailedDiff":false,"disableCodeAccessForReviews":false,"created":"yesterday"}`, 200, false},
		{"github good", orgs + "/github/1", `{"id":"1","installationID":1,"isOrganization":true,"isSelfHosted":false,"hasContentsPermission":true,"hasMembersPermission":true,"disablePRComments":false,"disableNeoSummaries":false,"disableDetailedDiff":false,"disableCodeAccessForReviews":false,"disableDraftPRComments":true,"individualAuthEnabled":false,"created":"2024-01-02T03:04:05Z"}`, 200, true},
		{"repos token is a string", orgs + "/github/1/repos", `{"repos":[],"nextPageToken":"2"}`, 200, true},
		{"repos token as a number", orgs + "/github/1/repos", `{"repos":[],"nextPageToken":2}`, 200, false},
		{"undocumented status", orgs + "/github/1", ``, 418, false},
		{"404 documented without content", orgs + "/github/1", `{"code":404,"message":"not found"}`, 404, true},
		{"204 with a body", orgs + "/gitlab/1", `{}`, 204, false},
	}
	for _, c := range cases {
		method := "GET"
		if c.status == 204 {
			method = "DELETE"
		}
		err := v.ValidateResponse(method, c.uri, c.status, jsonHeader, []byte(c.body))
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

// User nests OrganizationSummaryWithRole, an allOf: flattened, it takes the
// union of its branches' properties and still refuses others.
func TestAllOfFlattened(t *testing.T) {
	v := validator(t)
	user := func(identity, org string) string {
		return `{"id":"u","name":"U","githubLogin":"u","avatarUrl":"","email":"u@x","hasMFA":false,"isOrgManaged":false,"isManagedByMultiOrg":false,"identities":["` + identity + `"],"organizations":[` + org + `]}`
	}
	uri := orgs + "/gitlab/1"
	list := func(u string) string {
		return `{"id":"1","gitLabGroupId":9,"installed":true,"valid":true,"disablePRComments":false,"disableNeoSummaries":false,"disableDetailedDiff":false,"authUser":` + u + `}`
	}
	org := `{"name":"acme","githubLogin":"acme","avatarUrl":"","role":"admin"}`
	for _, c := range []struct {
		name, body string
		ok         bool
	}{
		{"good", list(user("github.com", org)), true},
		{"identity github", list(user("github", org)), false},
		{"role outside enum", list(user("github.com", strings.Replace(org, "admin", "owner", 1))), false},
		{"role missing", list(user("github.com", `{"name":"acme","githubLogin":"acme","avatarUrl":""}`)), false},
		{"org unknown property", list(user("github.com", strings.Replace(org, `"role"`, `"x":1,"role"`, 1))), false},
	} {
		err := v.ValidateResponse("GET", uri, 200, jsonHeader, []byte(c.body))
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}

func TestValidateRequestStrict(t *testing.T) {
	v := validator(t)
	cases := []struct {
		name, method, uri, body string
		ok                      bool
	}{
		{"claim", "POST", orgs + "/github/claim", `{"installationId":7}`, true},
		{"claim id as string", "POST", orgs + "/github/claim", `{"installationId":"7"}`, false},
		{"github settings", "PATCH", orgs + "/github/1", `{"disableDraftPRComments":true,"individualAuthEnabled":true}`, true},
		{"github settings unknown", "PATCH", orgs + "/github/1", `{"disableDrafts":true}`, false},
		{"custom create", "POST", orgs + "/custom", `{"name":"n","baseUrl":"https://g","environment":"p/e","vcsType":"git"}`, true},
		{"custom create bad vcsType", "POST", orgs + "/custom", `{"name":"n","baseUrl":"https://g","environment":"p/e","vcsType":"svn"}`, false},
		{"custom update regenerate", "PATCH", orgs + "/custom/c", `{"regenerateWebhookSecret":true}`, true},
		{"custom repo delete body", "DELETE", orgs + "/custom/c/repos", `{"name":"r"}`, true},
		{"custom repo delete without name", "DELETE", orgs + "/custom/c/repos", `{}`, false},
		{"body where none is taken", "GET", orgs + "/github", `{}`, false},
		{"repos page integer", "GET", orgs + "/github/1/repos?page=2", ``, true},
		{"repos page not an integer", "GET", orgs + "/github/1/repos?page=abc", ``, false},
	}
	for _, c := range cases {
		var body []byte
		h := http.Header{}
		if c.body != "" {
			body = []byte(c.body)
			h = jsonHeader
		}
		err := v.ValidateRequest(c.method, c.uri, h, body)
		if (err == nil) != c.ok {
			t.Errorf("%s: err = %v, want ok=%v", c.name, err, c.ok)
		}
	}
}
