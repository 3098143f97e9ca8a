package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A successful answer is decoded under a size cap: past it, an error that
// says so; at it, the answer.
func TestAnswerSizeCap(t *testing.T) {
	const limit = 4096
	for _, tc := range []struct {
		name   string
		size   int
		wantOK bool
	}{{"within the cap", limit - 100, true}, {"past the cap", limit * 4, false}} {
		t.Run(tc.name, func(t *testing.T) {
			rec := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
				pad := strings.Repeat("x", tc.size-len(`{"integrations":[{"id":"1","groupName":""}]}`))
				answer(w, 200, fmt.Sprintf(`{"integrations":[{"id":"1","groupName":%q}]}`, pad))
			})
			c, err := New(Config{BaseURL: rec.URL, Token: testToken, MaxAnswerBytes: limit, Timeout: 5 * time.Second})
			if err != nil {
				t.Fatal(err)
			}
			list, err := c.ListGitLabIntegrations(bg, "acme")
			if tc.wantOK {
				if err != nil || len(list) != 1 {
					t.Fatalf("got %d integrations, err %v", len(list), err)
				}
				return
			}
			if !errors.Is(err, errAnswerTooLarge) || !strings.Contains(err.Error(), fmt.Sprintf("larger than %d bytes", limit)) {
				t.Fatalf("err %v, want the size cap named", err)
			}
		})
	}
	c, _ := New(Config{BaseURL: "http://127.0.0.1", Token: testToken})
	if c.maxAnswerBytes != DefaultMaxAnswerBytes {
		t.Errorf("default cap %d, want %d", c.maxAnswerBytes, DefaultMaxAnswerBytes)
	}
}
