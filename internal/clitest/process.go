package clitest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// Process is a CLI command running in the background, for tests that
// interrupt it (a SIGINT, as a cancelled pipeline sends) or kill one of its
// children (the provider, as the OOM killer would).
type Process struct {
	cmd    *exec.Cmd
	out    lockedBuffer
	done   chan struct{}
	result Result
}

// Start starts name with args in dir, as Run runs it, without waiting for
// it; only a failure to start it fails the test. The process is killed when
// the test ends, if it still runs.
func Start(tb testing.TB, dir string, env []string, name string, args ...string) *Process {
	tb.Helper()
	p := &Process{done: make(chan struct{})}
	p.cmd = exec.Command(name, args...) // not CommandContext: the cleanup below ends it, after the test has read it
	p.cmd.Dir, p.cmd.Env = dir, env
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	if err := p.cmd.Start(); err != nil {
		tb.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	go func() {
		err := p.cmd.Wait()
		p.result = Result{Output: p.out.String()}
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			p.result.ExitCode = exit.ExitCode()
			if exit.ExitCode() < 0 { // ended by a signal
				p.result.ExitCode = 128
			}
		} else if err != nil {
			p.result.ExitCode = -1
			p.result.Output += "\n" + err.Error()
		}
		close(p.done)
	}()
	tb.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

// Pid is the process id.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Signal sends sig to the process (not to its children: a CLI forwards
// what it must to its plugins itself).
func (p *Process) Signal(sig os.Signal) error { return p.cmd.Process.Signal(sig) }

// Done is closed when the process has exited.
func (p *Process) Done() <-chan struct{} { return p.done }

// Output is what the process printed so far.
func (p *Process) Output() string { return p.out.String() }

// Wait waits for the process to exit and returns what it printed and its
// exit code.
func (p *Process) Wait() Result {
	<-p.done
	return p.result
}

// KillChildren sends SIGKILL to every running child of the process whose
// executable is binary (e.g. the provider plugin terraform started) and
// returns their ids. It reads /proc, so it finds none but on Linux.
func (p *Process) KillChildren(tb testing.TB, binary string) []int {
	tb.Helper()
	want, err := os.Stat(binary)
	if err != nil {
		tb.Fatal(err)
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		tb.Fatalf("listing processes: %v", err)
	}
	var killed []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || parentOf(pid) != p.Pid() {
			continue
		}
		exe, err := os.Stat(filepath.Join("/proc", e.Name(), "exe"))
		if err != nil || !os.SameFile(exe, want) {
			continue
		}
		if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
			tb.Fatalf("killing %s (pid %d): %v", binary, pid, err)
		}
		killed = append(killed, pid)
	}
	return killed
}

// parentOf is the parent process id of pid, from /proc/<pid>/stat, or -1.
func parentOf(pid int) int {
	stat, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return -1
	}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses.
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return -1
	}
	fields := strings.Fields(string(stat[i+1:]))
	if len(fields) < 2 {
		return -1
	}
	ppid, err := strconv.Atoi(fields[1])
	if err != nil {
		return -1
	}
	return ppid
}

// lockedBuffer is a bytes.Buffer the process writes while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
