package emulator

import (
	"strings"
	"testing"
)

// TestAllRoutes walks every operation of the OpenAPI document in an order
// that keeps ids valid (creates and reads before deletes), asserting the
// exact status and key response fields, and holding every request and
// answer to the document.
func TestAllRoutes(t *testing.T) {
	e := newEmu(t, Options{})
	vars := map[string]string{
		"{gh}":     firstID(t, e, "github"),
		"{ghe}":    firstID(t, e, "github-enterprise"),
		"{gl}":     firstID(t, e, "gitlab"),
		"{bb}":     firstID(t, e, "bitbucket"),
		"{ado}":    firstID(t, e, "azure-devops"),
		"{custom}": firstID(t, e, "custom"),
	}
	type row struct {
		spec   string // the spec's method + path, for coverage
		path   string // relative to /integrations, with {vars}
		body   string
		status int
		check  func(t *testing.T, r resp)
	}
	const I = "/api/console/orgs/{orgName}/integrations"
	rows := []row{
		{spec: "GET " + I, path: "", status: 200, check: func(t *testing.T, r resp) {
			items := r.obj(t)["integrations"].([]any)
			if len(items) != 6 {
				t.Fatalf("want 6 seeded integrations, got %d", len(items))
			}
			seen := map[string]bool{}
			for _, it := range items {
				m := it.(map[string]any)
				wantKeys(t, m, "name", "id", "vcsProvider", "hasIndividualAccess")
				if m["vcsProvider"] == "custom" {
					wantKeys(t, m, "baseUrl")
				} else {
					wantKeys(t, m, "avatarUrl")
				}
				seen[m["vcsProvider"].(string)] = true
				if m["vcsProvider"] == "github_enterprise" && m["host"] != SeedGHEHost {
					t.Errorf("GHE host = %v", m["host"])
				}
			}
			for _, p := range []string{"github", "github_enterprise", "gitlab", "bitbucket", "azure_devops", "custom"} {
				if !seen[p] {
					t.Errorf("vcsProvider %s missing", p)
				}
			}
		}},
		{spec: "GET " + I + "/{provider}/{integrationId}/repos", path: "/github/{gh}/repos", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			repos := m["repos"].([]any)
			if len(repos) != DefaultPageSize || m["nextPageToken"] != "2" {
				t.Fatalf("page 1: %d repos, next %v", len(repos), m["nextPageToken"])
			}
			first := repos[0].(map[string]any)
			wantKeys(t, first, "id", "owner", "name")
			vars["{repo}"] = first["id"].(string)
		}},
		{spec: "GET " + I + "/{provider}/{integrationId}/repos/{repoId}/branches", path: "/github/{gh}/repos/{repo}/branches", status: 200, check: func(t *testing.T, r resp) {
			b := r.obj(t)["branches"].([]any)
			got := map[string]bool{}
			for _, x := range b {
				m := x.(map[string]any)
				got[m["name"].(string)] = m["isProtected"].(bool)
			}
			if !got["main"] || got["develop"] || !got["release/1.0"] {
				t.Fatalf("branches = %v", got)
			}
		}},
		{spec: "GET " + I + "/{provider}/{integrationId}/repos/destinations", path: "/github/{gh}/repos/destinations", status: 200, check: func(t *testing.T, r resp) {
			if n := len(r.obj(t)["repos"].([]any)); n == 0 {
				t.Fatal("no destinations")
			}
		}},

		// Azure DevOps
		{spec: "GET " + I + "/azure-devops", path: "/azure-devops", status: 200, check: func(t *testing.T, r resp) {
			list := r.obj(t)
			if u, _ := list["installationUrl"].(string); !strings.HasPrefix(u, "https://") {
				t.Errorf("list-level installationUrl = %v", list["installationUrl"])
			}
			m := list["integrations"].([]any)[0].(map[string]any)
			wantKeys(t, m, "id", "organization", "project", "valid", "disablePRComments", "disableNeoSummaries",
				"disableDetailedDiff", "disableCodeAccessForReviews")
		}},
		{spec: "POST " + I + "/azure-devops", path: "/azure-devops", status: 204,
			body: `{"organizationName":"acmecorp","projectId":"8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41","disableCodeAccessForReviews":true}`},
		{spec: "GET " + I + "/azure-devops/{integrationId}", path: "/azure-devops/{ado}", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			wantKeys(t, m, "installed", "valid", "organization", "project", "authUser",
				"disablePRComments", "disableNeoSummaries", "disableDetailedDiff")
			if m["project"].(map[string]any)["name"] != "Website" {
				t.Errorf("project = %v", m["project"])
			}
			wantKeys(t, m["authUser"].(map[string]any), "id", "githubLogin", "name", "email", "avatarUrl",
				"organizations", "identities", "siteAdmin", "hasMFA", "isOrgManaged", "isManagedByMultiOrg")
		}},
		{spec: "PATCH " + I + "/azure-devops/{integrationId}", path: "/azure-devops/{ado}", body: `{"disablePRComments":true}`, status: 204},
		{spec: "GET " + I + "/azure-devops/access-status", path: "/azure-devops/access-status", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			if m["hasUserToken"] != false || m["hasIntegration"] != true || len(m["availableOrgs"].([]any)) != 2 {
				t.Fatalf("access status = %s", r.body)
			}
		}},
		{spec: "POST " + I + "/azure-devops/oauth/initiate", path: "/azure-devops/oauth/initiate",
			body: `{"provider":{"name":"azure","azure":{"tenantId":"t1","apiName":"ado"}}}`, status: 200, check: func(t *testing.T, r resp) {
				m := r.obj(t)
				if !strings.HasPrefix(m["url"].(string), "https://") || m["sessionID"] == "" {
					t.Fatalf("initiate = %s", r.body)
				}
				vars["{session}"] = m["sessionID"].(string)
			}},
		{spec: "POST " + I + "/azure-devops/oauth/complete", path: "/azure-devops/oauth/complete",
			body: `{"provider":{"name":"azure","azure":{"apiName":"ado"}},"sessionID":"{session}","code":"c0de"}`, status: 200},
		{spec: "GET " + I + "/azure-devops/setup/organizations", path: "/azure-devops/setup/organizations", status: 200, check: func(t *testing.T, r resp) {
			a := r.arr(t)
			if len(a) != 2 {
				t.Fatalf("orgs = %s", r.body)
			}
			wantKeys(t, a[0].(map[string]any), "id", "name", "accountUrl", "hasRequiredPermissions")
		}},
		{spec: "GET " + I + "/azure-devops/setup/organizations/{adoOrgName}/projects", path: "/azure-devops/setup/organizations/acmecorp/projects", status: 200, check: func(t *testing.T, r resp) {
			if a := r.arr(t); len(a) != 3 {
				t.Fatalf("projects = %s", r.body)
			}
		}},
		{spec: "DELETE " + I + "/azure-devops/{integrationId}", path: "/azure-devops/{ado}", status: 204},

		// Bitbucket
		{spec: "GET " + I + "/bitbucket", path: "/bitbucket", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)["integrations"].([]any)[0].(map[string]any)
			wantKeys(t, m, "id", "workspaceUuid", "workspaceSlug", "workspaceName", "avatarUrl", "installed", "valid",
				"authType", "disablePRComments", "disableNeoSummaries", "disableDetailedDiff")
		}},
		{spec: "POST " + I + "/bitbucket", path: "/bitbucket", status: 204,
			body: `{"workspaceUuid":"0C6F1E2A-3B4D-4C5E-8F90-A1B2C3D4E5F1","workspaceSlug":"acme-web","useUserAuth":true}`},
		{spec: "GET " + I + "/bitbucket/{integrationId}", path: "/bitbucket/{bb}", status: 200, check: func(t *testing.T, r resp) {
			if m := r.obj(t); m["workspaceSlug"] != SeedIntegratedBitbucketSlug || m["authType"] != "workspace_token" {
				t.Fatalf("bitbucket = %s", r.body)
			}
		}},
		{spec: "PATCH " + I + "/bitbucket/{integrationId}", path: "/bitbucket/{bb}", body: `{"disableDetailedDiff":true}`, status: 204},
		{spec: "GET " + I + "/bitbucket/access-status", path: "/bitbucket/access-status", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			// acme-tools was seeded and acme-web created above: one left.
			if m["hasUserToken"] != true || len(m["availableWorkspaces"].([]any)) != 1 {
				t.Fatalf("bitbucket access = %s", r.body)
			}
		}},
		{spec: "DELETE " + I + "/bitbucket/{integrationId}", path: "/bitbucket/{bb}", status: 204},

		// GitHub
		{spec: "GET " + I + "/github/claimable", path: "/github/claimable", status: 200, check: func(t *testing.T, r resp) {
			got := map[float64]bool{}
			for _, it := range r.obj(t)["installations"].([]any) {
				got[it.(map[string]any)["installationId"].(float64)] = true
			}
			for _, id := range PendingGitHubInstallationIDs {
				if !got[float64(id)] {
					t.Errorf("pending installation %d not claimable: %s", id, r.body)
				}
			}
			if got[float64(SeedOtherOrgInstallationID)] || got[float64(SeedGitHubInstallationID)] || len(got) != len(PendingGitHubInstallationIDs) {
				t.Errorf("claimable = %s", r.body)
			}
		}},
		{spec: "GET " + I + "/github", path: "/github", status: 200, check: func(t *testing.T, r resp) {
			if u := r.obj(t)["installationUrl"]; u != "https://github.com/apps/pulumi/installations/new" {
				t.Errorf("list-level installationUrl = %v", u)
			}
			// Every GitHub App integration: the connected github.com
			// installation, then the self-hosted one (isSelfHosted), which
			// the GitHub Enterprise list answers alone.
			items := r.obj(t)["integrations"].([]any)
			if len(items) != 2 {
				t.Fatalf("want the connected installation and the self-hosted one, got %d", len(items))
			}
			m := items[0].(map[string]any)
			if m["installationID"].(float64) != float64(SeedGitHubInstallationID) || m["isSelfHosted"] != false {
				t.Fatalf("github = %v", m)
			}
			if m := items[1].(map[string]any); m["installationID"].(float64) != float64(SeedGHEInstallationID) || m["isSelfHosted"] != true {
				t.Fatalf("github's self-hosted item = %v", m)
			}
		}},
		{spec: "POST " + I + "/github", path: "/github", status: 200, check: func(t *testing.T, r resp) {
			u := r.obj(t)["installationUrl"].(string)
			if !strings.HasPrefix(u, "https://github.com/apps/pulumi/installations/new?state=") {
				t.Fatalf("installationUrl = %s", u)
			}
		}},
		{spec: "GET " + I + "/github-enterprise", path: "/github-enterprise", status: 200, check: func(t *testing.T, r resp) {
			items := r.obj(t)["integrations"].([]any)
			if len(items) != 1 {
				t.Fatalf("want only the self-hosted installation, got %d", len(items))
			}
			m := items[0].(map[string]any)
			if m["isSelfHosted"] != true || m["accountName"] != SeedGHEAccountName {
				t.Fatalf("ghe = %v", m)
			}
		}},
		{spec: "GET " + I + "/github-enterprise/{integrationId}", path: "/github-enterprise/{ghe}", status: 200},
		{spec: "PATCH " + I + "/github-enterprise/{integrationId}", path: "/github-enterprise/{ghe}", body: `{"disableCodeAccessForReviews":true,"individualAuthEnabled":true}`, status: 204},
		{spec: "GET " + I + "/github-enterprise/{integrationId}/user-auth", path: "/github-enterprise/{ghe}/user-auth", status: 200, check: func(t *testing.T, r resp) {
			wantKeys(t, r.obj(t), "login", "githubId", "connectedAt")
		}},
		{spec: "GET " + I + "/github-enterprise/{integrationId}/user-auth/authorize", path: "/github-enterprise/{ghe}/user-auth/authorize", status: 200, check: func(t *testing.T, r resp) {
			if u := r.obj(t)["authorizeUrl"].(string); !strings.HasPrefix(u, "https://"+SeedGHEHost+"/") {
				t.Errorf("authorizeUrl = %s", u)
			}
		}},
		{spec: "GET " + I + "/github-enterprise/{integrationId}/user-auth/members", path: "/github-enterprise/{ghe}/user-auth/members", status: 200, check: func(t *testing.T, r resp) {
			if l := r.obj(t)["linkedLogins"].([]any); len(l) != 1 || l[0] != "jdoe" {
				t.Errorf("linked members = %s", r.body)
			}
		}},
		{spec: "DELETE " + I + "/github-enterprise/{integrationId}/user-auth", path: "/github-enterprise/{ghe}/user-auth", status: 204, check: func(t *testing.T, _ resp) {
			if r := call(t, e, "GET", "/github-enterprise/"+vars["{ghe}"]+"/user-auth", ""); r.status != 404 {
				t.Errorf("identity still linked after DELETE: %d", r.status)
			}
			m, _ := e.Integration(org, "github-enterprise", vars["{ghe}"])
			if m["disableCodeAccessForReviews"] != true || m["individualAuthEnabled"] != true {
				t.Errorf("GHE PATCH not kept: %v", m)
			}
		}},
		{spec: "DELETE " + I + "/github-enterprise/{integrationId}", path: "/github-enterprise/{ghe}", status: 204},
		{spec: "GET " + I + "/github/{integrationId}", path: "/github/{gh}", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			wantKeys(t, m, "avatarUrl", "id", "installationID", "accountID", "accountName", "isOrganization", "isSelfHosted",
				"created", "disablePRComments", "disableNeoSummaries", "disableDetailedDiff", "disableCodeAccessForReviews",
				"hasMembersPermission", "hasContentsPermission", "neoGitHubAppPermissionRequirements", "ghUrls")
			wantKeys(t, m["ghUrls"].(map[string]any), "installationUrl", "configurationUrl", "permissionsUrl", "stateParam")
			req := m["neoGitHubAppPermissionRequirements"].([]any)[0].(map[string]any)
			wantKeys(t, req, "name", "required", "actual", "reason", "isSufficient")
		}},
		{spec: "PATCH " + I + "/github/{integrationId}", path: "/github/{gh}", body: `{"disablePRComments":true,"disableDraftPRComments":true}`, status: 204, check: func(t *testing.T, _ resp) {
			m, _ := e.Integration(org, "github", vars["{gh}"])
			if m["disablePRComments"] != true || m["disableDraftPRComments"] != true || m["individualAuthEnabled"] != false {
				t.Errorf("GitHub PATCH: %v", m)
			}
		}},
		{spec: "POST " + I + "/github/claim", path: "/github/claim", body: `{"installationId":41000002}`, status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			if m["accountName"] != "acme-labs" || m["installationID"].(float64) != 41000002 {
				t.Fatalf("claimed = %s", r.body)
			}
			again := call(t, e, "POST", "/github/claim", `{"installationId":41000002}`)
			if again.status != 200 || again.obj(t)["id"] != m["id"] {
				t.Errorf("claim not idempotent: %d %s", again.status, again.body)
			}
			if n := len(e.Integrations(org, "github")); n != 2 {
				t.Errorf("github integrations after claim = %d, want 2", n)
			}
		}},
		{spec: "GET " + I + "/github/access-status", path: "/github/access-status", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			ints := m["integrations"].([]any)
			// the seeded installation, and the one claimed above
			if m["hasIntegration"] != true || len(ints) != 2 || ints[0].(map[string]any)["id"] != vars["{gh}"] {
				t.Fatalf("github access = %s", r.body)
			}
			wantKeys(t, m, "hasUserToken", "availableOrgs")
		}},
		{spec: "DELETE " + I + "/github/{integrationId}", path: "/github/{gh}", status: 204},

		// Custom VCS
		{spec: "GET " + I + "/custom", path: "/custom", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)["integrations"].([]any)[0].(map[string]any)
			if m["name"] != SeedCustomName || m["vcsType"] != "git" || m["webhookSecret"] != nil {
				t.Fatalf("custom list = %s", r.body)
			}
		}},
		{spec: "POST " + I + "/custom", path: "/custom", status: 201,
			body: `{"name":"Forgejo","baseUrl":"https://forgejo.acme.example/ops","environment":"vcs/forgejo"}`, check: func(t *testing.T, r resp) {
				m := r.obj(t)
				secret, _ := m["webhookSecret"].(string)
				if m["vcsType"] != "git" || secret == "" || !e.WebhookSecretMatches(org, m["id"].(string), secret) {
					t.Fatalf("custom create = %s", r.body)
				}
				vars["{custom2}"] = m["id"].(string)
			}},
		{spec: "GET " + I + "/custom/{integrationId}", path: "/custom/{custom}", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			repos := m["repositories"].([]any)
			if m["webhookSecret"] != nil || len(repos) != 1 || repos[0].(map[string]any)["name"] != SeedCustomRepoName {
				t.Fatalf("custom get = %s", r.body)
			}
			wantKeys(t, m, "id", "name", "baseUrl", "environment", "vcsType", "webhookUrl", "created", "modified")
		}},
		{spec: "PATCH " + I + "/custom/{integrationId}", path: "/custom/{custom2}", body: `{"environment":"vcs/forgejo-2","regenerateWebhookSecret":true}`, status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			secret, _ := m["webhookSecret"].(string)
			if m["environment"] != "vcs/forgejo-2" || !e.WebhookSecretMatches(org, vars["{custom2}"], secret) {
				t.Fatalf("custom patch = %s", r.body)
			}
			plain := call(t, e, "PATCH", "/custom/"+vars["{custom2}"], `{"name":"Forgejo 2"}`).obj(t)
			if plain["webhookSecret"] != nil || plain["name"] != "Forgejo 2" || !e.WebhookSecretMatches(org, vars["{custom2}"], secret) {
				t.Fatalf("PATCH without regenerate: %v", plain)
			}
		}},
		{spec: "POST " + I + "/custom/{integrationId}/repos", path: "/custom/{custom}/repos", body: `{"name":"acme/docs","displayName":"Docs"}`, status: 204},
		{spec: "DELETE " + I + "/custom/{integrationId}/repos", path: "/custom/{custom}/repos", body: `{"name":"` + SeedCustomRepoName + `"}`, status: 204, check: func(t *testing.T, _ resp) {
			m, _ := e.Integration(org, "custom", vars["{custom}"])
			repos := m["repositories"].([]any)
			if len(repos) != 1 || repos[0].(map[string]any)["name"] != "acme/docs" {
				t.Fatalf("repositories after add and remove: %v", repos)
			}
		}},
		{spec: "DELETE " + I + "/custom/{integrationId}", path: "/custom/{custom}", status: 204},

		// GitLab
		{spec: "GET " + I + "/gitlab", path: "/gitlab", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)["integrations"].([]any)[0].(map[string]any)
			wantKeys(t, m, "id", "gitLabGroupId", "groupName", "groupPath", "avatarUrl", "installed", "valid",
				"gitLabOrg", "authUser", "disablePRComments", "disableNeoSummaries", "disableDetailedDiff")
		}},
		{spec: "POST " + I + "/gitlab", path: "/gitlab", body: `{"gitLabGroupId":7001}`, status: 204},
		{spec: "GET " + I + "/gitlab/{integrationId}", path: "/gitlab/{gl}", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			if m["gitLabGroupId"].(float64) != 7003 || m["groupPath"] != "acme/data" {
				t.Fatalf("gitlab = %s", r.body)
			}
			wantKeys(t, m["gitLabOrg"].(map[string]any), "id", "name", "avatarURL", "hasRequiredPermissions")
		}},
		{spec: "PATCH " + I + "/gitlab/{integrationId}", path: "/gitlab/{gl}", body: `{"disableNeoSummaries":true}`, status: 204},
		{spec: "GET " + I + "/gitlab/access-status", path: "/gitlab/access-status", status: 200, check: func(t *testing.T, r resp) {
			m := r.obj(t)
			// 7003 seeded and 7001 created above: only 7002 is left.
			g := m["availableGroups"].([]any)
			if m["hasUserToken"] != true || len(g) != 1 || g[0].(map[string]any)["id"].(float64) != 7002 {
				t.Fatalf("gitlab access = %s", r.body)
			}
		}},
		{spec: "DELETE " + I + "/gitlab/{integrationId}", path: "/gitlab/{gl}", status: 204},
	}

	seen := map[string]bool{}
	for _, rw := range rows {
		seen[rw.spec] = true
		t.Run(rw.spec, func(t *testing.T) {
			path, body := rw.path, rw.body
			for k, v := range vars {
				path = strings.ReplaceAll(path, k, v)
				body = strings.ReplaceAll(body, k, v)
			}
			r := specCall(t, e, strings.Fields(rw.spec)[0], path, body)
			if r.status != rw.status {
				t.Fatalf("status = %d, want %d: %s", r.status, rw.status, r.body)
			}
			if r.status == 204 && len(r.body) != 0 {
				t.Fatalf("204 with a body: %s", r.body)
			}
			if r.status == 200 && r.header.Get("Content-Type") != "application/json" {
				t.Fatalf("Content-Type = %q", r.header.Get("Content-Type"))
			}
			if rw.check != nil {
				rw.check(t, r)
			}
		})
	}
	for _, op := range validator(t).Operations() {
		if !seen[op.Method+" "+op.Path] {
			t.Errorf("operation %s (%s %s) has no row", op.OperationID, op.Method, op.Path)
		}
		delete(seen, op.Method+" "+op.Path)
	}
	for s := range seen {
		t.Errorf("row %q is no operation of the document", s)
	}

	// Side effects of the walk above.
	if _, ok := e.Integration(org, "github", vars["{gh}"]); ok {
		t.Error("github integration still there after DELETE")
	}
	if findBy(t, e, "gitlab", "gitLabGroupId", float64(7001)) == "" {
		t.Error("created gitlab integration missing")
	}
	if id := findBy(t, e, "bitbucket", "workspaceSlug", "acme-web"); id == "" {
		t.Error("created bitbucket integration missing")
	} else if m, _ := e.Integration(org, "bitbucket", id); m["workspaceUuid"] != "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}" || m["authType"] != "user_token" || m["authUser"] == nil {
		t.Errorf("bitbucket not canonical/user auth: %v", m)
	}
	ado := e.Integrations(org, "azure-devops")
	if len(ado) != 1 || ado[0]["disableCodeAccessForReviews"] != true {
		t.Errorf("ADO create-time disableCodeAccessForReviews not kept: %v", ado)
	}
	r := call(t, e, "GET", "/azure-devops/access-status", "")
	if r.obj(t)["hasUserToken"] != true {
		t.Error("hasUserToken not true after OAuth complete")
	}
}
