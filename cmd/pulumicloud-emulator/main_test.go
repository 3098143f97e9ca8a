package main

import (
	"strings"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The command refuses what would quietly do something else than asked: a
// non-loopback -addr without -allow-remote, an empty -token or
// -control-token.
func TestParseFlagsRefusals(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string // "" for accepted
	}{
		{nil, ""},
		{[]string{"-addr", "127.0.0.1:0"}, ""},
		{[]string{"-addr", "localhost:8383"}, ""},
		{[]string{"-addr", "[::1]:8383"}, ""},
		{[]string{"-addr", ":0"}, "not a loopback address"},
		{[]string{"-addr", "0.0.0.0:8383"}, "not a loopback address"},
		{[]string{"-addr", "192.168.1.5:8383"}, "not a loopback address"},
		{[]string{"-addr", ":0", "-allow-remote"}, ""},
		{[]string{"-token", ""}, "-token is empty"},
		{[]string{"-token="}, "-token is empty"},
		{[]string{"-token", "t0k"}, ""},
		{[]string{"-control-token", ""}, "-control-token is empty"},
		{[]string{"-max-recorded-requests", "0"}, "want a positive length"},
	} {
		cfg, err := parseFlags(tc.args)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%q: %v, want accepted", tc.args, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%q: err %v, want one saying %q", tc.args, err, tc.want)
		case tc.want == "" && cfg == nil:
			t.Errorf("%q: no config", tc.args)
		}
	}
}

// The flags reach the emulator's options.
func TestParseFlagsOptions(t *testing.T) {
	cfg, err := parseFlags([]string{"-token", "tok-1", "-control-token", "ctl-1", "-quote-requests-in-errors", "-max-recorded-requests", "50"})
	if err != nil {
		t.Fatal(err)
	}
	want := emulator.Options{Token: "tok-1", ControlToken: "ctl-1", QuoteRequestInErrors: true, MaxRecordedRequests: 50}
	got := cfg.opts
	if got.Token != want.Token || got.ControlToken != want.ControlToken || got.QuoteRequestInErrors != want.QuoteRequestInErrors ||
		got.MaxRecordedRequests != want.MaxRecordedRequests {
		t.Errorf("options %+v, want %+v", got, want)
	}
}
