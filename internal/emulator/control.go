package emulator

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// The control surface changes the world out of band (as a user clicking in a
// browser or another tool would) so tests can exercise drift. It needs no
// token and is never subject to faults or recorded in Requests.

// ErrNotFound is returned by control methods for an unknown org or integration.
var ErrNotFound = errors.New("emulator: not found")

// ConnectGitHubInstallation simulates a user finishing the GitHub App install
// in a browser: the installation becomes an integration in the github (or
// github-enterprise) list. A seeded pending installation with that id is used
// if there is one; otherwise one is synthesised from accountName. Connecting
// an already-connected installation returns the existing id.
func (e *Emulator) ConnectGitHubInstallation(org string, enterprise bool, installationID int64, accountName string) (string, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return "", fmt.Errorf("%w: organization %q", ErrNotFound, org)
	}
	if installationID <= 0 {
		return "", fmt.Errorf("emulator: installation id must be positive, got %d", installationID)
	}
	kind := kindGitHub
	if enterprise {
		kind = kindGHE
	}
	for _, other := range o.OtherOrg {
		if other.InstallationID == installationID {
			return "", fmt.Errorf("emulator: installation %d is linked to another organization", installationID)
		}
	}
	for _, in := range o.Integrations {
		if (in.Kind == kindGitHub || in.Kind == kindGHE) && in.InstallationID == installationID {
			if in.Kind != kind {
				return "", fmt.Errorf("emulator: installation %d is already connected as %s", installationID, in.Kind)
			}
			return in.ID, nil
		}
	}
	inst := GitHubInstallation{
		InstallationID: installationID, AccountName: accountName, AccountID: 95000000 + installationID%1000000,
		IsOrganization: true, Enterprise: enterprise,
	}
	if inst.AccountName == "" {
		inst.AccountName = fmt.Sprintf("account-%d", installationID)
	}
	for i, p := range o.Pending {
		if p.InstallationID == installationID && p.Enterprise == enterprise {
			inst = p
			o.Pending = append(o.Pending[:i], o.Pending[i+1:]...)
			break
		}
	}
	in := gitHubIntegrationFrom(org, inst, e.now().UTC().Truncate(time.Second), false)
	o.Integrations = append(o.Integrations, in)
	return in.ID, e.save()
}

// DeleteIntegration removes an integration out of band (no multi-org rule,
// visibility ignored). kind is the per-kind path segment.
func (e *Emulator) DeleteIntegration(org, kind, id string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return false
	}
	in := o.find(normKind(kind), id)
	if in == nil {
		return false
	}
	o.deleteIntegration(in)
	_ = e.save()
	return true
}

// patchableBools are the stored fields PatchIntegration can set by spec name.
func (in *integration) patchableBools() map[string]*bool {
	return map[string]*bool{
		"disablePRComments":           &in.DisablePRComments,
		"disableNeoSummaries":         &in.DisableNeoSummaries,
		"disableDetailedDiff":         &in.DisableDetailedDiff,
		"disableCodeAccessForReviews": &in.DisableCodeAccessForReviews,
		"valid":                       &in.Valid,
		"installed":                   &in.Installed,
		"hasMembersPermission":        &in.HasMembersPermission,
		"hasContentsPermission":       &in.HasContentsPermission,
		"disableDraftPRComments":      &in.DisableDraftPRComments,
		"individualAuthEnabled":       &in.IndividualAuthEnabled,
		"usedByMultipleOrgs":          &in.UsedByMultipleOrgs, // emulator-only: GitHub DELETE answers 400
		"accessSuspended":             &in.AccessSuspended,    // emulator-only: repos answer 403
		"userAuthLinked":              &in.UserAuthLinked,     // emulator-only: GHE user-auth identity
	}
}

// patchableStrings are the stored string fields of a custom integration
// PatchIntegration sets by spec name (so drift is stored, and the provider's
// update takes it back).
func (in *integration) patchableStrings() map[string]*string {
	if in.Kind != kindCustom {
		return nil
	}
	return map[string]*string{
		"name": &in.Name, "baseUrl": &in.BaseURL, "environment": &in.Environment, "vcsType": &in.VCSType,
	}
}

// PatchIntegration sets fields out of band by their spec JSON names. Modelled
// booleans (the disable* flags, individualAuthEnabled, valid, installed,
// has*Permission and the emulator-only usedByMultipleOrgs, accessSuspended
// and userAuthLinked) and a custom integration's name, baseUrl, environment
// and vcsType change the stored integration; any other field is laid over
// every answer as given.
func (e *Emulator) PatchIntegration(org, kind, id string, fields map[string]any) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return fmt.Errorf("%w: organization %q", ErrNotFound, org)
	}
	in := o.find(normKind(kind), id)
	if in == nil {
		return fmt.Errorf("%w: %s integration %q", ErrNotFound, kind, id)
	}
	bools, strs := in.patchableBools(), in.patchableStrings()
	for k, v := range fields { // validate everything before changing anything
		if k == "id" || k == "webhookSecret" {
			return fmt.Errorf("emulator: %s cannot be patched", k)
		}
		if _, isBool := bools[k]; isBool {
			if _, ok := v.(bool); !ok {
				return fmt.Errorf("emulator: field %q wants a boolean, got %T", k, v)
			}
		}
		if _, isStr := strs[k]; isStr {
			if _, ok := v.(string); !ok {
				return fmt.Errorf("emulator: field %q wants a string, got %T", k, v)
			}
		}
	}
	for k, v := range fields {
		if dst, isBool := bools[k]; isBool {
			*dst, _ = v.(bool) // checked above
			continue
		}
		if dst, isStr := strs[k]; isStr {
			*dst, _ = v.(string)
			in.Modified = e.now().UTC().Truncate(time.Second)
			continue
		}
		if in.Extra == nil {
			in.Extra = map[string]any{}
		}
		in.Extra[k] = v
	}
	return e.save()
}

// GitHub installation states for SetGitHubInstallation.
const (
	InstallationUnlinked = "unlinked"  // installed on GitHub, linked to no organization: claimable
	InstallationOtherOrg = "other-org" // linked to another Pulumi organization: a claim answers 409
	InstallationAbsent   = "absent"    // not installed at all: a claim answers 404
)

// SetGitHubInstallation puts a github.com App installation into a state out
// of band (installed from the Marketplace, linked elsewhere, uninstalled).
// An installation this org has linked is unlinked first (its integration
// removed). AccountName and IsOrganization are used for an installation the
// world doesn't know yet.
func (e *Emulator) SetGitHubInstallation(org string, inst GitHubInstallation, state string) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return fmt.Errorf("%w: organization %q", ErrNotFound, org)
	}
	if inst.InstallationID <= 0 || inst.Enterprise {
		return fmt.Errorf("emulator: want a positive github.com installation id, got %d (enterprise %v)", inst.InstallationID, inst.Enterprise)
	}
	switch state {
	case InstallationUnlinked, InstallationOtherOrg, InstallationAbsent:
	default:
		return fmt.Errorf("emulator: installation state %q is not one of %s, %s, %s", state, InstallationUnlinked, InstallationOtherOrg, InstallationAbsent)
	}
	id := inst.InstallationID
	known := func(list []GitHubInstallation) []GitHubInstallation {
		out := list[:0]
		for _, p := range list {
			if p.InstallationID == id && !p.Enterprise {
				inst = p
				continue
			}
			out = append(out, p)
		}
		return out
	}
	o.Pending, o.OtherOrg = known(o.Pending), known(o.OtherOrg)
	for _, in := range o.Integrations {
		if in.Kind == kindGitHub && in.InstallationID == id {
			inst = GitHubInstallation{InstallationID: id, AccountName: in.AccountName, AccountID: in.AccountID, IsOrganization: in.IsOrganization}
			o.remove(in.ID)
			break
		}
	}
	if inst.AccountName == "" {
		inst.AccountName = fmt.Sprintf("account-%d", id)
	}
	if inst.AccountID == 0 {
		inst.AccountID = 95000000 + id%1000000
	}
	switch state {
	case InstallationUnlinked:
		o.Pending = append(o.Pending, inst)
	case InstallationOtherOrg:
		o.OtherOrg = append(o.OtherOrg, inst)
	}
	return e.save()
}

// SetCallerVerified says whether the caller passes GitHub verification;
// unverified, claims answer 403 and nothing is claimable.
func (e *Emulator) SetCallerVerified(org string, verified bool) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return fmt.Errorf("%w: organization %q", ErrNotFound, org)
	}
	o.CallerUnverified = !verified
	return e.save()
}

const defaultDestinationsPageSize = 2

// SetDestinationsPaging sets how repos/destinations pages (Destinations*
// modes): pageSize applies to the paged modes, 0 meaning 2. Every
// integration has 4 destinations (fewer for a custom one with fewer repos).
func (e *Emulator) SetDestinationsPaging(mode string, pageSize int) error {
	switch mode {
	case DestinationsSinglePage, DestinationsPaged, DestinationsIgnorePage:
	default:
		return fmt.Errorf("emulator: destinations mode %q is not one of %s, %s, %s", mode, DestinationsSinglePage, DestinationsPaged, DestinationsIgnorePage)
	}
	if pageSize <= 0 {
		pageSize = defaultDestinationsPageSize
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.destMode, e.destPageSize = mode, pageSize
	return nil
}

// WebhookSecretMatches reports whether secret is the current webhook secret
// of a custom integration, so a test can check what the provider kept
// without the emulator ever showing the secret.
func (e *Emulator) WebhookSecretMatches(org, id, secret string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return false
	}
	in := o.find(kindCustom, id)
	return in != nil && secret != "" && in.WebhookSecretSHA256 == secretDigest(secret)
}

// Integration answers the object as the API's GET would, and whether it exists.
func (e *Emulator) Integration(org, kind, id string) (map[string]any, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return nil, false
	}
	in := o.find(normKind(kind), id)
	if in == nil || !in.visible(e.now()) {
		return nil, false
	}
	return toMap(o.render(in, false)), true
}

// Integrations answers the integrations of kind as the API renders them in
// a list. Unlike the API's GitHub list, which holds the self-hosted
// installations too, "github" answers github.com's only.
func (e *Emulator) Integrations(org, kind string) []map[string]any {
	e.mu.Lock()
	defer e.mu.Unlock()
	o, ok := e.orgs[org]
	if !ok {
		return nil
	}
	out := []map[string]any{}
	for _, in := range o.ofKind(normKind(kind), e.now()) {
		out = append(out, toMap(o.render(in, true)))
	}
	return out
}

// Requests returns the API requests received so far, in arrival order.
func (e *Emulator) Requests() []RequestRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]RequestRecord, len(e.requests))
	for i, r := range e.requests {
		out[i] = *r
	}
	return out
}

// ResetRequests forgets the recorded requests (the secrets they carried and
// the spec violations too).
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests = nil
	e.secretsSeen = map[string]bool{}
	e.violations = nil
}

// --- HTTP mirror under /_emulator/ ---

type faultsJSON struct {
	ErrorRate    float64 `json:"errorRate"`
	Codes        []int   `json:"codes"`
	RetryAfterMs int64   `json:"retryAfterMs"`
	LatencyMs    int64   `json:"latencyMs"`
	Seed         int64   `json:"seed"`
	// AfterWriteShare: see FaultConfig.
	AfterWriteShare float64 `json:"afterWriteShare"`
}

type failNextJSON struct {
	N             int   `json:"n"`
	Code          int   `json:"code"`
	RetryAfterMs  int64 `json:"retryAfterMs"`
	AfterMutation bool  `json:"afterMutation"`
}

func (e *Emulator) controlRoutes() http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("GET /_emulator/healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	for _, kind := range []string{kindGitHub, kindGHE} {
		m.HandleFunc("POST /_emulator/orgs/{org}/"+kind+"/installations", e.ctlConnect(kind == kindGHE))
	}
	m.HandleFunc("GET /_emulator/orgs/{org}/integrations/{kind}", func(w http.ResponseWriter, r *http.Request) {
		list := e.Integrations(r.PathValue("org"), r.PathValue("kind"))
		if list == nil {
			writeError(w, http.StatusNotFound, "Organization not found")
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"integrations": list})
	})
	m.HandleFunc("GET /_emulator/orgs/{org}/integrations/{kind}/{id}", func(w http.ResponseWriter, r *http.Request) {
		obj, ok := e.Integration(r.PathValue("org"), r.PathValue("kind"), r.PathValue("id"))
		if !ok {
			writeError(w, http.StatusNotFound, "Integration not found")
			return
		}
		writeJSON(w, http.StatusOK, obj)
	})
	m.HandleFunc("DELETE /_emulator/orgs/{org}/integrations/{kind}/{id}", func(w http.ResponseWriter, r *http.Request) {
		if !e.DeleteIntegration(r.PathValue("org"), r.PathValue("kind"), r.PathValue("id")) {
			writeError(w, http.StatusNotFound, "Integration not found")
			return
		}
		noContent(w)
	})
	m.HandleFunc("PATCH /_emulator/orgs/{org}/integrations/{kind}/{id}", func(w http.ResponseWriter, r *http.Request) {
		var fields map[string]any
		if err := decodeBody(r, &fields); err != nil {
			writeDecodeError(w, err)
			return
		}
		err := e.PatchIntegration(r.PathValue("org"), r.PathValue("kind"), r.PathValue("id"), fields)
		switch {
		case errors.Is(err, ErrNotFound):
			writeError(w, http.StatusNotFound, err.Error())
		case err != nil:
			writeError(w, http.StatusBadRequest, err.Error())
		default:
			noContent(w)
		}
	})
	m.HandleFunc("PUT /_emulator/orgs/{org}/github/installations/{installationID}", e.ctlSetInstallation)
	m.HandleFunc("PUT /_emulator/orgs/{org}/github/caller", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Verified *bool `json:"verified"`
		}
		if err := decodeBody(r, &body); err != nil || body.Verified == nil {
			writeError(w, http.StatusBadRequest, `want {"verified": true|false}`)
			return
		}
		ctlAnswer(w, e.SetCallerVerified(r.PathValue("org"), *body.Verified))
	})
	m.HandleFunc("PUT /_emulator/destinations", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Mode     string `json:"mode"`
			PageSize int    `json:"pageSize"`
		}
		if err := decodeBody(r, &body); err != nil {
			writeDecodeError(w, err)
			return
		}
		ctlAnswer(w, e.SetDestinationsPaging(body.Mode, body.PageSize))
	})
	m.HandleFunc("POST /_emulator/orgs/{org}/custom/{id}/webhook-secret/check", func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Secret string `json:"secret"`
		}
		if err := decodeBody(r, &body); err != nil {
			writeDecodeError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]bool{"matches": e.WebhookSecretMatches(r.PathValue("org"), r.PathValue("id"), body.Secret)})
	})
	m.HandleFunc("GET /_emulator/requests", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, e.Requests())
	})
	m.HandleFunc("GET /_emulator/spec-violations", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, e.SpecViolations())
	})
	m.HandleFunc("DELETE /_emulator/requests", func(w http.ResponseWriter, r *http.Request) {
		e.ResetRequests()
		noContent(w)
	})
	m.HandleFunc("PUT /_emulator/faults", func(w http.ResponseWriter, r *http.Request) {
		var f faultsJSON
		if err := decodeBody(r, &f); err != nil {
			writeDecodeError(w, err)
			return
		}
		e.SetFaults(FaultConfig{
			ErrorRate: f.ErrorRate, Codes: f.Codes, Seed: f.Seed, AfterWriteShare: f.AfterWriteShare,
			RetryAfter: time.Duration(f.RetryAfterMs) * time.Millisecond,
			Latency:    time.Duration(f.LatencyMs) * time.Millisecond,
		})
		noContent(w)
	})
	m.HandleFunc("POST /_emulator/fail-next", func(w http.ResponseWriter, r *http.Request) {
		var f failNextJSON
		if err := decodeBody(r, &f); err != nil {
			writeDecodeError(w, err)
			return
		}
		e.FailNext(f.N, f.Code, time.Duration(f.RetryAfterMs)*time.Millisecond, f.AfterMutation)
		noContent(w)
	})
	e.holdRoutes(m)
	return m
}

// ctlAnswer answers a control call: 204, 404 for an unknown org or
// integration, 400 for anything else wrong.
func ctlAnswer(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case err != nil:
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		noContent(w)
	}
}

func (e *Emulator) ctlSetInstallation(w http.ResponseWriter, r *http.Request) {
	var body struct {
		State          string `json:"state"`
		AccountName    string `json:"accountName"`
		IsOrganization *bool  `json:"isOrganization"`
	}
	if err := decodeBody(r, &body); err != nil {
		writeDecodeError(w, err)
		return
	}
	id, err := strconv.ParseInt(r.PathValue("installationID"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "installation id must be an integer")
		return
	}
	inst := GitHubInstallation{InstallationID: id, AccountName: body.AccountName, IsOrganization: body.IsOrganization == nil || *body.IsOrganization}
	ctlAnswer(w, e.SetGitHubInstallation(r.PathValue("org"), inst, body.State))
}

func (e *Emulator) ctlConnect(enterprise bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			InstallationID int64  `json:"installationID"`
			AccountName    string `json:"accountName"`
		}
		if err := decodeBody(r, &body); err != nil {
			writeDecodeError(w, err)
			return
		}
		id, err := e.ConnectGitHubInstallation(r.PathValue("org"), enterprise, body.InstallationID, body.AccountName)
		switch {
		case errors.Is(err, ErrNotFound):
			writeError(w, http.StatusNotFound, err.Error())
		case err != nil:
			writeError(w, http.StatusBadRequest, err.Error())
		default:
			writeJSON(w, http.StatusOK, map[string]string{"id": id})
		}
	}
}
