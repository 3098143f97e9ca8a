package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// Cancellation is not failure (STYLE.md 15). When a user or a pipeline
// interrupts a run, Terraform cancels the provider's contexts and waits for
// the operations in flight. A write whose request had left may have taken
// effect: finding out what it did, and recording it, is what keeps the state
// true, so that work runs on a context that survives the cancellation,
// bounded by a short deadline of its own. An error caused by the
// cancellation says "interrupted", never "timed out"; one caused by an
// operation's deadline says "timed out after" its timeout.

// bookkeepingTimeout bounds that work. Short, because a cancelled CI job is
// killed seconds after its interrupt (GitHub Actions sends SIGTERM 7.5 s
// after the SIGINT, and SIGKILL 2.5 s later), and Terraform exits at once on
// a second signal: the look-up must be done before then.
var bookkeepingTimeout = 5 * time.Second

// bookkeeping is ctx (its values: the log fields) without its cancellation,
// with a deadline of bookkeepingTimeout: for what an interrupted write must
// still do to keep the state true.
func bookkeeping(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), bookkeepingTimeout)
}

// finishing is ctx for what follows a write that took effect (settings
// after a create, reading the integration back): ctx's deadline still
// bounds it, but an interruption of ctx leaves it bookkeepingTimeout to
// finish rather than cancelling it at once.
func finishing(ctx context.Context) (context.Context, context.CancelFunc) {
	base := context.WithoutCancel(ctx)
	fctx, cancel := context.WithCancel(base)
	if deadline, ok := ctx.Deadline(); ok {
		fctx, cancel = context.WithDeadline(base, deadline)
	}
	stop := context.AfterFunc(ctx, func() {
		if interrupted(ctx) {
			time.AfterFunc(bookkeepingTimeout, cancel)
		}
	})
	return fctx, func() { stop(); cancel() }
}

// interrupted reports whether ctx, an operation's context, ended because
// Terraform cancelled it (the run was interrupted), not at its deadline.
func interrupted(ctx context.Context) bool { return errors.Is(ctx.Err(), context.Canceled) }

// timedOut reports whether ctx, an operation's context, reached its deadline
// (the operation's timeout).
func timedOut(ctx context.Context) bool { return errors.Is(ctx.Err(), context.DeadlineExceeded) }

// seconds spells a duration for a person: "90s", "0.5s".
func seconds(d time.Duration) string {
	if d >= time.Second {
		d = d.Round(time.Second)
	}
	return fmt.Sprintf("%gs", d.Seconds())
}

// interruptedSummary is e.g. "GitLab Integration Create Interrupted".
func (r *integrationResource[M, P, A]) interruptedSummary(verb string) string {
	return r.kind.title + " Integration " + verb + " Interrupted"
}

// lookUpAfterInterrupt looks for plan's integration in the list, on a
// bookkeeping context and so for up to bookkeepingTimeout (the list may lag
// behind a create): the integration, or nil and the last look's error (nil
// when the list answered without it).
func (r *integrationResource[M, P, A]) lookUpAfterInterrupt(ctx context.Context, org string, plan *M) (*A, error) {
	bctx, cancel := bookkeeping(ctx)
	defer cancel()
	var bound listcache.Bound
	var lastErr error
	wait := pollInterval
	for {
		found, seq, err := r.find(bctx, org, plan, bound)
		switch {
		case found != nil:
			return found, nil
		case err == nil:
			bound.After, lastErr = seq, nil
		case bctx.Err() == nil: // a look cut short by the deadline says nothing
			lastErr = err
		}
		if !sleepCtx(bctx, wait) {
			return nil, lastErr
		}
		wait = min(wait*2, time.Second)
	}
}

// createInterrupted ends a create that Terraform interrupted after its
// request had left: created is what the create answered, if it answered.
// Else the integration is looked up; found, it is the create's result (the
// caller records it, with createdDespiteInterrupt's warning). When the
// look-up cannot tell, the error says the create was interrupted, names the
// natural key and how to adopt what may exist.
func (r *integrationResource[M, P, A]) createInterrupted(ctx context.Context, org string, plan *M, created *A, diags *diag.Diagnostics) (*A, bool) {
	if created != nil {
		return created, true
	}
	k := r.kind
	found, err := r.lookUpAfterInterrupt(ctx, org, plan)
	if found != nil {
		tflog.Info(ctx, "the interrupted create took effect", map[string]any{"integration_id": k.idOf(found)})
		return found, true
	}
	key := k.describeKey(plan)
	outcome := fmt.Sprintf("It is not in the organization's list after %s, so it was most likely not created.", seconds(bookkeepingTimeout))
	if err != nil {
		outcome = "Whether it was created is unknown: looking it up failed (" + err.Error() + ")."
	}
	next := fmt.Sprintf("Run terraform apply again. It looks %s up first and never creates a second integration: "+
		"if one exists, it fails naming its id, and this adopts it:\n\n  terraform import %s %s",
		key, integrationImport(r.kind.typeName).typeName+".<name>", importID(org, "<integration_id>"))
	if _, adopts := r.hooks.(adopting[M]); adopts {
		next = "Run terraform apply again: it adopts the integration if it exists, and creates it otherwise."
	}
	diags.AddError(r.interruptedSummary("Create"), fmt.Sprintf(
		"Terraform was interrupted while creating the %s integration for %s in organization %s, after the request was sent. %s\n\n%s",
		k.title, key, org, outcome, next))
	return nil, false
}

// createdDespiteInterrupt is the warning of a create that Terraform
// interrupted but that took effect, and is recorded.
func (r *integrationResource[M, P, A]) createdDespiteInterrupt(org, id string, plan *M, diags *diag.Diagnostics) {
	diags.AddWarning(r.interruptedSummary("Create"), fmt.Sprintf(
		"Terraform was interrupted while creating the %s integration for %s, after the request was sent. "+
			"It was created (%s) and is recorded in the state, so the next terraform apply goes on from it.",
		r.kind.title, r.kind.describeKey(plan), importID(org, id)))
}

// deleteInterrupted ends a delete that Terraform interrupted after its
// request had left: a GET on a bookkeeping context tells whether it took
// effect. Gone, the delete succeeded (with a warning); else the error says
// interrupted, and the integration stays in the state for the next run.
func (r *integrationResource[M, P, A]) deleteInterrupted(ctx context.Context, org, id string, diags *diag.Diagnostics) {
	bctx, cancel := bookkeeping(ctx)
	defer cancel()
	_, err := r.kind.get(bctx, r.data.client, org, id)
	if client.IsNotFound(err) {
		diags.AddWarning(r.interruptedSummary("Delete"), fmt.Sprintf(
			"Terraform was interrupted while deleting the %s integration %s, after the request was sent. It is deleted.",
			r.kind.title, importID(org, id)))
		return
	}
	outcome := "It still exists, and stays in the state."
	if err != nil {
		outcome = "Whether it was deleted is unknown (reading it failed: " + err.Error() + "), so it stays in the state."
	}
	diags.AddError(r.interruptedSummary("Delete"), fmt.Sprintf(
		"Terraform was interrupted while deleting the %s integration %s, after the request was sent. %s\n\n"+
			"Run terraform apply (or destroy) again: it reads the integration first and deletes it if it is still there.",
		r.kind.title, importID(org, id), outcome))
}

// operationEnded adds the error of an operation (verb, e.g. "Read") whose
// context ended while err's request was waiting: interrupted, or timed out
// after limit, the operation's timeout (timeoutsAttr, e.g. "timeouts.read").
// doing says what it was doing ("Reading the GitLab integration acme/…").
// It reports false, adding nothing, when ctx has not ended: err is then the
// API's own answer.
func (r *integrationResource[M, P, A]) operationEnded(ctx context.Context, verb, doing, timeoutsAttr string, limit time.Duration,
	err error, diags *diag.Diagnostics) bool {
	switch {
	case interrupted(ctx):
		diags.AddError(r.interruptedSummary(verb), fmt.Sprintf(
			"%s was interrupted: Terraform stopped the run while %s was waiting.\n\nRun terraform again.",
			doing, r.waitingRequest(err)))
	case timedOut(ctx):
		diags.AddError(r.summary(verb), fmt.Sprintf(
			"%s timed out after %s (%s): %s had not answered.\n\n"+
				"Run terraform again when Pulumi Cloud answers faster, or raise %s (for example to %q).",
			doing, seconds(limit), timeoutsAttr, r.waitingRequest(err), timeoutsAttr, shortDuration(max(2*limit, time.Minute))))
	default:
		return false
	}
	return true
}

// waitingRequest names the request err came from: the shared list when a
// read waited on it (sharedListWait), else the request err names (the
// client puts the method and path first).
func (r *integrationResource[M, P, A]) waitingRequest(err error) string {
	var wait *sharedListWait
	if errors.As(err, &wait) {
		return fmt.Sprintf("the organization's %s list, GET %s, which the reads of a run share,",
			r.kind.title, r.data.client.IntegrationsPath(wait.Org, r.kind.apiKind))
	}
	var apiErr *client.APIError
	if errors.As(err, &apiErr) {
		return apiErr.Method + " " + apiErr.Path
	}
	return "the request (" + err.Error() + ")"
}

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

// updateInterrupted is the error of an update that Terraform interrupted
// after its PATCH had left. The framework keeps the prior state, from which
// the next plan reads the integration and plans whatever is still needed.
func (r *integrationResource[M, P, A]) updateInterrupted(org, id string, diags *diag.Diagnostics) {
	diags.AddError(r.interruptedSummary("Update"), fmt.Sprintf(
		"Terraform was interrupted while updating the settings of the %s integration %s, after the request was sent: "+
			"whether the update took effect is unknown. The state keeps the settings from before it.\n\n"+
			"Run terraform apply again: it reads the integration first and sends whatever is still needed.",
		r.kind.title, importID(org, id)))
}

// createLimit is plan's create timeout (timeouts.create or the default).
func (r *integrationResource[M, P, A]) createLimit(ctx context.Context, plan *M) time.Duration {
	d, _ := P(plan).operationTimeouts().Create(ctx, defaultCreateTimeout)
	return d
}

// readLimit is m's read timeout (timeouts.read or the default).
func readLimit[M any, P integrationModel[M]](ctx context.Context, m P) time.Duration {
	d, _ := m.operationTimeouts().Read(ctx, defaultReadTimeout)
	return d
}
