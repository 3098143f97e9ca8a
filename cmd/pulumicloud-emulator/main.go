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

// config is what the command line asks for.
type config struct {
	addr         string
	allowRemote  bool
	destinations string
	destPageSize int
	readyFile    string
	opts         emulator.Options
}

// parseFlags reads the command line; an error for anything that would
// quietly do something else than asked.
func parseFlags(args []string) (*config, error) {
	fs := flag.NewFlagSet("pulumicloud-emulator", flag.ContinueOnError)
	var orgs listFlag
	cfg := &config{}
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8383", "listen address; a non-loopback one needs -allow-remote")
	fs.BoolVar(&cfg.allowRemote, "allow-remote", false, "allow a non-loopback -addr: anyone who can reach it can use the API with the token")
	token := fs.String("token", "", "accepted access token (default "+emulator.DefaultToken+")")
	controlToken := fs.String("control-token", "", "require this token on the control surface (/_emulator/), in the "+emulator.ControlTokenHeader+" header")
	fs.Var(&orgs, "org", "Pulumi organization that exists (repeatable or comma-separated; default acme)")
	state := fs.String("state", "", "state file: loaded at start if present, saved after every change")
	pageSize := fs.Int("page-size", emulator.DefaultPageSize, "repos page size")
	faultRate := fs.Float64("fault-rate", 0, "probability (0..1) that an API request fails")
	faultCodes := fs.String("fault-codes", "", "comma-separated status codes for injected faults (default 429,500,502,503)")
	retryAfter := fs.Duration("retry-after", 0, "Retry-After on injected 429/503 faults (e.g. 2s)")
	latency := fs.Duration("latency", 0, "latency added to every API request")
	seed := fs.Int64("fault-seed", 1, "seed of the fault random source")
	visibility := fs.Duration("visibility-delay", 0, "created integrations appear in lists only after this delay")
	unseeded := fs.Bool("unseeded", false, "start organizations with no integrations")
	quote := fs.Bool("quote-requests-in-errors", false, "error answers quote the request, secrets included (to test that clients mask them)")
	maxRecorded := fs.Int("max-recorded-requests", emulator.DefaultMaxRecordedRequests, "length of the request log (/_emulator/requests): the oldest go first")
	fs.StringVar(&cfg.destinations, "destinations", emulator.DestinationsSinglePage,
		"repos/destinations paging: single, paged, or ignore-page (a token, but ?page ignored)")
	fs.IntVar(&cfg.destPageSize, "destinations-page-size", 0, "destinations page size in the paged modes (default 2)")
	fs.StringVar(&cfg.readyFile, "ready-file", "", "write the base URL to this file once listening")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["token"] && *token == "" {
		return nil, errors.New("-token is empty: leave the flag out for the default token (" + emulator.DefaultToken + "), or give one")
	}
	if set["control-token"] && *controlToken == "" {
		return nil, errors.New("-control-token is empty: leave the flag out for an open control surface, or give one")
	}
	if !emulator.IsLoopbackAddr(cfg.addr) && !cfg.allowRemote {
		return nil, fmt.Errorf("-addr %s is not a loopback address (an empty host listens on every interface): "+
			"use 127.0.0.1:PORT, or add -allow-remote to serve other machines", cfg.addr)
	}
	if *maxRecorded <= 0 {
		return nil, fmt.Errorf("-max-recorded-requests %d: want a positive length", *maxRecorded)
	}
	codes, err := parseCodes(*faultCodes)
	if err != nil {
		return nil, err
	}
	cfg.opts = emulator.Options{
		Token: *token, ControlToken: *controlToken, Orgs: orgs, StateFile: *state, PageSize: *pageSize,
		CreateVisibilityDelay: *visibility, Unseeded: *unseeded, QuoteRequestInErrors: *quote,
		MaxRecordedRequests: *maxRecorded,
		Faults:              emulator.FaultConfig{ErrorRate: *faultRate, Codes: codes, RetryAfter: *retryAfter, Latency: *latency, Seed: *seed},
	}
	return cfg, nil
}

func run() error {
	cfg, err := parseFlags(os.Args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	e, err := emulator.New(cfg.opts)
	if err != nil {
		return err
	}
	if err := e.SetDestinationsPaging(cfg.destinations, cfg.destPageSize); err != nil {
		return err
	}
	if !emulator.IsLoopbackAddr(cfg.addr) {
		log.Printf("WARNING: listening on %s, which other machines may reach: anyone who can connect can use the API "+
			"with the access token (the control surface still answers loopback names only)", cfg.addr)
	}

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	baseURL := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: logRequests(e.Handler()), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	if cfg.readyFile != "" {
		if err := writeAtomic(cfg.readyFile, baseURL+"\n"); err != nil {
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
