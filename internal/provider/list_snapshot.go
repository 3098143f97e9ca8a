package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// Reads of integrations share lists (internal/listcache): a refresh of N
// integrations of a kind costs one list, not N GETs, and parallel creates
// share their look-ups. The client tells the cache of every write
// (client.Config.OnWrite), so no read answers from before this process's
// own write. A list only ever proves presence: an integration missing from
// one is confirmed gone by a GET (its 404) before it leaves the state.

// sharedList returns kind's list of org's integrations from a list that
// started after the list numbered `after` (0: any) and after this process's
// last write to org, and that list's number. typeName keys the list, so a
// resource and the matching data source share it. The items are shared:
// do not modify them.
func sharedList[A any](ctx context.Context, d *providerData, typeName, org string, after uint64,
	list func(ctx context.Context, c *client.Client, org string) ([]A, error),
) ([]A, uint64, error) {
	if d.lists == nil {
		items, err := list(ctx, d.client, org)
		return items, 0, err
	}
	return listcache.Get(ctx, d.lists, listcache.Key{Org: org, Kind: typeName}, after,
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
		items, _, err := sharedList(ctx, d, typeName, org, 0, list)
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
