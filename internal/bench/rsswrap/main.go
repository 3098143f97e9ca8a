// Command rsswrap measures a provider's peak resident set size. The
// benchmark installs it under the provider's name; it runs the real binary
// (real/<its own name>, beside it) with the same arguments, environment and
// standard streams, forwards SIGINT and SIGTERM, and on exit appends the
// child's peak RSS in KiB (getrusage's ru_maxrss) as a line to the file
// BENCH_RSS_FILE names. It costs one extra process start per provider start.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"syscall"
)

func main() {
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	cmd := exec.Command(filepath.Join(filepath.Dir(self), "real", filepath.Base(self)), os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Start(); err != nil {
		fail(err)
	}
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range sigs {
			_ = cmd.Process.Signal(s)
		}
	}()
	_ = cmd.Wait()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok && os.Getenv("BENCH_RSS_FILE") != "" {
		if f, err := os.OpenFile(os.Getenv("BENCH_RSS_FILE"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			_, _ = fmt.Fprintln(f, ru.Maxrss)
			_ = f.Close()
		}
	}
	os.Exit(cmd.ProcessState.ExitCode())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "rsswrap:", err)
	os.Exit(1)
}
