// Package emulator is a stateful, spec-faithful emulator of the Pulumi Cloud
// VCS-integrations REST API (the OpenAPI document in package spec), with a
// seeded world, token auth, optional persistence, fault injection and a
// control surface for changing the world out of band. It follows the
// document, never a client, so the provider's tests exercise the real
// contract; TestReadEndpointsMatchSpec holds its answers to the document.
package emulator

import (
	"context"
	"errors"
	"math/rand"
	"net"
	"net/http"
	"sync"
	"time"
)

// DefaultToken is the access token accepted when Options.Token is empty.
const DefaultToken = "pul-emulator-token"

// Options configures an Emulator.
type Options struct {
	Token                 string        // accepted token; "" means DefaultToken
	Orgs                  []string      // Pulumi orgs that exist; nil => {"acme"}
	StateFile             string        // optional: loaded at New if present, saved after every mutation
	PageSize              int           // repos page size; 0 => DefaultPageSize
	CreateVisibilityDelay time.Duration // created integrations stay hidden this long
	Faults                FaultConfig
	Unseeded              bool // orgs start with no integrations
	// ExtraGitLabGroups adds that many groups to the emulated GitLab, beyond
	// SeedGitLabGroups: ids ExtraGitLabGroupBaseID+1 .. ExtraGitLabGroupBaseID+n,
	// paths acme/bench-<i> (see ExtraGitLabGroups). They give benchmarks and
	// load tests n natural keys for new GitLab integrations. They are part of
	// the world, not of the state file, so pass the same value on every start.
	ExtraGitLabGroups int
	// CheckSpec holds every API request and answer to the OpenAPI document
	// and records what breaks it (SpecViolations).
	CheckSpec bool
	// ExtraBitbucketWorkspaces and ExtraADOProjects grow the Bitbucket and
	// Azure DevOps worlds the same way (see ExtraBitbucketWorkspaces and
	// ExtraADOProjects): natural keys for soaks at organization scale.
	ExtraBitbucketWorkspaces int
	ExtraADOProjects         int
	// ControlToken, when set, is required on every control request, in the
	// ControlTokenHeader header.
	ControlToken string
	// QuoteRequestInErrors makes every error answer to an authenticated API
	// request quote the request as received, secrets included, as many
	// services' validation errors do: for testing that a client never shows
	// a secret it sent (see quote.go).
	QuoteRequestInErrors bool
	// MaxRecordedRequests bounds the request log (Requests): the oldest
	// records are dropped first. 0 means DefaultMaxRecordedRequests.
	MaxRecordedRequests int
}

// FaultConfig injects failures into API (not control) requests.
type FaultConfig struct {
	ErrorRate  float64       `json:"errorRate"`
	Codes      []int         `json:"codes"`
	RetryAfter time.Duration `json:"-"`
	Latency    time.Duration `json:"-"`
	Seed       int64         `json:"seed"`
	// AfterWriteShare is the share of the random faults on writes (POST,
	// PATCH, DELETE) that fire after the write took effect: ambiguous
	// failures, like a VCS host's 429 passed through or a gateway timing
	// out. The others, and every fault on a read, fire before.
	AfterWriteShare float64 `json:"afterWriteShare"`
}

// RequestRecord is one API request as received. The Authorization header is
// never recorded, only whether one was sent. Body is the request body with
// the values of secret fields replaced (see redact); RawQuery likewise.
type RequestRecord struct {
	Method   string `json:"method"`
	Path     string `json:"path"`
	RawQuery string `json:"rawQuery"`
	Status   int    `json:"status"`
	Body     string `json:"body"`
	HasAuth  bool   `json:"hasAuth"`
	// Accept and UserAgent let tests check the client's headers; the
	// Authorization value itself is never recorded.
	Accept    string `json:"accept"`
	UserAgent string `json:"userAgent"`
	// At is when the request arrived; Fault is "before" or "after" (the
	// write took effect) when the answer was an injected fault.
	At    time.Time `json:"at"`
	Fault string    `json:"fault,omitempty"`
}

// Emulator is the in-memory Pulumi Cloud. All state is guarded by mu.
type Emulator struct {
	opts Options

	mu       sync.Mutex
	orgs     map[string]*orgState
	requests []*RequestRecord
	// secretsSeen holds SHA-256 digests of the secret values redacted from
	// requests (SecretReceived); memory only.
	secretsSeen map[string]bool
	violations  []SpecViolation // Options.CheckSpec
	// destinations paging (SetDestinationsPaging); world, not state
	destMode     string
	destPageSize int

	faultMu   sync.Mutex
	faults    FaultConfig
	rng       *rand.Rand
	failQueue []queuedFault

	holds holdState // held answers (hold.go)

	handler http.Handler
	api     *http.ServeMux
	server  *http.Server
	now     func() time.Time
}

// New builds an emulator, loading Options.StateFile when it exists.
func New(opts Options) (*Emulator, error) {
	if opts.Token == "" {
		opts.Token = DefaultToken
	}
	if opts.Orgs == nil {
		opts.Orgs = []string{"acme"}
	}
	if opts.PageSize <= 0 {
		opts.PageSize = DefaultPageSize
	}
	if opts.MaxRecordedRequests <= 0 {
		opts.MaxRecordedRequests = DefaultMaxRecordedRequests
	}
	e := &Emulator{opts: opts, orgs: map[string]*orgState{}, now: time.Now, secretsSeen: map[string]bool{},
		destMode: DestinationsSinglePage, destPageSize: defaultDestinationsPageSize}
	e.setFaults(opts.Faults)
	if opts.StateFile != "" {
		if err := e.load(); err != nil {
			return nil, err
		}
	}
	for _, name := range opts.Orgs {
		if _, ok := e.orgs[name]; !ok {
			e.orgs[name] = newOrgState(name, !opts.Unseeded)
		}
	}
	extra := ExtraGitLabGroups(opts.ExtraGitLabGroups)
	workspaces := ExtraBitbucketWorkspaces(opts.ExtraBitbucketWorkspaces)
	projects := ExtraADOProjects(opts.ExtraADOProjects)
	for _, o := range e.orgs {
		o.extraGitLabGroups, o.extraBitbucketWorkspaces, o.extraADOProjects = extra, workspaces, projects
	}
	if err := e.save(); err != nil {
		return nil, err
	}
	e.api = e.apiRoutes()
	root := http.NewServeMux()
	root.Handle("/_emulator/", e.guardControl(e.controlRoutes()))
	root.HandleFunc("/", e.serveAPI)
	e.handler = root
	e.handler = e.holding(e.handler) // API writes' answers held after they took effect (hold.go)
	return e, nil
}

// Handler serves the API under /api/console/orgs/... and the control surface under /_emulator/.
func (e *Emulator) Handler() http.Handler { return e.handler }

// Start listens on addr (e.g. "127.0.0.1:0") and serves in the background.
func (e *Emulator) Start(addr string) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: e.handler, ReadHeaderTimeout: 10 * time.Second}
	e.mu.Lock()
	e.server = srv
	e.mu.Unlock()
	go func() { _ = srv.Serve(ln) }()
	return "http://" + ln.Addr().String(), nil
}

// Close stops a server started by Start.
func (e *Emulator) Close() error {
	e.mu.Lock()
	srv := e.server
	e.server = nil
	e.mu.Unlock()
	if srv == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return srv.Close()
}
