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
}

// DefaultRetryPolicy fills the zero fields of Config.Retry.
var DefaultRetryPolicy = RetryPolicy{
	WaitMin:       500 * time.Millisecond,
	WaitMax:       10 * time.Second,
	RetryAfterCap: 30 * time.Second,
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
	p.WaitMax = max(p.WaitMax, p.WaitMin)
	return p
}

type noRetryKey struct{}

// withoutRetries marks a request as not to be resent: a create POST may have
// taken effect even when it answers 429 or 5xx.
func withoutRetries(ctx context.Context) context.Context {
	return context.WithValue(ctx, noRetryKey{}, true)
}

func newRetryingClient(base *url.URL, timeout time.Duration, maxRetries int, policy RetryPolicy) *retryablehttp.Client {
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
	rc.RetryMax = maxRetries
	rc.RetryWaitMin = policy.WaitMin
	rc.RetryWaitMax = policy.WaitMax
	rc.CheckRetry = checkRetry
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

// checkRetry retries idempotent requests on 429, 5xx (but 501) and transport
// errors; never a request marked withoutRetries, and never other 4xx.
func checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if noRetry, _ := ctx.Value(noRetryKey{}).(bool); noRetry {
		return false, nil
	}
	if err != nil {
		return !isPermanentTransportError(err), nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return true, nil
	case resp.StatusCode == http.StatusNotImplemented:
		return false, nil
	case resp.StatusCode >= 500:
		return true, nil
	}
	return false, nil
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

// backoff honours a (capped) Retry-After on 429 and 503, and otherwise waits
// an exponentially growing, jittered time between WaitMin and WaitMax.
func (p RetryPolicy) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if wait, ok := ParseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(wait, p.RetryAfterCap)
		}
	}
	exp := float64(minWait) * math.Pow(2, float64(attempt))
	if exp > float64(maxWait) || math.IsInf(exp, 0) {
		exp = float64(maxWait)
	}
	// Jitter in [exp/2, exp] spreads the retries of many resources.
	half := exp / 2
	return time.Duration(half + rand.Float64()*half)
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
