package emulator

import (
	"fmt"
	"strings"
	"testing"
)

// The request log is a bounded ring: past the bound the oldest records go.
func TestRequestLogIsBounded(t *testing.T) {
	e := newEmu(t, Options{MaxRecordedRequests: 5})
	for i := range 12 {
		call(t, e, "GET", fmt.Sprintf("/gitlab/id-%d", i), "")
	}
	recs := e.Requests()
	if len(recs) != 5 {
		t.Fatalf("%d records, want 5", len(recs))
	}
	for i, r := range recs {
		if want := fmt.Sprintf("/gitlab/id-%d", 7+i); !strings.HasSuffix(r.Path, want) {
			t.Errorf("record %d is %s, want the latest five (…%s)", i, r.Path, want)
		}
	}
	if n := newEmu(t, Options{}).opts.MaxRecordedRequests; n != DefaultMaxRecordedRequests {
		t.Errorf("default bound %d, want %d", n, DefaultMaxRecordedRequests)
	}
}

// Unauthenticated requests are not recorded at all, and a recorded body is
// cut to a few kilobytes: a large POST cannot grow the log by its size.
func TestRequestLogRecordsAfterAuthWithCappedBodies(t *testing.T) {
	e := newEmu(t, Options{})
	big := `{"name":"` + strings.Repeat("é", 400<<10) + `"}`
	for range 3 {
		raw(t, e, "POST", "/api/console/orgs/acme/integrations/custom", big, "")
		raw(t, e, "POST", "/api/console/orgs/acme/integrations/custom", big, "token wrong")
	}
	if n := len(e.Requests()); n != 0 {
		t.Fatalf("%d unauthenticated requests recorded, want 0", n)
	}
	call(t, e, "POST", "/custom", big)
	recs := e.Requests()
	if len(recs) != 1 {
		t.Fatalf("%d records, want 1", len(recs))
	}
	body := recs[0].Body
	if len(body) > maxRecordedBody+100 || !strings.Contains(body, fmt.Sprintf("<%d bytes in all: cut>", len(big))) {
		t.Errorf("recorded body of %d bytes (ends %q), want it cut to about %d and saying so", len(body), body[max(0, len(body)-40):], maxRecordedBody)
	}
	if !strings.HasPrefix(body, `{"name":"éé`) {
		t.Errorf("recorded body starts %q, want the body's start", body[:20])
	}
}
