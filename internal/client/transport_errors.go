package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// TransportError is a request that got no answer because the API host could
// not be reached: its name did not resolve, the TLS handshake failed, or the
// connection was refused. Its text says which, so that nobody takes it for
// something Pulumi Cloud said.
type TransportError struct {
	Method, Path string
	Host         string // the API host (and port) the request was for
	// Failure is what failed: FailureDNS, FailureTLS or FailureConnect.
	Failure  string
	Attempts int
	Elapsed  time.Duration
	cause    error // the innermost error that says why
	err      error // what the transport returned
}

// TransportError.Failure values.
const (
	FailureDNS     = "DNS lookup"
	FailureTLS     = "TLS handshake"
	FailureConnect = "connection"
)

func (e *TransportError) Error() string {
	var what string
	switch e.Failure {
	case FailureDNS:
		what = fmt.Sprintf("the API host %s could not be resolved (DNS lookup failed)", e.Host)
	case FailureTLS:
		what = fmt.Sprintf("the TLS handshake with %s failed", e.Host)
	default:
		what = fmt.Sprintf("could not connect to %s", e.Host)
	}
	msg := fmt.Sprintf("%s %s: %s: %v", e.Method, e.Path, what, e.cause)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" (%d attempts over %s)", e.Attempts, e.Elapsed.Round(time.Second))
	}
	return msg
}

func (e *TransportError) Unwrap() error { return e.err }

// classifyTransportError returns a *TransportError for a DNS, TLS or
// connection failure, nil for anything else (a timeout, a reset, a
// cancelled context).
func classifyTransportError(method string, u *url.URL, err error) *TransportError {
	te := &TransportError{Method: method, Path: u.EscapedPath(), Host: u.Host, err: err}
	var (
		dnsErr           *net.DNSError
		unknownAuthority x509.UnknownAuthorityError
		hostname         x509.HostnameError
		invalidCert      x509.CertificateInvalidError
		verifyErr        *tls.CertificateVerificationError
		recordHeader     tls.RecordHeaderError
		alert            tls.AlertError
		opErr            *net.OpError
	)
	switch {
	case errors.As(err, &dnsErr):
		te.Failure, te.cause = FailureDNS, dnsErr
	case errors.As(err, &verifyErr):
		te.Failure, te.cause = FailureTLS, verifyErr.Err
	case errors.As(err, &unknownAuthority):
		te.Failure, te.cause = FailureTLS, unknownAuthority
	case errors.As(err, &hostname):
		te.Failure, te.cause = FailureTLS, hostname
	case errors.As(err, &invalidCert):
		te.Failure, te.cause = FailureTLS, invalidCert
	case errors.As(err, &recordHeader) || strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		// net/http turns the record header error into text of its own.
		te.Failure, te.cause = FailureTLS, errors.New("the server did not answer TLS (is it plain http?)")
	case errors.As(err, &alert):
		te.Failure, te.cause = FailureTLS, alert
	case errors.As(err, &opErr) && opErr.Op == "dial":
		te.Failure, te.cause = FailureConnect, opErr.Err
	default:
		return nil
	}
	return te
}

// refusedRedirect says why a redirect answer was not followed: the
// transport follows none to another host or scheme (newRetryingClient),
// as it would carry the access token there. "" for any other answer.
func (c *Client) refusedRedirect(resp *http.Response) string {
	if resp.StatusCode < 300 || resp.StatusCode > 399 {
		return ""
	}
	loc, err := resp.Location()
	if err != nil || (loc.Host == c.base.Host && loc.Scheme == c.base.Scheme) {
		return ""
	}
	target := loc.Host
	if loc.Scheme != c.base.Scheme {
		target = loc.Scheme + "://" + loc.Host
	}
	return fmt.Sprintf("redirect to %s not followed: it would carry the access token", target)
}
