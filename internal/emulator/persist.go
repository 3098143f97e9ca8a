package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// The state file holds every org's integrations, pending installations and
// OAuth state (never requests, faults, or any Bitbucket access token). It is
// written atomically (temp file + rename) so a crash never leaves it torn.

type stateFile struct {
	Version int                  `json:"version"`
	Orgs    map[string]*orgState `json:"orgs"`
}

const stateVersion = 1

// load reads Options.StateFile if it exists; a missing file is not an error.
func (e *Emulator) load() error {
	b, err := os.ReadFile(e.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: reading state file: %w", err)
	}
	var sf stateFile
	if err := json.Unmarshal(b, &sf); err != nil {
		return fmt.Errorf("emulator: parsing state file %s: %w", e.opts.StateFile, err)
	}
	for name, o := range sf.Orgs {
		if o.OAuthSessions == nil {
			o.OAuthSessions = map[string]oauthSession{}
		}
		o.Name = name
		e.orgs[name] = o
	}
	return nil
}

// save writes the state file; callers hold e.mu (or own e exclusively).
func (e *Emulator) save() error {
	if e.opts.StateFile == "" {
		return nil
	}
	b, err := json.MarshalIndent(stateFile{Version: stateVersion, Orgs: e.orgs}, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(e.opts.StateFile)
	tmp, err := os.CreateTemp(dir, filepath.Base(e.opts.StateFile)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), e.opts.StateFile)
}
