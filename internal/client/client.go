package client

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// DefaultBaseURL is Pulumi Cloud's API.
const DefaultBaseURL = "https://api.pulumi.com"

// DefaultUserAgent is sent when Config.UserAgent is empty, so requests never
// go out as a bare "Go-http-client".
const DefaultUserAgent = "terraform-provider-pulumicloud"

const (
	apiPrefix      = "/api/console/orgs/"
	acceptHeader   = "application/vnd.pulumi+8"
	logSubsystem   = "pulumicloud_http"
	defaultTimeout = 60 * time.Second
)

// Config configures a Client. Zero values take the defaults noted.
type Config struct {
	BaseURL   string        // DefaultBaseURL when empty; https unless loopback
	Token     string        // sent as "Authorization: token <Token>"
	UserAgent string        // e.g. "terraform-provider-pulumicloud/1.2.3 (+https://www.terraform.io) Terraform/1.11.4"; DefaultUserAgent when empty
	Timeout   time.Duration // per attempt; 60s when zero
	// MaxRetries bounds the retries of a GET, PATCH or DELETE after 5xx
	// answers and transport errors; zero or negative means none. A 429 is
	// retried for as long as the request's context allows (see RetryPolicy).
	MaxRetries int
	Retry      RetryPolicy // backoff bounds; each zero field takes DefaultRetryPolicy's
	// OnWrite, when set, is called with the organization before every
	// request other than a GET is sent, and the function it returns once the
	// request has returned (successfully or not): what was read before may
	// be stale from then on.
	OnWrite func(org string) (returned func())
	// MaxAnswerBytes bounds the body of a successful answer;
	// DefaultMaxAnswerBytes when zero or negative.
	MaxAnswerBytes int64
}

// Client calls the Pulumi Cloud VCS integrations API. It is safe for
// concurrent use.
type Client struct {
	base      *url.URL
	token     string
	userAgent string
	http      *retryablehttp.Client
	// maxRetries bounds each request's 5xx and transport-error retries.
	maxRetries int
	// retryAfterCap bounds APIError.RetryAfter, as it bounds the retrying
	// transport's own waits.
	retryAfterCap time.Duration
	onWrite       func(org string) (returned func())
	// maxAnswerBytes bounds a successful answer's body (decodeAnswer).
	maxAnswerBytes int64
	// learned holds the secrets earlier answers carried (secrets.go).
	learned secretStore
}

// New validates cfg and returns a Client.
func New(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	base, err := ValidateBaseURL(raw)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("an access token is required")
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = defaultTimeout
	}
	userAgent := cfg.UserAgent
	if userAgent == "" {
		userAgent = DefaultUserAgent
	}
	policy := cfg.Retry.withDefaults()
	return &Client{
		base:           base,
		token:          cfg.Token,
		userAgent:      userAgent,
		http:           newRetryingClient(base, timeout, policy),
		maxRetries:     max(cfg.MaxRetries, 0),
		retryAfterCap:  policy.RetryAfterCap,
		onWrite:        cfg.OnWrite,
		maxAnswerBytes: cmp.Or(max(cfg.MaxAnswerBytes, 0), DefaultMaxAnswerBytes),
	}, nil
}

// ValidateBaseURL parses an API URL and refuses anything but https, except
// for loopback hosts (the emulator, tests) where http is allowed.
func ValidateBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil {
		// url.Error repeats the whole URL, credentials included.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return nil, fmt.Errorf("invalid API URL: %w", err)
	}
	shown := u.Redacted() // never repeat a password in a diagnostic
	if u.Hostname() == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("invalid API URL %q: want a scheme and host such as %s, without credentials, query or fragment", shown, DefaultBaseURL)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("invalid API URL %q: http is only allowed for loopback hosts; use https so the access token is never sent in clear text", shown)
		}
	default:
		return nil, fmt.Errorf("invalid API URL %q: the scheme must be https", shown)
	}
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// ErrInvalidRequest marks a request refused before anything was sent (an
// empty or dot path segment, a reserved id): it is never ambiguous.
var ErrInvalidRequest = errors.New("invalid request")

// CheckPathSegment refuses what cannot be one path segment: "" collapses onto
// a shorter route, and "." and ".." are dot-segments that RFC 3986
// normalisation resolves (even escaped as %2E%2E) into another endpoint.
func CheckPathSegment(s string) error {
	switch s {
	case "":
		return fmt.Errorf("%w: an empty path segment would collapse onto a shorter route", ErrInvalidRequest)
	case ".", "..":
		return fmt.Errorf("%w: %q is a dot-segment, which URL normalisation resolves into another endpoint", ErrInvalidRequest, s)
	}
	return nil
}

// endpoint builds the URL of apiPrefix + segments, escaping every segment so
// that nothing a caller passes (a "/", "?", "#" or "%") can reach another
// endpoint, and refusing the segments escaping cannot make safe.
func (c *Client) endpoint(segments []string, query url.Values) (*url.URL, error) {
	escaped := make([]string, len(segments))
	for i, s := range segments {
		if err := CheckPathSegment(s); err != nil {
			return nil, fmt.Errorf("%w in %q", err, strings.Join(segments, "/"))
		}
		escaped[i] = url.PathEscape(s)
	}
	u := *c.base
	u.Path = c.base.Path + apiPrefix + strings.Join(segments, "/")
	u.RawPath = c.base.EscapedPath() + apiPrefix + strings.Join(escaped, "/")
	if len(query) > 0 {
		u.RawQuery = query.Encode()
	}
	return &u, nil
}

// ReservedIDs are the fixed routes beside {integrationId} under a kind's
// prefix: taken as an id, GET .../github/access-status would be decoded as an
// integration.
var ReservedIDs = []string{"access-status", "setup", "oauth", "claim", "claimable"}

// CheckIntegrationID refuses an id that cannot name an integration: not one
// path segment (CheckPathSegment), or a sibling route (ReservedIDs).
func CheckIntegrationID(id string) error {
	if err := CheckPathSegment(id); err != nil {
		return err
	}
	for _, r := range ReservedIDs {
		if strings.EqualFold(id, r) {
			return fmt.Errorf("%w: %q is a reserved route, not an integration id", ErrInvalidRequest, id)
		}
	}
	return nil
}

// doIntegration calls method on /integrations/{kind}/{id}, refusing an id
// that names a sibling route.
func (c *Client) doIntegration(ctx context.Context, method, org, kind, id string, body, out any) error {
	return c.doIntegrationSub(ctx, method, org, kind, id, nil, body, out)
}

// doIntegrationSub calls method on /integrations/{kind}/{id}/{sub...}.
func (c *Client) doIntegrationSub(ctx context.Context, method, org, kind, id string, sub []string, body, out any) error {
	if err := CheckIntegrationID(id); err != nil {
		return fmt.Errorf("%w (under /integrations/%s)", err, kind)
	}
	return c.do(ctx, method, append([]string{org, "integrations", kind, id}, sub...), nil, body, out)
}

// do sends one API request and decodes a 2xx JSON answer into out (when
// non-nil). Non-2xx answers become *APIError; no answer at all, a
// *TransportError or a context error. Every secret of the request
// (requestSecrets) is masked in the error and the log.
func (c *Client) do(ctx context.Context, method string, segments []string, query url.Values, body, out any) (err error) {
	u, err := c.endpoint(segments, query)
	if err != nil {
		return err
	}
	forms := maskForms(c.requestSecrets(ctx, body))
	defer func() { err = maskError(err, forms) }()
	var payload []byte
	if body != nil {
		if payload, err = json.Marshal(body); err != nil {
			return fmt.Errorf("encoding %s %s request: %w", method, u.EscapedPath(), err)
		}
	}
	if method == http.MethodPost {
		ctx = withoutRetries(ctx)
	}
	if method != http.MethodGet && c.onWrite != nil {
		defer c.onWrite(segments[0])()
	}
	ctx = c.logContext(ctx, forms)
	ctx, st := withRetryState(ctx, c.maxRetries)
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), bodyOrNil(payload))
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "token "+c.token)
	req.Header.Set("Accept", acceptHeader)
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("User-Agent", c.userAgent)

	start := time.Now()
	resp, err := c.http.Do(req)
	if err != nil {
		if resp != nil { // PassthroughErrorHandler can hand back both
			_ = resp.Body.Close()
		}
		tflog.SubsystemDebug(ctx, logSubsystem, "request failed", map[string]any{
			"method": method, "path": u.EscapedPath(), "error": err.Error(),
		})
		if st.lastStatus != 0 && ctx.Err() != nil {
			// Time ran out while waiting to retry or during a retry: the
			// last answer says more than "context deadline exceeded".
			// The *APIError keeps that answer's status for StatusCode
			// (and callers that act on a 429 or a 5xx).
			last := &APIError{Method: method, Path: u.EscapedPath(), StatusCode: st.lastStatus,
				Attempts: st.attempts, Elapsed: time.Since(st.start)}
			return fmt.Errorf("%w, then: %w", last, err)
		}
		if te := classifyTransportError(method, u, err); te != nil {
			te.Attempts, te.Elapsed = max(st.attempts, 1), time.Since(st.start)
			return te
		}
		if st.attempts > 1 {
			return fmt.Errorf("%s %s: %w (%d attempts over %s)", method, u.EscapedPath(), err, st.attempts, time.Since(st.start).Round(time.Second))
		}
		return fmt.Errorf("%s %s: %w", method, u.EscapedPath(), err)
	}
	defer resp.Body.Close()
	tflog.SubsystemDebug(ctx, logSubsystem, "response", map[string]any{
		"method": method, "path": u.EscapedPath(), "status": resp.StatusCode,
		"duration_ms": time.Since(start).Milliseconds(),
	})

	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
		msg := decodeErrorMessage(data)
		if refused := c.refusedRedirect(resp); refused != "" {
			msg = refused
		}
		return &APIError{
			Method: method, Path: u.EscapedPath(), StatusCode: resp.StatusCode, Message: maskString(msg, forms),
			RetryAfter: c.retryAfter(resp), Attempts: max(st.attempts, 1), Elapsed: time.Since(st.start),
		}
	}
	if out == nil || resp.StatusCode == http.StatusNoContent {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		return nil
	}
	if err := c.decodeAnswer(resp.Body, out); err != nil {
		return fmt.Errorf("%s %s: %w", method, u.EscapedPath(), err)
	}
	if sc, ok := out.(secretCarrier); ok {
		c.learned.learn(sc.secretValues())
	}
	// Drain what the decoder left so the connection can be reused.
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
	return nil
}

// retryAfter is the answer's Retry-After (on 429 and 503, as the retrying
// transport reads it), capped at retryAfterCap; zero when there is none.
func (c *Client) retryAfter(resp *http.Response) time.Duration {
	if resp.StatusCode != http.StatusTooManyRequests && resp.StatusCode != http.StatusServiceUnavailable {
		return 0
	}
	wait, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	if !ok {
		return 0
	}
	return min(wait, c.retryAfterCap)
}

func bodyOrNil(payload []byte) io.Reader {
	if payload == nil {
		return nil
	}
	return bytes.NewReader(payload)
}
