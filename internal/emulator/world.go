package emulator

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"strings"
	"time"
)

// The seeded world: what the VCS hosts "contain" (installations, groups,
// workspaces, ADO orgs and projects) and which of those are already
// integrated when an org starts. Every org gets the same world, with
// integration ids derived from the org name so they are stable across runs.

// Seeded natural keys, exported for tests.
const (
	SeedGitHubInstallationID int64 = 41000001
	SeedGitHubAccountName          = "acme-inc"
	SeedGitHubRepoCount            = 60

	SeedGHEHost                 = "github.acme.internal"
	SeedGHEInstallationID int64 = 52000001
	SeedGHEAccountName          = "platform"

	SeedIntegratedGitLabGroupID int64 = 7003
	SeedIntegratedBitbucketSlug       = "acme-tools"
	SeedIntegratedADOOrg              = "acmecorp"
	SeedIntegratedADOProjectID        = "5b1e9f3a-7c2d-4e8b-9a61-0d4c3b2a1f07" // acmecorp/Website

	// The seeded custom VCS integration and its one repository.
	SeedCustomName        = "Gitea Production"
	SeedCustomBaseURL     = "https://gitea.acme.example/acme"
	SeedCustomEnvironment = "vcs/gitea"
	SeedCustomRepoName    = "acme/website"

	// SeedOtherOrgInstallationID is a GitHub App installation linked to
	// another Pulumi organization: claiming it answers 409.
	SeedOtherOrgInstallationID int64 = 41000009

	DefaultPageSize = 25

	// ExtraGitLabGroupBaseID + i is the id of the i-th (1-based) group that
	// Options.ExtraGitLabGroups adds.
	ExtraGitLabGroupBaseID int64 = 8000
)

// GitHubInstallation is a GitHub App installation on the (emulated) GitHub side.
type GitHubInstallation struct {
	InstallationID int64
	AccountName    string
	AccountID      int64
	IsOrganization bool
	Enterprise     bool // installed on SeedGHEHost
}

// GitLabGroup is a group on the emulated GitLab.
type GitLabGroup struct {
	ID   int64
	Name string
	Path string
}

// BitbucketWorkspace is a workspace on the emulated Bitbucket; UUID has braces.
type BitbucketWorkspace struct {
	UUID string
	Slug string
	Name string
}

// ADOProject is a project in an emulated Azure DevOps organization.
type ADOProject struct {
	ID   string
	Name string
}

// ADOOrg is an emulated Azure DevOps organization.
type ADOOrg struct {
	ID       string
	Name     string
	Projects []ADOProject
}

// Seed catalogues. Treat as read-only: the emulator keeps its own copies.
var (
	PendingGitHubInstallationIDs = []int64{41000002, 41000003, 41000004}
	PendingGHEInstallationIDs    = []int64{52000002}
	SeedGitHubInstallations      = seedGitHubInstallations()
	SeedGitLabGroups             = seedGitLabGroups()
	SeedGitLabGroupIDs           = []int64{7001, 7002, 7003}
	SeedBitbucketWorkspaces      = seedBitbucketWorkspaces()
	SeedADOOrgs                  = seedADOOrgs()
)

func seedGitHubInstallations() []GitHubInstallation {
	return []GitHubInstallation{
		{InstallationID: 41000001, AccountName: "acme-inc", AccountID: 90000101, IsOrganization: true},
		{InstallationID: 41000002, AccountName: "acme-labs", AccountID: 90000102, IsOrganization: true},
		{InstallationID: 41000003, AccountName: "acme-oss", AccountID: 90000103, IsOrganization: true},
		{InstallationID: 41000004, AccountName: "jdoe", AccountID: 90000104, IsOrganization: false},
		{InstallationID: 52000001, AccountName: "platform", AccountID: 201, IsOrganization: true, Enterprise: true},
		{InstallationID: 52000002, AccountName: "security", AccountID: 202, IsOrganization: true, Enterprise: true},
	}
}

func seedOtherOrgInstallations() []GitHubInstallation {
	return []GitHubInstallation{
		{InstallationID: SeedOtherOrgInstallationID, AccountName: "acme-partner", AccountID: 90000109, IsOrganization: true},
	}
}

func seedGitLabGroups() []GitLabGroup {
	return []GitLabGroup{
		{ID: 7001, Name: "Platform", Path: "acme/platform"},
		{ID: 7002, Name: "Infrastructure", Path: "acme/infra"},
		{ID: 7003, Name: "Data", Path: "acme/data"},
	}
}

func seedBitbucketWorkspaces() []BitbucketWorkspace {
	return []BitbucketWorkspace{
		{UUID: "{0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1}", Slug: "acme-web", Name: "Acme Web"},
		{UUID: "{1d7a2f3b-4c5e-4d6f-9a01-b2c3d4e5f6a2}", Slug: "acme-mobile", Name: "Acme Mobile"},
		{UUID: "{2e8b3a4c-5d6f-4e7a-8b12-c3d4e5f6a7b3}", Slug: "acme-tools", Name: "Acme Tools"},
	}
}

func seedADOOrgs() []ADOOrg {
	return []ADOOrg{
		{ID: "a3f1c2d4-1111-4a2b-9c3d-0e1f2a3b4c5d", Name: "acmecorp", Projects: []ADOProject{
			{ID: "8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41", Name: "Payments"},
			{ID: "9e3d5f70-2b4c-4d6e-9f80-ab1c2d3e4f52", Name: "Identity"},
			{ID: SeedIntegratedADOProjectID, Name: "Website"},
		}},
		{ID: "b4e2d3e5-2222-4b3c-8d4e-1f2a3b4c5d6e", Name: "acme-research", Projects: []ADOProject{
			{ID: "c7f8091a-3c5d-4e6f-8a9b-bc2d3e4f5a63", Name: "ML"},
			{ID: "d8091a2b-4d6e-4f70-9bac-cd3e4f5a6b74", Name: "Notebooks"},
		}},
	}
}

// seedTime is the creation time of seeded integrations (deterministic).
var seedTime = time.Date(2024, 3, 14, 9, 26, 53, 0, time.UTC)

// newOrgState builds an org with the seeded world. Unseeded orgs have no
// integrations, but the VCS hosts still hold their groups, workspaces and
// projects, and every seeded GitHub installation is pending (linked to no
// organization, so claimable), so tests can create everything from scratch.
// Either way one installation is linked to another organization.
func newOrgState(name string, seeded bool) *orgState {
	o := &orgState{Name: name, OAuthSessions: map[string]oauthSession{}, OtherOrg: seedOtherOrgInstallations()}
	for _, inst := range seedGitHubInstallations() {
		connected := seeded && (inst.InstallationID == SeedGitHubInstallationID || inst.InstallationID == SeedGHEInstallationID)
		if !connected {
			o.Pending = append(o.Pending, inst)
			continue
		}
		o.Integrations = append(o.Integrations, gitHubIntegrationFrom(name, inst, seedTime, true))
	}
	if !seeded {
		return o
	}
	o.Integrations = append(o.Integrations,
		&integration{
			ID: seedID(name, kindGitLab, "7003"), Kind: kindGitLab, Created: seedTime,
			Installed: true, Valid: true, GitLabGroupID: SeedIntegratedGitLabGroupID, UseUserAuth: true,
		},
		&integration{
			ID: seedID(name, kindBitbucket, "acme-tools"), Kind: kindBitbucket, Created: seedTime,
			Installed: true, Valid: true, WorkspaceUUID: canonicalUUID(seedBitbucketWorkspaces()[2].UUID),
			WorkspaceSlug: SeedIntegratedBitbucketSlug,
		},
		&integration{
			ID: seedID(name, kindADO, SeedIntegratedADOProjectID), Kind: kindADO, Created: seedTime,
			Installed: true, Valid: true, ADOOrgName: SeedIntegratedADOOrg, ADOProjectID: SeedIntegratedADOProjectID,
		},
		&integration{
			ID: seedID(name, kindCustom, SeedCustomName), Kind: kindCustom, Created: seedTime, Modified: seedTime,
			Installed: true, Valid: true, Name: SeedCustomName, BaseURL: SeedCustomBaseURL,
			Environment: SeedCustomEnvironment, VCSType: "git",
			WebhookSecretSHA256: secretDigest("seed/" + name + "/webhook-secret"),
			Repositories:        []customRepo{{Name: SeedCustomRepoName, DisplayName: "Website"}},
		},
	)
	return o
}

// gitHubIntegrationFrom turns an installation into an integration record.
func gitHubIntegrationFrom(org string, inst GitHubInstallation, created time.Time, seeded bool) *integration {
	kind := kindGitHub
	if inst.Enterprise {
		kind = kindGHE
	}
	id := newID()
	if seeded {
		id = seedID(org, kind, fmt.Sprint(inst.InstallationID))
	}
	return &integration{
		ID: id, Kind: kind, Created: created, Installed: true, Valid: true,
		UserAuthLinked: kind == kindGHE, UserAuthAt: created,
		InstallationID: inst.InstallationID, AccountName: inst.AccountName, AccountID: inst.AccountID,
		IsOrganization: inst.IsOrganization, HasMembersPermission: inst.IsOrganization, HasContentsPermission: true,
	}
}

// ExtraGitLabGroups lists the n groups Options.ExtraGitLabGroups adds:
// group i (1..n) has id ExtraGitLabGroupBaseID+i, name "Bench <i>" and path
// "acme/bench-<i>".
func ExtraGitLabGroups(n int) []GitLabGroup {
	out := make([]GitLabGroup, 0, max(n, 0))
	for i := 1; i <= n; i++ {
		out = append(out, GitLabGroup{
			ID: ExtraGitLabGroupBaseID + int64(i), Name: fmt.Sprintf("Bench %d", i), Path: fmt.Sprintf("acme/bench-%d", i),
		})
	}
	return out
}

// gitLabGroups is the org's view of GitLab: the seeded groups, then the extra ones.
func (o *orgState) gitLabGroups() []GitLabGroup {
	return append(seedGitLabGroups(), o.extraGitLabGroups...)
}

// findGitLabGroup is O(1) in the extra groups (their ids are consecutive),
// so rendering N integrations on N extra groups stays linear.
func (o *orgState) findGitLabGroup(id int64) (GitLabGroup, bool) {
	for _, g := range seedGitLabGroups() {
		if g.ID == id {
			return g, true
		}
	}
	if i := id - ExtraGitLabGroupBaseID - 1; i >= 0 && i < int64(len(o.extraGitLabGroups)) {
		return o.extraGitLabGroups[i], true
	}
	return GitLabGroup{}, false
}

func findBitbucketWorkspace(uuid string) (BitbucketWorkspace, bool) {
	for _, w := range seedBitbucketWorkspaces() {
		if canonicalUUID(w.UUID) == canonicalUUID(uuid) {
			return w, true
		}
	}
	return BitbucketWorkspace{}, false
}

func findADOOrg(name string) (ADOOrg, bool) {
	for _, o := range seedADOOrgs() {
		if strings.EqualFold(o.Name, name) {
			return o, true
		}
	}
	return ADOOrg{}, false
}

func findADOProject(org ADOOrg, projectID string) (ADOProject, bool) {
	for _, p := range org.Projects {
		if strings.EqualFold(p.ID, projectID) {
			return p, true
		}
	}
	return ADOProject{}, false
}

// canonicalUUID is the stored/answered form of a Bitbucket UUID: braces, lower case.
func canonicalUUID(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	return "{" + s + "}"
}

// --- Repositories and branches: derived, never stored ---

var repoWords = []string{
	"api-gateway", "billing", "checkout", "docs", "frontend", "identity", "infra", "ledger",
	"mobile-app", "notifications", "payments", "platform", "reporting", "search", "storage",
	"terraform-modules", "web", "worker", "analytics", "auth",
}

var repoSuffixes = []string{"", "-service", "-legacy", "-v2"}

// repos lists an integration's repositories, deterministic from its natural
// key; a custom integration's are the ones configured on it, the id being
// the name (the only key the custom API has).
func (o *orgState) repos(in *integration) []vcsRepo {
	if in.Kind == kindCustom {
		out := make([]vcsRepo, 0, len(in.Repositories))
		for _, r := range in.Repositories {
			owner, name := "", r.Name
			if i := strings.LastIndex(r.Name, "/"); i >= 0 {
				owner, name = r.Name[:i], r.Name[i+1:]
			}
			out = append(out, vcsRepo{ID: r.Name, Owner: owner, Name: name})
		}
		return out
	}
	key := in.naturalKey()
	n := 30 + int(hash32(key)%11)
	if in.Kind == kindGitHub && in.InstallationID == SeedGitHubInstallationID {
		n = SeedGitHubRepoCount
	}
	owner := o.repoOwner(in)
	out := make([]vcsRepo, n)
	for i := range out {
		name := repoWords[i%len(repoWords)] + repoSuffixes[(i/len(repoWords))%len(repoSuffixes)]
		out[i] = vcsRepo{ID: repoID(in, key, i), Owner: owner, Name: name}
	}
	return out
}

func repoID(in *integration, key string, i int) string {
	switch in.Kind {
	case kindGitHub, kindGHE:
		return fmt.Sprint(int64(700000000) + int64(hash32(key)%100000)*100 + int64(i))
	case kindGitLab:
		return fmt.Sprint(in.GitLabGroupID*1000 + int64(i) + 1)
	case kindBitbucket:
		return "{" + hashUUID(key+"/repo/"+fmt.Sprint(i)) + "}"
	default:
		return hashUUID(key + "/repo/" + fmt.Sprint(i))
	}
}

func branches(repoIndex int) []vcsBranch {
	b := []vcsBranch{
		{Name: "main", IsProtected: true},
		{Name: "develop"},
		{Name: "release/1.0", IsProtected: true},
	}
	if repoIndex%3 == 0 {
		b = append(b, vcsBranch{Name: fmt.Sprintf("feature/change-%d", repoIndex+1)})
	}
	return b
}

// --- deterministic helpers ---

func hash32(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// hashUUID makes a stable UUID-shaped string (version 5 layout) from s.
func hashUUID(s string) string {
	sum := sha1.Sum([]byte(s))
	b := sum[:16]
	b[6] = (b[6] & 0x0f) | 0x50
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x",
		binary.BigEndian.Uint32(b[0:4]), b[4:6], b[6:8], b[8:10], b[10:16])
}

func seedID(org, kind, key string) string {
	return hashUUID("seed/" + org + "/" + kind + "/" + key)
}
