package client

import (
	"context"
	"crypto/x509"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// RetryPolicy bounds the backoff between attempts.
type RetryPolicy struct {
	WaitMin       time.Duration // first backoff
	WaitMax       time.Duration // cap of the exponential backoff
	RetryAfterCap time.Duration // cap on a server's Retry-After
	// RateLimitWindow bounds how long a request whose context has no
	// deadline keeps retrying 429s; with a deadline, the deadline does.
	RateLimitWindow time.Duration
}

// DefaultRetryPolicy fills the zero fields of Config.Retry.
var DefaultRetryPolicy = RetryPolicy{
	WaitMin:         500 * time.Millisecond,
	WaitMax:         10 * time.Second,
	RetryAfterCap:   30 * time.Second,
	RateLimitWindow: 5 * time.Minute,
}

// withDefaults fills each zero (or negative) field from DefaultRetryPolicy: a
// zero cap or minimum would otherwise mean retrying in a tight loop.
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.WaitMin <= 0 {
		p.WaitMin = DefaultRetryPolicy.WaitMin
	}
	if p.WaitMax <= 0 {
		p.WaitMax = DefaultRetryPolicy.WaitMax
	}
	if p.RetryAfterCap <= 0 {
		p.RetryAfterCap = DefaultRetryPolicy.RetryAfterCap
	}
	if p.RateLimitWindow <= 0 {
		p.RateLimitWindow = DefaultRetryPolicy.RateLimitWindow
	}
	p.WaitMax = max(p.WaitMax, p.WaitMin)
	return p
}

type noRetryKey struct{}

// withoutRetries marks a request as not to be resent: a create POST may have
// taken effect even when it answers 429 or 5xx.
func withoutRetries(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRetryKey{}, true)
}

// The retry budget of one request. Rate limiting (429) is not failure: it is
// retried for as long as the operation may take (the context's deadline, from
// the resource's timeouts, else RateLimitWindow) whatever MaxRetries says.
// MaxRetries bounds the rest: 5xx answers and transport errors. No wait that
// would end after the deadline is begun: the request stops with the last
// answer instead, so the caller can name it.
type retryState struct {
	maxRetries int
	start      time.Time
	attempts   int           // answered (or failed) attempts so far
	failures   int           // of which 5xx or transport errors
	lastStatus int           // the last answer's status; 0 for a transport error
	wait       time.Duration // what backoff returns next (decided by checkRetry)
}

type retryStateKey struct{}

func withRetryState(ctx context.Context, maxRetries int) (context.Context, *retryState) {
	st := &retryState{maxRetries: maxRetries, start: time.Now()}
	return context.WithValue(ctx, retryStateKey{}, st), st
}

func retryStateFrom(ctx context.Context) *retryState {
	st, _ := ctx.Value(retryStateKey{}).(*retryState)
	return st
}

func newRetryingClient(base *url.URL, timeout time.Duration, policy RetryPolicy) *retryablehttp.Client {
	hc := cleanhttp.DefaultPooledClient()
	hc.Timeout = timeout
	// Never follow a redirect to another host or scheme: it would carry the
	// token somewhere the user did not configure.
	hc.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if req.URL.Host != base.Host || req.URL.Scheme != base.Scheme {
			return http.ErrUseLastResponse
		}
		if len(via) >= 5 {
			return errors.New("stopped after 5 redirects")
		}
		return nil
	}

	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil // logging goes through tflog in the hooks below, never stderr
	// The count is each request's retryState's business (MaxRetries for
	// failures, time for rate limiting), not retryablehttp's.
	rc.RetryMax = math.MaxInt32
	rc.RetryWaitMin = policy.WaitMin
	rc.RetryWaitMax = policy.WaitMax
	rc.CheckRetry = policy.checkRetry
	rc.Backoff = policy.backoff
	// Keep the final answer (status and body) rather than a generic
	// "giving up after N attempts" error.
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	// Hooks log on the request's own context (token masked by logContext);
	// retryablehttp's Logger has no context, hence nil above.
	rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		if attempt > 0 {
			tflog.SubsystemDebug(req.Context(), logSubsystem, "retrying request", map[string]any{
				"method": req.Method, "path": req.URL.EscapedPath(), "attempt": attempt + 1,
			})
		}
	}
	rc.ResponseLogHook = func(_ retryablehttp.Logger, resp *http.Response) {
		if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
			tflog.SubsystemDebug(resp.Request.Context(), logSubsystem, "attempt answered", map[string]any{
				"method": resp.Request.Method, "path": resp.Request.URL.EscapedPath(),
				"status": resp.StatusCode, "retry_after": resp.Header.Get("Retry-After"),
			})
		}
	}
	return rc
}

// checkRetry retries idempotent requests on 429 (by time), 5xx but 501 and
// transport errors (by count); never a request marked withoutRetries, and
// never other 4xx. It also decides the wait, so that it can refuse one that
// would outlast the deadline.
func (p RetryPolicy) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if noRetry, _ := ctx.Value(noRetryKey{}).(bool); noRetry {
		return false, nil
	}
	st := retryStateFrom(ctx)
	if st == nil { // not sent by Client.do: no budget, no retry
		return false, nil
	}
	st.attempts++
	rateLimited := false
	switch {
	case err != nil:
		st.lastStatus = 0
		if isPermanentTransportError(err) {
			return false, nil
		}
	case resp.StatusCode == http.StatusTooManyRequests:
		st.lastStatus, rateLimited = resp.StatusCode, true
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		st.lastStatus = resp.StatusCode
	default:
		return false, nil
	}
	if !rateLimited {
		if st.failures++; st.failures > st.maxRetries {
			return false, nil
		}
	}
	wait := p.wait(resp, st.attempts-1)
	if err != nil {
		wait = p.expCeiling(st.attempts - 1) // backoff draws a transport error's wait again, at most this
	}
	deadline, bounded := ctx.Deadline()
	if !bounded && rateLimited {
		deadline, bounded = st.start.Add(p.RateLimitWindow), true
	}
	if bounded && time.Now().Add(wait).After(deadline) {
		return false, nil
	}
	st.wait = wait
	return true, nil
}

// backoff returns the wait checkRetry decided. A transport error has no
// response to find the request's state by, so its wait is drawn again (from
// the same distribution, whose ceiling checkRetry held against the deadline).
func (p RetryPolicy) backoff(_, _ time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.Request != nil {
		if st := retryStateFrom(resp.Request.Context()); st != nil {
			return st.wait
		}
	}
	return p.wait(resp, attempt)
}

// isPermanentTransportError spots errors that no retry can fix: an untrusted
// certificate, a scheme, a redirect loop, a token that is not a valid header.
func isPermanentTransportError(err error) bool {
	var (
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalidCert      x509.CertificateInvalidError
	)
	if errors.As(err, &unknownAuthority) || errors.As(err, &hostname) || errors.As(err, &invalidCert) {
		return true
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		msg := urlErr.Error()
		return strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "stopped after") ||
			strings.Contains(msg, "invalid header field value")
	}
	return false
}

// wait is the pause before retrying after the attempt-th (0-based) answer.
// A Retry-After on 429 and 503 is honoured (at least WaitMin) plus up to a
// fifth more, never beyond RetryAfterCap (a longer one waits the cap less up
// to a fifth); otherwise the wait grows exponentially from WaitMin to
// WaitMax, drawn from its upper half. Both are jittered so that parallel
// requests refused together do not come back together.
func (p RetryPolicy) wait(resp *http.Response, attempt int) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if ra, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if ra >= p.RetryAfterCap {
				return p.RetryAfterCap - time.Duration(rand.Float64()*float64(p.RetryAfterCap)/5)
			}
			ra = max(ra, p.WaitMin)
			return min(ra+time.Duration(rand.Float64()*float64(ra)/5), p.RetryAfterCap)
		}
	}
	half := float64(p.expCeiling(attempt)) / 2
	return time.Duration(half + rand.Float64()*half)
}

// expCeiling is WaitMin doubled attempt times, capped at WaitMax.
func (p RetryPolicy) expCeiling(attempt int) time.Duration {
	exp := float64(p.WaitMin) * math.Pow(2, float64(attempt))
	if exp > float64(p.WaitMax) || math.IsInf(exp, 0) {
		exp = float64(p.WaitMax)
	}
	return time.Duration(exp)
}

// ParseRetryAfter reads a Retry-After value: delay seconds or an HTTP date.
// It reports false for anything else, and never returns a negative wait.
func ParseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}
	// An out-of-range number still means "a long time": ParseInt saturates.
	if secs, err := strconv.ParseInt(value, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(math.MaxInt64/time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(value); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}
