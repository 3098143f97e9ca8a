package client

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func BenchmarkListGitHubIntegrations(b *testing.B) {
	items := make([]string, 50)
	for i := range items {
		items[i] = strings.Replace(gitHubJSON, `"id":"gh-1"`, fmt.Sprintf(`"id":"gh-%d"`, i), 1)
	}
	page := `{"integrations":[` + strings.Join(items, ",") + `]}`
	rec := newRecorder(b, func(w http.ResponseWriter, _ *http.Request) { answer(w, 200, page) })
	c := newTestClient(b, rec.URL, 0)
	b.ReportAllocs()
	for b.Loop() {
		got, err := c.ListGitHubIntegrations(bg, GitHubDotCom, "acme")
		if err != nil || len(got.Integrations) != len(items) {
			b.Fatalf("%v integrations, %v", got, err)
		}
	}
}

func BenchmarkEndpoint(b *testing.B) {
	c, err := New(Config{Token: "t"})
	if err != nil {
		b.Fatal(err)
	}
	segments := []string{"my org", "integrations", "azure_devops", "id/../x", "repos", "ünï?", "branches"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.endpoint(segments, nil); err != nil {
			b.Fatal(err)
		}
	}
}
