package client

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// A secret with characters that JSON and URL encodings spell differently,
// so that each way a service may quote it is exercised.
const (
	quotedToken = `bb-tok<&>"/é-5f1d2a`
	quotedCode  = `ado-code+/=<é>-0b7e44`
	quotedHook  = `whsec-<&>"9c3e1f-hook`
)

// secretForms are the spellings a leak check looks for.
func secretForms(s string) []string {
	b, _ := json.Marshal(s)
	return []string{s, strings.Trim(string(b), `"`), jsonEscaped(s, false), url.QueryEscape(s), url.PathEscape(s)}
}

// echoes are ways a service quotes a request back in an error answer: the
// body in the message (JSON-escaped inside it), the value in free text,
// under another key of a non-error JSON body, and in a plain-text body.
var echoes = map[string]func(body []byte, secret string) string{
	"body in message": func(body []byte, _ string) string {
		msg, _ := json.Marshal("invalid request: " + string(body))
		return `{"code":400,"message":` + string(msg) + `}`
	},
	"free text": func(_ []byte, secret string) string {
		msg, _ := json.Marshal("the value " + secret + " is not valid here")
		return `{"code":400,"message":` + string(msg) + `}`
	},
	"another key": func(_ []byte, secret string) string {
		v, _ := json.Marshal(map[string]any{"errors": map[string]string{"credential": secret}})
		return string(v)
	},
	"plain text": func(body []byte, _ string) string { return "Bad Request\n" + string(body) },
}

// checkNoSecret fails when text holds any spelling of secret.
func checkNoSecret(t *testing.T, what, text, secret string) {
	t.Helper()
	for _, f := range secretForms(secret) {
		if strings.Contains(text, f) {
			t.Errorf("%s holds the secret (as %q): %s", what, f, text)
		}
	}
}

// Every request that carries a secret has it masked in its error text and
// its log lines, however the error answer quotes it.
func TestRequestSecretsMaskedInErrorsAndLogs(t *testing.T) {
	ops := map[string]struct {
		secret string
		call   func(*Client, context.Context) error
	}{
		"Bitbucket create": {quotedToken, func(c *Client, ctx context.Context) error {
			return c.CreateBitbucketIntegration(ctx, "acme", CreateBitbucketIntegrationRequest{
				WorkspaceUUID: "{u}", WorkspaceSlug: "ws", WorkspaceAccessToken: quotedToken})
		}},
		"Azure DevOps OAuth complete": {quotedCode, func(c *Client, ctx context.Context) error {
			return c.CompleteAzureDevOpsOAuth(ctx, "acme", CompleteAzureDevOpsOAuthRequest{
				Provider: CloudSetupProvider{Name: "azure"}, SessionID: "s-1", Code: quotedCode})
		}},
	}
	for opName, op := range ops {
		for echoName, echo := range echoes {
			t.Run(opName+"/"+echoName, func(t *testing.T) {
				var rec *recorder
				rec = newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
					answer(w, 400, echo(rec.last().Body, op.secret)) // the recorder has read the body
				})
				var logs bytes.Buffer
				ctx := tflogtest.RootLogger(bg, &logs)
				err := op.call(newTestClient(t, rec.URL, 0), ctx)
				if StatusCode(err) != 400 {
					t.Fatalf("err %v, want an HTTP 400", err)
				}
				if !strings.Contains(string(rec.last().Body), jsonEscaped(op.secret, true)) {
					t.Fatal("the request did not carry the secret: the check would be vacuous")
				}
				checkNoSecret(t, "the error", err.Error(), op.secret)
				if !strings.Contains(err.Error(), masked) {
					t.Errorf("the error %q shows no mask where the secret was", err)
				}
				checkNoSecret(t, "the log", logs.String(), op.secret)
				if !strings.Contains(logs.String(), `"response"`) {
					t.Errorf("no response line logged: the log check would be vacuous:\n%s", logs.String())
				}
			})
		}
	}
}

// A secret an answer carried (a custom VCS webhook secret, from the create or
// a regeneration) is masked in every later error and log line of the client.
func TestAnswerSecretsMaskedLater(t *testing.T) {
	for name, first := range map[string]func(*Client) error{
		"create": func(c *Client) error {
			_, err := c.CreateCustomVCSIntegration(bg, "acme", CreateCustomVCSIntegrationRequest{Name: "n", BaseURL: "https://git.example", Environment: "p/e"})
			return err
		},
		"regenerate": func(c *Client) error {
			_, err := c.UpdateCustomVCSIntegration(bg, "acme", "int-1", UpdateCustomVCSIntegrationRequest{RegenerateWebhookSecret: true})
			return err
		},
	} {
		t.Run(name, func(t *testing.T) {
			integration, _ := json.Marshal(CustomVCSIntegration{ID: "int-1", Name: "n", WebhookSecret: quotedHook})
			rec := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if strings.HasSuffix(r.URL.Path, "/repos") {
					msg, _ := json.Marshal("repository exists on integration " + string(integration))
					answer(w, 409, `{"code":409,"message":`+string(msg)+`}`)
					return
				}
				answer(w, 200, string(integration))
			})
			c := newTestClient(t, rec.URL, 0)
			if err := first(c); err != nil {
				t.Fatal(err)
			}
			var logs bytes.Buffer
			err := c.AddCustomVCSRepository(tflogtest.RootLogger(bg, &logs), "acme", "int-1", AddCustomVCSRepositoryRequest{Name: "r"})
			if !IsConflict(err) {
				t.Fatalf("err %v, want a 409", err)
			}
			checkNoSecret(t, "the error", err.Error(), quotedHook)
			if !strings.Contains(err.Error(), masked) {
				t.Errorf("the error %q shows no mask", err)
			}
			checkNoSecret(t, "the log", logs.String(), quotedHook)
		})
	}
}

// A secret the caller names (WithSecrets) is masked although the request
// does not carry it.
func TestCallerSecretsMasked(t *testing.T) {
	const held = "held-in-state-6a1c"
	rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		answer(w, 400, `{"code":400,"message":"conflicts with `+held+`"}`)
	})
	err := newTestClient(t, rec.URL, 0).DeleteCustomVCSIntegration(WithSecrets(bg, held), "acme", "int-1")
	if err == nil || strings.Contains(err.Error(), held) || !strings.Contains(err.Error(), "conflicts with "+masked) {
		t.Errorf("err %v, want the held secret masked", err)
	}
}
