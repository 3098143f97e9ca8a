package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Secrets are masked by value, in one place: here. A service (or a proxy)
// may quote a request back in its error answer, under the field's own name,
// another one, or in free text, so no list of field names can find them.
// The values come from what the request was built with: the body's own
// secrets (secretCarrier), the caller's (WithSecrets), and those earlier
// answers of this client carried (a custom VCS webhook secret), which a
// later error may quote.

// masked replaces a secret wherever it is reported.
const masked = "***"

// minSecretLen is the shortest value masked. A shorter one is no secret
// worth the name, and masking it would garble every message it occurs in
// (a toy value such as "t" in tests).
const minSecretLen = 4

// maxLearnedSecrets bounds the answer-carried secrets a client remembers.
const maxLearnedSecrets = 256

// secretCarrier is a request or answer body that carries secret values.
type secretCarrier interface {
	secretValues() []string
}

func (r CreateBitbucketIntegrationRequest) secretValues() []string {
	return []string{r.WorkspaceAccessToken}
}

func (r CompleteAzureDevOpsOAuthRequest) secretValues() []string { return []string{r.Code} }

func (i CustomVCSIntegration) secretValues() []string { return []string{i.WebhookSecret} }

func (l listCustomVCSIntegrationsResponse) secretValues() []string {
	var out []string
	for _, i := range l.Integrations {
		out = append(out, i.WebhookSecret)
	}
	return out
}

type secretsKey struct{}

// WithSecrets returns ctx carrying values to mask in the error text and logs
// of the requests sent with it: a sensitive input the request does not carry
// itself, or one the caller holds (a secret kept in the state).
func WithSecrets(ctx context.Context, values ...string) context.Context {
	prev, _ := ctx.Value(secretsKey{}).([]string)
	return context.WithValue(ctx, secretsKey{}, append(slices.Clip(prev), values...))
}

// secretStore holds the secrets answers carried, oldest first.
type secretStore struct {
	mu     sync.Mutex
	values []string
}

func (s *secretStore) learn(values []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range values {
		if len(v) < minSecretLen || slices.Contains(s.values, v) {
			continue
		}
		if len(s.values) >= maxLearnedSecrets {
			s.values = s.values[1:]
		}
		s.values = append(s.values, v)
	}
}

func (s *secretStore) all() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.values)
}

// requestSecrets are the secrets of one request: the access token, body's,
// the context's and the learned ones.
func (c *Client) requestSecrets(ctx context.Context, body any) []string {
	values := []string{c.token}
	if sc, ok := body.(secretCarrier); ok {
		values = append(values, sc.secretValues()...)
	}
	if extra, ok := ctx.Value(secretsKey{}).([]string); ok {
		values = append(values, extra...)
	}
	return append(values, c.learned.all()...)
}

// maskForms returns every spelling of the values that an answer may quote:
// as is, JSON-escaped (with and without HTML escaping) and URL-escaped,
// longest first so that no shorter form cuts a longer one apart.
func maskForms(values []string) []string {
	var forms []string
	add := func(s string) {
		if len(s) >= minSecretLen && !slices.Contains(forms, s) {
			forms = append(forms, s)
		}
	}
	for _, v := range values {
		if len(v) < minSecretLen {
			continue
		}
		add(v)
		add(jsonEscaped(v, true))
		add(jsonEscaped(v, false))
		add(url.QueryEscape(v))
		add(url.PathEscape(v))
	}
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	return forms
}

// jsonEscaped is v as it appears inside a JSON string.
func jsonEscaped(v string, escapeHTML bool) string {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	_ = enc.Encode(v) // a string always encodes
	s := strings.TrimSuffix(buf.String(), "\n")
	return strings.TrimSuffix(strings.TrimPrefix(s, `"`), `"`)
}

// maskString replaces every form in s.
func maskString(s string, forms []string) string {
	for _, f := range forms {
		s = strings.ReplaceAll(s, f, masked)
	}
	return s
}

// maskError returns err with every form masked in its text. An *APIError's
// Message is masked where it is built; this catches the rest (a transport
// error quoting a URL, a wrapped answer). The result still unwraps to err,
// so errors.Is and errors.As keep working.
func maskError(err error, forms []string) error {
	if err == nil {
		return nil
	}
	text := err.Error()
	if m := maskString(text, forms); m != text {
		return &maskedError{msg: m, err: err}
	}
	return err
}

type maskedError struct {
	msg string
	err error
}

func (e *maskedError) Error() string { return e.msg }
func (e *maskedError) Unwrap() error { return e.err }

// logContext opens the HTTP log subsystem with every secret of the request
// masked wherever it could appear (field values and messages), and the
// Authorization header's value whatever it holds.
func (c *Client) logContext(ctx context.Context, forms []string) context.Context {
	ctx = tflog.NewSubsystem(ctx, logSubsystem)
	ctx = tflog.SubsystemMaskFieldValuesWithFieldKeys(ctx, logSubsystem, "Authorization", "authorization")
	if len(forms) > 0 {
		ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, logSubsystem, forms...)
		ctx = tflog.SubsystemMaskMessageStrings(ctx, logSubsystem, forms...)
	}
	return ctx
}
