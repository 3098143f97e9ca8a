package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
)

// The request log is served unauthenticated on the control surface, so
// secrets are taken out before a request is recorded. These are the fields
// of the document's request bodies that carry one: the Bitbucket workspace
// access token, the OAuth authorization code, and a custom integration's
// webhook secret (answered, never sent by the document's clients, but a
// client could echo it). They are matched by name at any depth.
var secretFields = map[string]bool{
	"workspaceAccessToken": true,
	"code":                 true,
	"webhookSecret":        true,
}

// Redacted replaces a secret value in the request log.
const Redacted = "<redacted>"

// redactBody returns the body as it may be recorded: as sent when it has no
// secret field, else with secret values replaced, re-encoded (key order is
// not kept). A body that is not JSON is not recorded at all, as a secret
// could be anywhere in it. seen is called with each secret value replaced.
func redactBody(body []byte, seen func(string)) string {
	if len(bytes.TrimSpace(body)) == 0 {
		return string(body)
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil || dec.More() {
		return fmt.Sprintf("<%d bytes, not JSON: not recorded>", len(body))
	}
	if !redactValue(v, seen) {
		return string(body)
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Sprintf("<%d bytes: not recorded>", len(body))
	}
	return string(bytes.TrimSuffix(out.Bytes(), []byte("\n")))
}

// redactValue replaces secret values in place and reports whether it did.
func redactValue(v any, seen func(string)) bool {
	changed := false
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if secretFields[k] {
				if s, ok := val.(string); ok {
					seen(s)
				}
				x[k] = Redacted
				changed = true
				continue
			}
			changed = redactValue(val, seen) || changed
		}
	case []any:
		for _, val := range x {
			changed = redactValue(val, seen) || changed
		}
	}
	return changed
}

// redactQuery replaces secret query parameters the same way.
func redactQuery(raw string, seen func(string)) string {
	if raw == "" {
		return ""
	}
	q, err := url.ParseQuery(raw)
	if err != nil {
		return "<query not parseable: not recorded>"
	}
	changed := false
	for k := range q {
		if secretFields[k] {
			for _, v := range q[k] {
				seen(v)
			}
			q[k] = []string{Redacted}
			changed = true
		}
	}
	if !changed {
		return raw
	}
	return q.Encode()
}

// SecretReceived reports whether an API request since the last
// ResetRequests carried value in a secret field, so a test can check that a
// secret was sent although the log shows it redacted. Only a SHA-256 of each
// value is kept, in memory: never served, never persisted.
func (e *Emulator) SecretReceived(value string) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return value != "" && e.secretsSeen[secretDigest(value)]
}
