package emulator

import (
	"crypto/rand"
	"fmt"
	"strings"
	"time"
)

// Integration kinds, named by their per-kind path segment.
const (
	kindGitHub    = "github"
	kindGHE       = "github-enterprise"
	kindGitLab    = "gitlab"
	kindBitbucket = "bitbucket"
	kindADO       = "azure-devops"
	kindCustom    = "custom"
)

// orgState is everything the emulator knows about one Pulumi org. It is what
// the state file holds, so every field is exported to encoding/json.
type orgState struct {
	Name          string                  `json:"name"`
	Integrations  []*integration          `json:"integrations"` // creation order
	Pending       []GitHubInstallation    `json:"pending"`      // installed on GitHub, not yet connected
	ADOUserToken  bool                    `json:"adoUserToken"` // set by a completed OAuth flow
	OAuthSessions map[string]oauthSession `json:"oauthSessions"`
	// OtherOrg are installations linked to another Pulumi organization:
	// claiming one answers 409.
	OtherOrg []GitHubInstallation `json:"otherOrg"`
	// CallerUnverified makes the caller fail GitHub verification: claims
	// answer 403 and nothing is claimable.
	CallerUnverified bool `json:"callerUnverified,omitempty"`

	// extraGitLabGroups are Options.ExtraGitLabGroups: world, not state, so
	// never written to the state file.
	extraGitLabGroups []GitLabGroup
}

type oauthSession struct {
	APIName string    `json:"apiName"`
	Created time.Time `json:"created"`
}

// integration is one stored integration of any kind; only the fields of its
// kind are meaningful.
type integration struct {
	ID        string    `json:"id"`
	Kind      string    `json:"kind"`
	Created   time.Time `json:"created"`
	VisibleAt time.Time `json:"visibleAt,omitzero"` // eventual consistency: hidden until then

	Installed          bool `json:"installed"`
	Valid              bool `json:"valid"`
	UsedByMultipleOrgs bool `json:"usedByMultipleOrgs,omitempty"`

	DisablePRComments           bool `json:"disablePRComments"`
	DisableNeoSummaries         bool `json:"disableNeoSummaries"`
	DisableDetailedDiff         bool `json:"disableDetailedDiff"`
	DisableCodeAccessForReviews bool `json:"disableCodeAccessForReviews"`

	// AccessSuspended (emulator-only) makes the repos list answer 403.
	AccessSuspended bool `json:"accessSuspended,omitempty"`

	// GitHub / GitHub Enterprise
	DisableDraftPRComments bool `json:"disableDraftPRComments,omitempty"`
	IndividualAuthEnabled  bool `json:"individualAuthEnabled,omitempty"`
	// UserAuthLinked: the caller has linked a GitHub Enterprise identity
	// (user-auth); UserAuthAt is when.
	UserAuthLinked        bool      `json:"userAuthLinked,omitempty"`
	UserAuthAt            time.Time `json:"userAuthAt,omitzero"`
	InstallationID        int64     `json:"installationID,omitempty"`
	AccountID             int64     `json:"accountID,omitempty"`
	AccountName           string    `json:"accountName,omitempty"`
	IsOrganization        bool      `json:"isOrganization,omitempty"`
	HasMembersPermission  bool      `json:"hasMembersPermission,omitempty"`
	HasContentsPermission bool      `json:"hasContentsPermission,omitempty"`

	// GitLab (UseUserAuth is shared with Bitbucket)
	GitLabGroupID int64 `json:"gitLabGroupId,omitempty"`
	UseUserAuth   bool  `json:"useUserAuth,omitempty"`

	// Bitbucket (the access token is deliberately not stored)
	WorkspaceUUID string `json:"workspaceUuid,omitempty"`
	WorkspaceSlug string `json:"workspaceSlug,omitempty"`

	// Azure DevOps
	ADOOrgName   string `json:"adoOrgName,omitempty"`
	ADOProjectID string `json:"adoProjectId,omitempty"`

	// Custom VCS. Only a SHA-256 of the webhook secret is kept: the secret
	// itself is answered once (create, regenerate) and never stored,
	// persisted or shown on the control surface.
	Name                string       `json:"name,omitempty"`
	BaseURL             string       `json:"baseUrl,omitempty"`
	Environment         string       `json:"environment,omitempty"`
	VCSType             string       `json:"vcsType,omitempty"`
	WebhookSecretSHA256 string       `json:"webhookSecretSha256,omitempty"`
	Modified            time.Time    `json:"modified,omitzero"`
	Repositories        []customRepo `json:"repositories,omitempty"`

	// Extra holds out-of-band overrides (PatchIntegration) of answered fields
	// the emulator does not model; they are laid over every answer.
	Extra map[string]any `json:"extra,omitempty"`
}

// naturalKey identifies the thing on the VCS host the integration points at.
func (in *integration) naturalKey() string {
	switch in.Kind {
	case kindGitHub, kindGHE:
		return fmt.Sprintf("%s/%d", in.Kind, in.InstallationID)
	case kindGitLab:
		return fmt.Sprintf("gitlab/%d", in.GitLabGroupID)
	case kindBitbucket:
		return "bitbucket/" + in.WorkspaceUUID
	case kindCustom:
		return "custom/" + in.ID
	default:
		return "ado/" + strings.ToLower(in.ADOProjectID)
	}
}

// customRepo is a repository configured on a custom VCS integration.
type customRepo struct {
	Name        string `json:"name"`
	DisplayName string `json:"displayName,omitempty"`
}

func (o *orgState) repoOwner(in *integration) string {
	switch in.Kind {
	case kindGitHub, kindGHE:
		return in.AccountName
	case kindGitLab:
		g, _ := o.findGitLabGroup(in.GitLabGroupID)
		return g.Path
	case kindBitbucket:
		return in.WorkspaceSlug
	default:
		return in.ADOOrgName
	}
}

func (in *integration) visible(now time.Time) bool {
	return in.VisibleAt.IsZero() || !now.Before(in.VisibleAt)
}

// find returns the integration of that kind and id, ignoring visibility.
func (o *orgState) find(kind, id string) *integration {
	for _, in := range o.Integrations {
		if in.Kind == kind && in.ID == id {
			return in
		}
	}
	return nil
}

// ofKind lists the visible integrations of a kind, in creation order.
func (o *orgState) ofKind(kind string, now time.Time) []*integration {
	var out []*integration
	for _, in := range o.Integrations {
		if in.Kind == kind && in.visible(now) {
			out = append(out, in)
		}
	}
	return out
}

func (o *orgState) remove(id string) {
	for i, in := range o.Integrations {
		if in.ID == id {
			o.Integrations = append(o.Integrations[:i], o.Integrations[i+1:]...)
			return
		}
	}
}

// newID makes a random UUID v4 for a new integration.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// randomToken makes an opaque random string (OAuth state, session ids).
func randomToken() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%x", b)
}

// normKind accepts the hyphenated path segment or the underscore vcsProvider value.
func normKind(kind string) string {
	switch kind {
	case "github_enterprise":
		return kindGHE
	case "azure_devops":
		return kindADO
	}
	return kind
}
