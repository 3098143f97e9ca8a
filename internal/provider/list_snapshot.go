package provider

import (
	"context"
	"net/http"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// Reads of integrations share lists (internal/listcache): a refresh of N
// integrations of a kind costs one list, not N GETs, and parallel creates
// share their look-ups. The client tells the cache of every write
// (client.Config.OnWrite, writeNotifier), so no read answers from before
// this process's own write. A list only ever proves presence: an
// integration missing from one is confirmed gone by a GET (its 404) before
// it leaves the state.

// writeNotifier is the client's OnWrite: it tells lists of every write, a
// POST (which only creates or adds) as an addition.
func writeNotifier(lists *listcache.Cache) func(org, method string) (returned func()) {
	return func(org, method string) func() {
		if method == http.MethodPost {
			return lists.WriteAdding(org)
		}
		return lists.Write(org)
	}
}

// beforeCreate is the bound of the list a create's look-up before its own
// POST needs: one that started after every write of this process to the
// organization that returned, other than additions. Another create's POST
// cannot make this create's natural key present (two resources with one
// key are a 409, which the create handles), and this one's has not been
// sent; any other write (a delete, a rename) can change the answer. So the
// creates of a burst find their keys absent in the list that answered the
// previous creates' look-ups after their POSTs, and a burst costs about one
// list per wave of parallel creates, not one per two creates.
var beforeCreate = listcache.Bound{IgnoreAdditions: true}

// sharedList returns kind's list of org's integrations from a list within
// bound (listcache.Get) that started after this process's last write to
// org, and that list's number.
// typeName keys the list, so a resource and the matching data source share
// it. The items are shared: do not modify them.
func sharedList[A any](ctx context.Context, d *providerData, typeName, org string, bound listcache.Bound,
	list func(ctx context.Context, c *client.Client, org string) ([]A, error),
) ([]A, uint64, error) {
	if d.lists == nil {
		items, err := list(ctx, d.client, org)
		return items, 0, err
	}
	return listcache.Get(ctx, d.lists, listcache.Key{Org: org, Kind: typeName}, bound,
		func(ctx context.Context) ([]A, error) {
			tflog.Debug(ctx, "listing integrations for the process's shared snapshot", map[string]any{"kind": typeName})
			return list(ctx, d.client, org)
		})
}

// byID returns the item of items whose id is id, or nil.
func byID[A any](items []A, idOf func(*A) string, id string) *A {
	for i := range items {
		if idOf(&items[i]) == id {
			return &items[i]
		}
	}
	return nil
}

// currentIntegration is integration id as the API has it now: the shared
// list's item when the list carries every field the GET answers
// (listIsDetails) and holds it, else the GET's answer, which alone may say
// it is gone (a 404). A failed list falls back to the GET as well, unless
// ctx ended meanwhile: then the error is a *sharedListWait, which names the
// list as the request that was waiting.
func currentIntegration[A any](ctx context.Context, d *providerData, typeName, org, id string, listIsDetails bool,
	list func(ctx context.Context, c *client.Client, org string) ([]A, error),
	get func(ctx context.Context, c *client.Client, org, id string) (*A, error),
	idOf func(*A) string,
) (*A, error) {
	if listIsDetails {
		items, _, err := sharedList(ctx, d, typeName, org, listcache.Bound{}, list)
		switch {
		case err != nil && ctx.Err() != nil:
			// The read's time ran out (or it was interrupted) while the list
			// was what it waited on: that is the error, not a GET that
			// could not even start.
			return nil, &sharedListWait{Org: org, TypeName: typeName, Err: err}
		case err != nil:
			tflog.Warn(ctx, "listing failed; reading the integration on its own", map[string]any{"error": err.Error()})
		default:
			if a := byID(items, idOf, id); a != nil {
				return a, nil
			}
			tflog.Debug(ctx, "not in the list; confirming with a GET before anything leaves the state")
		}
	}
	return get(ctx, d.client, org, id)
}

// sharedCustomVCSIntegration is custom VCS integration id as a GET that
// started after the GET numbered `after` (0: any) and after this process's
// last write to org answered it, nil when that GET answered 404, and the
// GET's number. Its repositories are read through it: a refresh of N
// pulumicloud_custom_vcs_repository of one integration costs one GET, not N
// GETs of N repositories each. The integration is shared: do not modify it.
func sharedCustomVCSIntegration(ctx context.Context, d *providerData, org, id string, after uint64) (*client.CustomVCSIntegration, uint64, error) {
	get := func(ctx context.Context) ([]client.CustomVCSIntegration, error) {
		in, err := d.client.GetCustomVCSIntegration(ctx, org, id)
		switch {
		case client.IsNotFound(err):
			return nil, nil // gone: an answer too, shared like any other
		case err != nil:
			return nil, err
		}
		return []client.CustomVCSIntegration{*in}, nil
	}
	var got []client.CustomVCSIntegration
	var seq uint64
	var err error
	if d.lists == nil {
		got, err = get(ctx)
	} else {
		got, seq, err = listcache.Get(ctx, d.lists, listcache.Key{Org: org, Kind: "custom_vcs_integration/" + id},
			listcache.Bound{After: after}, func(ctx context.Context) ([]client.CustomVCSIntegration, error) {
				tflog.Debug(ctx, "reading the custom VCS integration for the process's shared snapshot of its repositories")
				return get(ctx)
			})
	}
	if err != nil || len(got) == 0 {
		return nil, seq, err
	}
	return &got[0], seq, nil
}
