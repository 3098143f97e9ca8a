// Command pulumicloud-emulator runs the Pulumi Cloud VCS-integrations
// emulator as a standalone server, for the demo and for scripts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// listFlag is a repeatable flag that also accepts comma-separated values.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error {
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			*l = append(*l, s)
		}
	}
	return nil
}

func main() {
	log.SetFlags(log.LstdFlags)
	log.SetPrefix("pulumicloud-emulator: ")
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	var orgs listFlag
	addr := flag.String("addr", "127.0.0.1:8383", "listen address")
	token := flag.String("token", "", "accepted access token (default "+emulator.DefaultToken+")")
	flag.Var(&orgs, "org", "Pulumi organization that exists (repeatable or comma-separated; default acme)")
	state := flag.String("state", "", "state file: loaded at start if present, saved after every change")
	pageSize := flag.Int("page-size", emulator.DefaultPageSize, "repos page size")
	faultRate := flag.Float64("fault-rate", 0, "probability (0..1) that an API request fails")
	faultCodes := flag.String("fault-codes", "", "comma-separated status codes for injected faults (default 429,500,502,503)")
	retryAfter := flag.Duration("retry-after", 0, "Retry-After on injected 429/503 faults (e.g. 2s)")
	latency := flag.Duration("latency", 0, "latency added to every API request")
	seed := flag.Int64("fault-seed", 1, "seed of the fault random source")
	visibility := flag.Duration("visibility-delay", 0, "created integrations appear in lists only after this delay")
	unseeded := flag.Bool("unseeded", false, "start organizations with no integrations")
	destinations := flag.String("destinations", emulator.DestinationsSinglePage,
		"repos/destinations paging: single, paged, or ignore-page (a token, but ?page ignored)")
	destPageSize := flag.Int("destinations-page-size", 0, "destinations page size in the paged modes (default 2)")
	readyFile := flag.String("ready-file", "", "write the base URL to this file once listening")
	flag.Parse()

	codes, err := parseCodes(*faultCodes)
	if err != nil {
		return err
	}
	e, err := emulator.New(emulator.Options{
		Token: *token, Orgs: orgs, StateFile: *state, PageSize: *pageSize,
		CreateVisibilityDelay: *visibility, Unseeded: *unseeded,
		Faults: emulator.FaultConfig{ErrorRate: *faultRate, Codes: codes, RetryAfter: *retryAfter, Latency: *latency, Seed: *seed},
	})
	if err != nil {
		return err
	}
	if err := e.SetDestinationsPaging(*destinations, *destPageSize); err != nil {
		return err
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: logRequests(e.Handler()), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	if *readyFile != "" {
		if err := writeAtomic(*readyFile, baseURL+"\n"); err != nil {
			_ = srv.Close()
			return err
		}
	}
	log.Printf("listening on %s", baseURL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	select {
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			return err
		}
	case <-ctx.Done():
		log.Printf("shutting down")
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutCtx)
}

func parseCodes(s string) ([]int, error) {
	var codes []int
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		c, err := strconv.Atoi(f)
		if err != nil || c < 400 || c > 599 {
			return nil, fmt.Errorf("invalid -fault-codes entry %q: want an HTTP error status", f)
		}
		codes = append(codes, c)
	}
	return codes, nil
}

// logRequests logs method, path and status of each request; headers (and so
// the Authorization token) are never logged.
func logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		log.Printf("%s %s %d %s", r.Method, r.URL.EscapedPath(), sw.status, time.Since(start).Round(time.Millisecond))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (s *statusWriter) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func writeAtomic(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil { // readable by the scripts that wait on it
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
