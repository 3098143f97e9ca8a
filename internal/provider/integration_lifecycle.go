package provider

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// The integration resources share one lifecycle, written here once and
// parameterised by an integrationKind: the kinds differ in their create
// inputs, their API calls and their mapping, not in how create, read,
// update, delete, import, drift and 404s are handled.

// integrationBase holds the attributes every integration resource (and
// single-lookup data source) has. Models embed it by value.
type integrationBase struct {
	ID            types.String `tfsdk:"id"`
	Organization  types.String `tfsdk:"organization"`
	IntegrationID types.String `tfsdk:"integration_id"`
}

func (b *integrationBase) base() *integrationBase { return b }

// setIdentity records where the integration lives.
func (b *integrationBase) setIdentity(org, integrationID string) {
	b.Organization = types.StringValue(org)
	b.IntegrationID = types.StringValue(integrationID)
	b.ID = types.StringValue(importID(org, integrationID))
}

// baseModel constrains a model type M: a pointer to it exposes the embedded
// integrationBase.
type baseModel[M any] interface {
	*M
	base() *integrationBase
}

// integrationModel constrains a kind's resource model type M: a pointer to
// it exposes the embedded integrationBase and withTimeouts.
type integrationModel[M any] interface {
	baseModel[M]
	operationTimeouts() *timeouts.Value
}

// integrationKind is what every integration kind fills for the shared
// lifecycle. M is the resource model, A the client's API struct. What only
// some kinds do is an optional interface of the kind's own type
// (integration_kind_hooks.go).
type integrationKind[M any, A any] struct {
	typeName string // e.g. "gitlab_integration"
	title    string // e.g. "GitLab", used in summaries: "Unable to Create GitLab Integration"
	apiKind  string // the API's path segment, …/integrations/<apiKind>: e.g. "gitlab", for messages naming a request
	schema   func() rschema.Schema

	list func(ctx context.Context, c *client.Client, org string) ([]A, error)
	get  func(ctx context.Context, c *client.Client, org, id string) (*A, error)
	idOf func(a *A) string

	// displayName names a listed integration for `terraform query`, e.g.
	// "GitLab group acme/platform".
	displayName func(a *A) string

	// describeKey names the natural key of a planned integration, e.g.
	// "GitLab group 7001"; matches finds it in the list.
	describeKey func(m *M) string
	matches     func(m *M, a *A) bool

	// create POSTs a new integration (the write-only inputs are only in
	// cfg) and returns it when the POST answers it (a 201), or nil when it
	// must be found in the list (a 204). Only an adopting kind may have
	// none: it adopts what is there.
	create func(ctx context.Context, c *client.Client, org string, m *M, cfg tfsdk.Config) (*A, error)

	// patch sends every in-place setting of m (PATCH with explicit values).
	patch func(ctx context.Context, c *client.Client, org, id string, m *M) error
	// listIsDetails: a list item carries every field the GET answers (the
	// spec's same Details type), so a create maps the item it found in the
	// list rather than reading the integration back.
	listIsDetails bool

	del func(ctx context.Context, c *client.Client, org, id string) error

	// fromAPI maps a GET answer into m, which holds the prior values (state,
	// plan or config) for the attributes the API does not answer.
	fromAPI func(ctx context.Context, a *A, m *M) diag.Diagnostics
}

func (k *integrationKind[M, A]) core() *integrationKind[M, A] { return k }

// Polling bounds of create: how long a new integration may take to appear in
// the list, and how long to look after an ambiguous failure before resending.
// Every resend is preceded by such a look, so the create resends until its
// timeout (timeouts.create), keeping lastLookReserve at most for a last look;
// between attempts it waits the server's Retry-After (capped at
// maxCreateRetryWait, counted from the failed answer), or else
// createBackoffUnit times the attempt number (same cap), both jittered.
var (
	createVisibilityTimeout = 30 * time.Second
	ambiguousLookTimeout    = 3 * time.Second
	pollInterval            = 200 * time.Millisecond
	maxCreateRetryWait      = 30 * time.Second
	createBackoffUnit       = time.Second
	lastLookReserve         = 15 * time.Second
)

// integrationResource is the shared implementation of the integration
// resources.
type integrationResource[M any, P integrationModel[M], A any] struct {
	kind  *integrationKind[M, A]
	hooks kindOf[M, A] // the kind's own value, for its optional behaviours
	data  *providerData
}

// newIntegrationResource is the resource of kind k.
func newIntegrationResource[M any, P integrationModel[M], A any](k kindOf[M, A]) *integrationResource[M, P, A] {
	return &integrationResource[M, P, A]{kind: k.core(), hooks: k}
}

func (r *integrationResource[M, P, A]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.kind.typeName
}

func (r *integrationResource[M, P, A]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.built().schema
}

func (r *integrationResource[M, P, A]) ConfigValidators(context.Context) []resource.ConfigValidator {
	if v, ok := r.hooks.(configValidating); ok {
		return v.configValidators()
	}
	return nil
}

func (r *integrationResource[M, P, A]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (r *integrationResource[M, P, A]) summary(verb string) string {
	return "Unable to " + verb + " " + r.kind.title + " Integration"
}

// importHint tells how to bring an existing integration under Terraform.
func (r *integrationResource[M, P, A]) importHint(org, id string) string {
	return integrationImport(r.kind.typeName).importHint(importTarget{org: org, integrationID: id})
}

// ModifyPlan sets organization from the provider's default when the
// configuration leaves it out, and errors at plan time when neither is set.
func (r *integrationResource[M, P, A]) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !planOrganization(ctx, r.data, req, resp) {
		return
	}
	if p, ok := r.hooks.(planChecking); ok && !resp.Diagnostics.HasError() {
		p.modifyPlan(ctx, req, resp)
	}
}

// planOrganization sets organization in the plan from the provider's
// default when the configuration leaves it out, errors when neither is set,
// and replaces when it changes. It reports whether the plan goes on (not a
// destroy, no error, organization known).
func planOrganization(ctx context.Context, data *providerData, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	if req.Plan.Raw.IsNull() { // destroy
		return false
	}
	var configured, prior types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("organization"), &configured)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("organization"), &prior)...)
	}
	if resp.Diagnostics.HasError() || configured.IsUnknown() {
		return false
	}
	var org string
	switch {
	case !configured.IsNull():
		org = configured.ValueString()
	case data != nil && data.organization != "":
		org = data.organization
	case !prior.IsNull() && prior.ValueString() != "":
		org = prior.ValueString() // keep an existing resource where it is
	default:
		data.resolveOrganization(configured, &resp.Diagnostics) // adds the error
		return false
	}
	// The plan holds the configured value, or else the prior one
	// (UseStateForUnknown): set it only when it is neither, since a
	// SetAttribute rewrites the whole plan value.
	if configured.IsNull() && (prior.IsNull() || prior.ValueString() != org) {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("organization"), org)...)
	}
	if !prior.IsNull() && prior.ValueString() != org {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("organization"))
	}
	return !resp.Diagnostics.HasError()
}

func (r *integrationResource[M, P, A]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	b := P(&plan).base()
	org := r.data.resolveOrganization(b.Organization, &resp.Diagnostics)
	ctx, cancel := withOperationTimeout(ctx, P(&plan).operationTimeouts().Create, defaultCreateTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	c := r.data.client
	ctx = tflog.SetField(ctx, "organization", org)

	// found is the integration's list item, as it was after the create.
	found, ok := r.createOrAdopt(ctx, c, org, &plan, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	// It exists: what follows finishes even when Terraform interrupts the
	// run (interruption.go), so that the state records it.
	opCtx := ctx
	ctx, finished := finishing(ctx)
	defer finished()
	id := r.kind.idOf(found)
	ctx = tflog.SetField(ctx, "integration_id", id)
	b.setIdentity(org, id)

	a := found
	if f, ok := r.hooks.(createFinishing[M, A]); ok {
		finished, doing, err := f.finishCreate(ctx, c, org, id, &plan, found)
		if err != nil {
			r.keepIdentity(ctx, resp, org, id)
			addAPIError(&resp.Diagnostics, r.summary("Configure"),
				fmt.Sprintf("The %s integration %s exists, but %s failed.", r.kind.title, importID(org, id), doing),
				"Terraform has recorded it as tainted; run terraform apply again.", err)
			return
		}
		a = finished
	}
	if !r.kind.listIsDetails {
		var err error
		if a, err = r.kind.get(ctx, c, org, id); err != nil {
			r.keepIdentity(ctx, resp, org, id)
			addAPIError(&resp.Diagnostics, r.summary("Read"),
				fmt.Sprintf("The %s integration %s exists, but reading it back failed.", r.kind.title, importID(org, id)),
				"Terraform has recorded it as tainted; run terraform apply again.", err)
			return
		}
	}
	resp.Diagnostics.Append(r.settle(ctx, org, id, a, &plan)...)
	tflog.Info(ctx, "created integration", map[string]any{"kind": r.kind.typeName})
	if interrupted(opCtx) {
		r.createdDespiteInterrupt(org, id, &plan, &resp.Diagnostics)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, org, id)...)
}

// keepIdentity records a created integration whose create failed half-way,
// so Terraform tracks (and taints) it rather than forgetting it.
func (r *integrationResource[M, P, A]) keepIdentity(ctx context.Context, resp *resource.CreateResponse, org, id string) {
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), importID(org, id))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("organization"), org)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("integration_id"), id)...)
	resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, org, id)...)
}

// createOrAdopt makes the integration exist exactly once and returns its
// list item.
func (r *integrationResource[M, P, A]) createOrAdopt(ctx context.Context, c *client.Client, org string, plan *M, cfg tfsdk.Config, diags *diag.Diagnostics) (*A, bool) {
	k := r.kind
	key := k.describeKey(plan)
	existing, _, err := r.find(ctx, org, plan, beforeCreate)
	if err != nil && r.operationEnded(ctx, "Create", "Looking up whether "+key+" is integrated already (before creating it)",
		"timeouts.create", r.createLimit(ctx, plan), err, diags) {
		return nil, false
	}
	if err != nil {
		addAPIError(diags, r.summary("Create"),
			fmt.Sprintf("Listing the %s integrations of organization %s, to check whether %s is integrated already, failed.", k.title, org, key),
			"Check the organization name and that the access token may manage its integrations, then run terraform apply again.", err)
		return nil, false
	}
	adopter, adopts := r.hooks.(adopting[M])
	switch {
	case adopts && existing != nil:
		tflog.Debug(ctx, "adopting the existing integration", map[string]any{"integration_id": k.idOf(existing)})
		return existing, true
	case adopts && k.create == nil:
		diags.AddError(r.summary("Create"), adopter.notInstalled(ctx, c, org, plan))
		return nil, false
	case existing != nil:
		id := k.idOf(existing)
		diags.AddError(r.summary("Create"), fmt.Sprintf(
			"A %s integration for %s already exists in organization %s (integration id %s).\n\n%s",
			k.title, key, org, id, r.importHint(org, id)))
		return nil, false
	}

	// Resends are bounded by the create timeout (ctx's deadline), less a
	// reserve for one last look: whatever the attempts did, the state then
	// keeps what was created.
	start := time.Now()
	loopCtx, cancel := context.WithDeadline(ctx, resendDeadline(ctx, start))
	defer cancel()
	ambiguous := false
	for attempt := 1; ; attempt++ {
		created, err := k.create(loopCtx, c, org, plan, cfg)
		if refuser, ok := r.hooks.(createRefusing[M]); ok && err != nil {
			if summary, detail, ok := refuser.createRefused(org, plan, err); ok {
				diags.AddError(summary, detail)
				return nil, false
			}
		}
		if interrupted(ctx) && (err == nil || client.IsAmbiguous(err)) {
			return r.createInterrupted(ctx, org, plan, created, diags) // the request left: find what it did
		}
		switch {
		case err == nil:
			if created != nil {
				return created, true
			}
			item, lerr := r.await(ctx, org, plan, createVisibilityTimeout)
			if item != nil {
				return item, true
			}
			if interrupted(ctx) {
				return r.createInterrupted(ctx, org, plan, nil, diags)
			}
			addAPIError(diags, r.summary("Create"),
				fmt.Sprintf("Pulumi Cloud accepted the %s integration for %s, but it did not appear in the organization's list within %s.", k.title, key, createVisibilityTimeout),
				"It may appear shortly. Run terraform apply again: the create looks the integration up first and will tell you how to import it.", lerr)
			return nil, false

		case client.IsConflict(err):
			// It exists. After an ambiguous attempt of ours it is most likely
			// that one, which the list may still be catching up with.
			timeout := ambiguousLookTimeout
			if ambiguous {
				timeout = createVisibilityTimeout
			}
			item, _ := r.await(ctx, org, plan, timeout)
			id := ""
			if item != nil {
				id = k.idOf(item)
			}
			if ambiguous && item != nil {
				// An earlier attempt of ours succeeded after all.
				tflog.Info(ctx, "an earlier ambiguous create succeeded", map[string]any{"integration_id": id})
				return item, true
			}
			if ambiguous && interrupted(ctx) {
				return r.createInterrupted(ctx, org, plan, nil, diags)
			}
			addAPIError(diags, r.summary("Create"),
				fmt.Sprintf("A %s integration for %s already exists in organization %s.", k.title, key, org),
				r.importHint(org, id), err)
			return nil, false

		case client.IsAmbiguous(err):
			ambiguous = true
			answered := time.Now()
			tflog.Warn(ctx, "the create answered ambiguously; looking it up before anything else", map[string]any{
				"attempt": attempt, "status": client.StatusCode(err), "retry_after": client.RetryAfter(err).String(),
			})
			// Never resend without a look that answered: a failed look is
			// repeated until one answers or time runs out.
			item, lerr := r.await(loopCtx, org, plan, ambiguousLookTimeout)
			for item == nil && lerr != nil && loopCtx.Err() == nil {
				item, lerr = r.await(loopCtx, org, plan, ambiguousLookTimeout)
			}
			if item != nil {
				return item, true
			}
			wait := resendWait(err, attempt, time.Since(answered))
			if lerr != nil || time.Until(deadlineOf(loopCtx)) < wait {
				return r.createTimedOut(ctx, org, plan, key, err, attempt, start, diags)
			}
			tflog.Debug(ctx, "not in the list; resending the create", map[string]any{
				"attempt": attempt + 1, "wait": wait.String(),
			})
			if !sleepCtx(loopCtx, wait) {
				return r.createTimedOut(ctx, org, plan, key, err, attempt, start, diags)
			}

		default:
			addAPIError(diags, r.summary("Create"),
				fmt.Sprintf("Pulumi Cloud refused the %s integration for %s in organization %s.", k.title, key, org),
				"Check the inputs (and that the access token may manage the organization's integrations).", err)
			return nil, false
		}
	}
}

// createTimedOut ends a create whose resends ran out of time: one last look
// (in the reserve kept for it, and whose answer supersedes the loop's)
// finds an attempt that took effect after all;
// else one error names the last answer, how long the create tried, and that
// applying again is safe.
func (r *integrationResource[M, P, A]) createTimedOut(ctx context.Context, org string, plan *M, key string,
	last error, attempts int, start time.Time, diags *diag.Diagnostics) (*A, bool) {
	if interrupted(ctx) { // the time did not run out: Terraform stopped the run
		return r.createInterrupted(ctx, org, plan, nil, diags)
	}
	k := r.kind
	item, _, err := r.find(ctx, org, plan, listcache.Bound{})
	if item != nil {
		tflog.Info(ctx, "an ambiguous create succeeded after all", map[string]any{"integration_id": k.idOf(item)})
		return item, true
	}
	outcome := "It is not in the organization's list, so nothing was created."
	if err != nil {
		outcome = "Whether an attempt took effect is unknown: looking it up failed too (" + err.Error() + ")."
	}
	status := "no answer"
	if code := client.StatusCode(last); code != 0 {
		status = fmt.Sprintf("HTTP %d", code)
	}
	addAPIError(diags, r.summary("Create"),
		fmt.Sprintf("Creating the %s integration for %s did not succeed within the create timeout: it tried for %s "+
			"(%d attempts, each after looking the integration up), and the last attempt got %s. %s",
			k.title, key, time.Since(start).Round(time.Second), attempts, status, outcome),
		"Running terraform apply again is safe: the create looks the integration up first, so it never makes a second one. "+
			"To keep trying for longer, raise timeouts.create.", last)
	return nil, false
}

// resendDeadline is when the create stops resending: its deadline less a
// reserve (a tenth of the time, at most lastLookReserve) for the last look.
func resendDeadline(ctx context.Context, start time.Time) time.Time {
	end := deadlineOf(ctx)
	return end.Add(-min(end.Sub(start)/10, lastLookReserve))
}

// deadlineOf is ctx's deadline; a context without one (never the case in
// CRUD, which sets the operation's timeout) gets the default create timeout.
func deadlineOf(ctx context.Context) time.Time {
	if d, ok := ctx.Deadline(); ok {
		return d
	}
	return time.Now().Add(defaultCreateTimeout)
}

// resendWait is how long to wait, after looking, before resending a create
// that answered err `elapsed` ago. A Retry-After (capped at
// maxCreateRetryWait) counts from the answer, so time spent looking is time
// waited; without one the wait grows with the attempt, up to the same cap.
// Up to a fifth is added as jitter, so parallel creates refused together do
// not come back together.
func resendWait(err error, attempt int, elapsed time.Duration) time.Duration {
	base := min(time.Duration(attempt)*createBackoffUnit, maxCreateRetryWait)
	wait := base
	if ra := client.RetryAfter(err); ra > 0 {
		base = min(ra, maxCreateRetryWait)
		wait = max(base-elapsed, 0)
	}
	return wait + time.Duration(rand.Float64()*float64(base)/5)
}

// find returns the integration whose natural key matches plan, or nil, from
// a shared list within bound that started after this process's last write
// to org, and that list's number. A kind that lists for a create
// (listingForCreate) lists on its own every time.
func (r *integrationResource[M, P, A]) find(ctx context.Context, org string, plan *M, bound listcache.Bound) (*A, uint64, error) {
	var items []A
	var seq uint64
	var err error
	if l, ok := r.hooks.(listingForCreate[M, A]); ok {
		items, err = l.listFor(ctx, r.data.client, org, plan)
	} else {
		items, seq, err = sharedList(ctx, r.data, r.kind.typeName, org, bound, r.kind.list)
	}
	if err != nil {
		return nil, seq, err
	}
	for i := range items {
		if r.kind.matches(plan, &items[i]) {
			return &items[i], seq, nil
		}
	}
	return nil, seq, nil
}

// await polls the list for plan's natural key for up to timeout (the list is
// eventually consistent) and returns its item, or nil. Each look is a list
// that started after the previous one and after this process's last write,
// so after a POST it is never answered from before the POST returned.
func (r *integrationResource[M, P, A]) await(ctx context.Context, org string, plan *M, timeout time.Duration) (*A, error) {
	deadline := time.Now().Add(timeout)
	wait := pollInterval
	var bound listcache.Bound
	for {
		found, seq, err := r.find(ctx, org, plan, bound)
		if err == nil && found != nil {
			return found, nil
		}
		if err == nil {
			bound.After = seq
		}
		remaining := time.Until(deadline)
		if remaining <= 0 {
			return nil, err
		}
		if !sleepCtx(ctx, min(wait, remaining)) {
			return nil, ctx.Err()
		}
		wait = min(wait*2, 2*time.Second)
	}
}

// located returns where a stored integration lives, with both in the log context.
func located(ctx context.Context, b *integrationBase) (context.Context, string, string) {
	org, id := b.Organization.ValueString(), b.IntegrationID.ValueString()
	ctx = tflog.SetField(ctx, "organization", org)
	ctx = tflog.SetField(ctx, "integration_id", id)
	return ctx, org, id
}

// settle maps the read-back after a create or update into m. What the GET
// does not answer is completed on a best-effort basis: the next refresh
// completes it, so a failed list must not fail a write that succeeded.
func (r *integrationResource[M, P, A]) settle(ctx context.Context, org, id string, a *A, m *M) diag.Diagnostics {
	diags := r.kind.fromAPI(ctx, a, m)
	if c, ok := r.hooks.(completing[M]); ok {
		if err := c.complete(ctx, r.data, org, m); err != nil {
			tflog.Warn(ctx, "could not complete the integration from the list", map[string]any{"error": err.Error()})
		}
	}
	P(m).base().setIdentity(org, id)
	return diags
}

func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (r *integrationResource[M, P, A]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := withOperationTimeout(ctx, P(&state).operationTimeouts().Read, defaultReadTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, org, id := located(ctx, P(&state).base())
	k := r.kind

	a, err := currentIntegration(ctx, r.data, k.typeName, org, id, k.listIsDetails, k.list, k.get, k.idOf)
	if client.IsNotFound(err) {
		tflog.Warn(ctx, "integration not found; removing it from state", map[string]any{"kind": r.kind.typeName})
		// The framework wants an identity even then (a client that keeps
		// none, such as Terraform 1.11, sent none).
		resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, org, id)...)
		resp.State.RemoveResource(ctx)
		return
	}
	doing := fmt.Sprintf("Reading the %s integration %s", r.kind.title, importID(org, id))
	if err != nil && r.operationEnded(ctx, "Read", doing, "timeouts.read", readLimit(ctx, P(&state)), err, &resp.Diagnostics) {
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, r.summary("Read"),
			fmt.Sprintf("Reading the %s integration %s failed.", r.kind.title, importID(org, id)),
			"Check that the access token may read the organization's integrations, then try again.", err)
		return
	}
	resp.Diagnostics.Append(r.kind.fromAPI(ctx, a, &state)...)
	if c, ok := r.hooks.(completing[M]); ok {
		if err := c.complete(ctx, r.data, org, &state); err != nil {
			if r.operationEnded(ctx, "Read", doing, "timeouts.read", readLimit(ctx, P(&state)), err, &resp.Diagnostics) {
				return
			}
			addAPIError(&resp.Diagnostics, r.summary("Read"),
				fmt.Sprintf("Listing the %s integrations of organization %s (for the settings the GET does not answer) failed.", r.kind.title, org),
				"Try again.", err)
			return
		}
	}
	P(&state).base().setIdentity(org, id) // the API's own id field is not trusted (Azure DevOps answers none)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, org, id)...)
}

func (r *integrationResource[M, P, A]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := withOperationTimeout(ctx, P(&plan).operationTimeouts().Update, defaultUpdateTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, org, id := located(ctx, P(&state).base())
	c := r.data.client

	if err := r.kind.patch(ctx, c, org, id, &plan); err != nil {
		if interrupted(ctx) && client.IsAmbiguous(err) {
			r.updateInterrupted(org, id, &resp.Diagnostics)
			return
		}
		if limit, _ := P(&plan).operationTimeouts().Update(ctx, defaultUpdateTimeout); r.operationEnded(ctx, "Update",
			fmt.Sprintf("Updating the settings of the %s integration %s", r.kind.title, importID(org, id)), "timeouts.update", limit, err, &resp.Diagnostics) {
			return
		}
		next := "Check that the access token may manage the organization's integrations, then try again."
		if client.IsNotFound(err) {
			next = "It was deleted outside Terraform; run terraform apply again to re-create it."
		}
		addAPIError(&resp.Diagnostics, r.summary("Update"),
			fmt.Sprintf("Updating the settings of the %s integration %s failed.", r.kind.title, importID(org, id)), next, err)
		return
	}
	// It took effect: reading it back finishes even when Terraform
	// interrupts the run (interruption.go).
	ctx, finished := finishing(ctx)
	defer finished()
	a, err := r.kind.get(ctx, c, org, id)
	if err != nil {
		addAPIError(&resp.Diagnostics, r.summary("Read"),
			fmt.Sprintf("The %s integration %s was updated, but reading it back failed.", r.kind.title, importID(org, id)),
			"Run terraform apply again.", err)
		return
	}
	resp.Diagnostics.Append(r.settle(ctx, org, id, a, &plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
	r.keepPlannedStable(ctx, req.Plan, &resp.State, &resp.Diagnostics)
	resp.Diagnostics.Append(setIntegrationIdentity(ctx, resp.Identity, org, id)...)
}

func (r *integrationResource[M, P, A]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, cancel := withOperationTimeout(ctx, P(&state).operationTimeouts().Delete, defaultDeleteTimeout, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, org, id := located(ctx, P(&state).base())

	err := r.kind.del(ctx, r.data.client, org, id)
	if err == nil || client.IsNotFound(err) {
		return
	}
	if interrupted(ctx) && client.IsAmbiguous(err) {
		r.deleteInterrupted(ctx, org, id, &resp.Diagnostics) // the request left: did it take effect?
		return
	}
	if limit, _ := P(&state).operationTimeouts().Delete(ctx, defaultDeleteTimeout); r.operationEnded(ctx, "Delete",
		fmt.Sprintf("Deleting the %s integration %s (it is still in the state)", r.kind.title, importID(org, id)), "timeouts.delete", limit, err, &resp.Diagnostics) {
		return
	}
	if refuser, ok := r.hooks.(deleteRefusing); ok {
		if summary, detail, ok := refuser.deleteRefused(org, id, err); ok {
			resp.Diagnostics.AddError(summary, detail)
			return
		}
	}
	addAPIError(&resp.Diagnostics, r.summary("Delete"),
		fmt.Sprintf("Deleting the %s integration %s failed; it is still in the state.", r.kind.title, importID(org, id)),
		"Run terraform destroy (or apply) again.", err)
}

func (r *integrationResource[M, P, A]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	integrationImport(r.kind.typeName).importState(ctx, req, resp, r.data)
}
