package provider

import "fmt"

// sharedListWait is a read's error when its context ended (its timeout, or
// an interruption) while it waited for the shared list of typeName's
// integrations of Org (sharedList): that list GET is the request that was
// waiting, not the GET of the integration the read never sent.
type sharedListWait struct {
	Org, TypeName string
	Err           error // the wait's error, which wraps the context's
}

func (e *sharedListWait) Error() string {
	return fmt.Sprintf("waiting for the list of the %s integrations of organization %s: %v", e.TypeName, e.Org, e.Err)
}

func (e *sharedListWait) Unwrap() error { return e.Err }
