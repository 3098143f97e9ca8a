package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// What only some kinds do is not a field of integrationKind: a kind that
// needs it is its own type, embedding *integrationKind, with a method of one
// of the small interfaces below, written in that kind's file. The lifecycle
// checks for each interface where it would use it.

// kindOf is a kind's value: its integrationKind and, through its type, the
// optional behaviours below.
type kindOf[M any, A any] interface {
	core() *integrationKind[M, A]
}

// configValidating kinds have plan-time checks across attributes.
type configValidating interface {
	configValidators() []resource.ConfigValidator
}

// planChecking kinds check a plan after the shared ModifyPlan (not on
// destroy): e.g. inputs only a create needs, which an adopted integration's
// configuration may leave out.
type planChecking interface {
	modifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse)
}

// adopting kinds take over an integration already in the list rather than
// refuse it. When it is not there and the kind has no create, the create
// fails with notInstalled's detail, which says how to make it exist.
type adopting[M any] interface {
	notInstalled(ctx context.Context, c *client.Client, org string, m *M) string
}

// createRefusing kinds turn a known refusal of create into a plain error,
// before the generic handling.
type createRefusing[M any] interface {
	createRefused(org string, m *M, err error) (summary, detail string, ok bool)
}

// listingForCreate kinds list on their own for a create, noting on m what
// the list response says beyond its items.
type listingForCreate[M any, A any] interface {
	listFor(ctx context.Context, c *client.Client, org string, m *M) ([]A, error)
}

// createFinishing kinds finish a create once the integration exists (it was
// created, adopted, or found after an ambiguous answer): e.g. PATCH the
// settings the POST cannot carry. finishCreate returns the integration as it
// now is; when it fails, doing names what failed for the error ("applying
// its settings ...").
type createFinishing[M any, A any] interface {
	finishCreate(ctx context.Context, c *client.Client, org, id string, m *M, found *A) (finished *A, doing string, err error)
}

// deleteRefusing kinds turn a known refusal of delete into a plain error.
type deleteRefusing interface {
	deleteRefused(org, id string, err error) (summary, detail string, ok bool)
}

// completing kinds fill what the GET does not answer from elsewhere, e.g.
// from the shared list (sharedList).
type completing[M any] interface {
	complete(ctx context.Context, d *providerData, org string, m *M) error
}

// flagSettings is the finishCreate of the kinds whose POST cannot carry the
// disable_* flags (or that have no POST): unless the integration has the
// planned flags already, PATCH them. flags sets found's flags to m's (what
// the PATCH, which is absolute, makes of them) and reports whether any
// changed; setFlags writes it.
func flagSettings[M any, A any](ctx context.Context, c *client.Client, org, id string, m *M, found *A,
	flags func(m *M, a *A) bool, patch func(ctx context.Context, c *client.Client, org, id string, m *M) error) (*A, string, error) {
	configured := *found
	if !flags(m, &configured) {
		tflog.Debug(ctx, "the integration has the planned settings already; not patching them")
		return &configured, "", nil
	}
	if err := patch(ctx, c, org, id, m); err != nil {
		return nil, "applying its settings (the disable_* flags)", err
	}
	return &configured, "", nil
}

// setFlags sets each flag of an API struct (api[i]) to its planned value
// (planned[i]) and reports whether any changed. A planned value that is not
// known counts as a change and is left as it is, as the PATCH (which omits
// it) leaves it.
func setFlags(api []*bool, planned ...types.Bool) (changed bool) {
	for i, p := range planned {
		if p.IsNull() || p.IsUnknown() {
			changed = true
			continue
		}
		if *api[i] != p.ValueBool() {
			*api[i], changed = p.ValueBool(), true
		}
	}
	return changed
}
