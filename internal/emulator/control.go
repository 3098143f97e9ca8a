package emulator

import (
	"errors"
	"fmt"
	"net/http"
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
		"usedByMultipleOrgs":          &in.UsedByMultipleOrgs, // emulator-only
	}
}

// PatchIntegration sets fields out of band by their spec JSON names. Modelled
// booleans (the disable* flags, valid, installed, has*Permission and the
// emulator-only usedByMultipleOrgs) change the stored integration; any other
// field is laid over every answer as given.
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
	bools := in.patchableBools()
	for k, v := range fields { // validate everything before changing anything
		if k == "id" {
			return errors.New("emulator: the id cannot be patched")
		}
		if _, isBool := bools[k]; isBool {
			if _, ok := v.(bool); !ok {
				return fmt.Errorf("emulator: field %q wants a boolean, got %T", k, v)
			}
		}
	}
	for k, v := range fields {
		if dst, isBool := bools[k]; isBool {
			*dst, _ = v.(bool) // checked above
			continue
		}
		if in.Extra == nil {
			in.Extra = map[string]any{}
		}
		in.Extra[k] = v
	}
	return e.save()
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

// Integrations answers the per-kind list's items as the API would.
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

// ResetRequests forgets the recorded requests.
func (e *Emulator) ResetRequests() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.requests = nil
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
	m.HandleFunc("GET /_emulator/requests", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, e.Requests())
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
	return m
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
