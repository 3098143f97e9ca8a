package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// The per-kind data sources, written once: a single lookup (by
// integration_id or a natural key) exposing the resource's attributes, and a
// list exposing every field the per-kind list endpoint answers. Each kind's
// files only describe selectors and mapping.

// integrationLookup describes one kind's single-lookup data source. D is its
// model (embedding integrationBase), A the client's API struct.
type integrationLookup[D any, A any] struct {
	typeName    string // e.g. "gitlab_integration"
	title       string // e.g. "GitLab"
	description string
	fields      []fieldSpec // the computed attributes (the resource's)
	// selectors are the natural keys it may be looked up by, besides
	// integration_id; each is one of fields, made optional.
	selectors map[string]lookupSelector[D, A]
	list      func(ctx context.Context, c *client.Client, org string) ([]A, error)
	get       func(ctx context.Context, c *client.Client, org, id string) (*A, error)
	idOf      func(a *A) string
	// listIsDetails: a list item carries every field the GET answers, so
	// the item found is the answer and no GET follows.
	listIsDetails bool
	fromAPI       func(ctx context.Context, a *A, d *D) diag.Diagnostics
	complete      func(ctx context.Context, d *providerData, org string, m *D) error // optional
}

// lookupSelector is one natural key of a single-lookup data source.
type lookupSelector[D any, A any] struct {
	desc       string
	validators any // []validator.String or []validator.Int64, by the field's type
	// value is the configured key (null when not set); matches reports
	// whether a list item has it.
	value   func(cfg *D) attr.Value
	matches func(cfg *D, a *A) bool
}

// attribute is the selector as an optional (and computed) attribute, of
// the spelling type of its field, if any.
func (s lookupSelector[D, A]) attribute(spelling basetypes.StringTypable) dschema.Attribute {
	if v, ok := s.validators.([]validator.Int64); ok {
		return dschema.Int64Attribute{MarkdownDescription: s.desc, Optional: true, Computed: true, Validators: v}
	}
	v, _ := s.validators.([]validator.String)
	return dschema.StringAttribute{MarkdownDescription: s.desc, Optional: true, Computed: true, Validators: v, CustomType: spelling}
}

// chosen is the selector set in cfg (ExactlyOneOf guarantees at most one)
// and its name, or false when it is looked up by integration_id.
func (k *integrationLookup[D, A]) chosen(cfg *D) (string, lookupSelector[D, A], bool) {
	for _, name := range sortedKeys(k.selectors) {
		if s := k.selectors[name]; !s.value(cfg).IsNull() {
			return name, s, true
		}
	}
	return "", lookupSelector[D, A]{}, false
}

// selected reports whether a matches the natural-key selector set in cfg.
func (k *integrationLookup[D, A]) selected(cfg *D, a *A) bool {
	_, s, ok := k.chosen(cfg)
	return ok && s.matches(cfg, a)
}

// describe names the selector set in cfg, e.g. `gitlab_group_id = 7001`.
func (k *integrationLookup[D, A]) describe(cfg *D) string {
	name, s, ok := k.chosen(cfg)
	if !ok {
		return "no selector"
	}
	return name + " = " + s.value(cfg).String()
}

func (k *integrationLookup[D, A]) selectorAttributes() map[string]dschema.Attribute {
	spellings := map[string]basetypes.StringTypable{}
	for _, f := range k.fields {
		spellings[f.name] = f.spelling
	}
	out := make(map[string]dschema.Attribute, len(k.selectors))
	for name, s := range k.selectors {
		out[name] = s.attribute(spellings[name])
	}
	return out
}

// lookupModel constrains a single-lookup data source model D: a pointer to
// it exposes the embedded integrationBase and withReadTimeout.
type lookupModel[D any] interface {
	baseModel[D]
	readTimeout() *withReadTimeout
}

type integrationDataSource[D any, P lookupModel[D], A any] struct {
	kind *integrationLookup[D, A]
	data *providerData
}

func (d *integrationDataSource[D, P, A]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind.typeName
}

func (d *integrationDataSource[D, P, A]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	var names []string
	for _, n := range sortedKeys(d.kind.selectors) {
		names = append(names, "`"+n+"`")
	}
	resp.Schema = dschema.Schema{
		MarkdownDescription: d.kind.description + " Select it with exactly one of `integration_id`, " + strings.Join(names, ", ") +
			". Exposes the same attributes as the `pulumicloud_" + d.kind.typeName + "` resource.",
		Attributes: mergeAttributes(
			dataSourceAttributes(d.kind.fields, d.kind.selectorAttributes()),
			integrationBaseDataSourceAttributes(d.kind.title),
			map[string]dschema.Attribute{timeoutsAttr: dataSourceTimeoutsAttribute()},
		),
	}
}

func (d *integrationDataSource[D, P, A]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	exprs := []path.Expression{path.MatchRoot("integration_id")}
	for _, n := range sortedKeys(d.kind.selectors) {
		exprs = append(exprs, path.MatchRoot(n))
	}
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(exprs...)}
}

func (d *integrationDataSource[D, P, A]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *integrationDataSource[D, P, A]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg D
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	P(&cfg).readTimeout().boundedRead(ctx, &resp.Diagnostics, func(ctx context.Context) { d.read(ctx, &cfg, resp) })
}

// read looks the integration cfg selects up and sets the state.
func (d *integrationDataSource[D, P, A]) read(ctx context.Context, cfg *D, resp *datasource.ReadResponse) {
	k := d.kind
	b := P(cfg).base()
	org := d.data.resolveOrganization(b.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "organization", org)
	summary := "Unable to Read " + k.title + " Integration"
	what := k.describe(cfg)
	if !b.IntegrationID.IsNull() {
		what = fmt.Sprintf("integration_id = %q", b.IntegrationID.ValueString())
	}

	items, _, err := sharedList(ctx, d.data, k.typeName, org, listcache.Bound{}, k.list)
	if err != nil {
		addAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Listing the %s integrations of organization %s failed.", k.title, org),
			"Check the organization name and that the access token may read its integrations.", err)
		return
	}
	var ids []string
	var found *A
	for i := range items {
		match := k.selected(cfg, &items[i])
		if !b.IntegrationID.IsNull() {
			match = k.idOf(&items[i]) == b.IntegrationID.ValueString()
		}
		if match {
			ids = append(ids, k.idOf(&items[i]))
			found = &items[i]
		}
	}
	switch len(ids) {
	case 0:
		resp.Diagnostics.AddError("No "+k.title+" Integration Found", fmt.Sprintf(
			"Organization %s has no %s integration with %s.\n\nThe pulumicloud_%ss data source lists the organization's %s integrations.",
			org, k.title, what, k.typeName, k.title))
		return
	case 1:
	default:
		resp.Diagnostics.AddError("Several "+k.title+" Integrations Found", fmt.Sprintf(
			"%d %s integrations of organization %s match %s (ids %s). Select one with integration_id.",
			len(ids), k.title, org, what, strings.Join(ids, ", ")))
		return
	}
	id := ids[0]
	a := found
	if !k.listIsDetails {
		a, err = k.get(ctx, d.data.client, org, id)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Reading the %s integration %s failed.", k.title, importID(org, id)),
			"Try again; if it was just deleted, it is gone.", err)
		return
	}
	b.setIdentity(org, id) // before complete, which looks the id up
	resp.Diagnostics.Append(k.fromAPI(ctx, a, cfg)...)
	if k.complete != nil {
		if err := k.complete(ctx, d.data, org, cfg); err != nil {
			addAPIError(&resp.Diagnostics, summary, fmt.Sprintf("Listing the %s integrations of organization %s failed.", k.title, org), "Try again.", err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, cfg)...)
}

// integrationsList describes one kind's list data source. I is the item model.
type integrationsList[I any, A any] struct {
	typeName    string // e.g. "gitlab_integrations"
	title       string
	description string
	itemFields  []fieldSpec // besides id
	list        func(ctx context.Context, c *client.Client, org string) ([]A, error)
	item        func(ctx context.Context, a *A) (I, diag.Diagnostics)
	// installationURL, when set, replaces list for a kind whose list
	// response also answers a top-level installationUrl (GitHub, GitHub
	// Enterprise, Azure DevOps), exposed as installation_url; it describes it.
	installationURL *listInstallationURL[A]
}

// listInstallationURL is a list that also answers the response's installationUrl.
type listInstallationURL[A any] struct {
	desc string
	list func(ctx context.Context, c *client.Client, org string) (items []A, installationURL string, err error)
}

// integrationsListModel is the model of every list data source.
type integrationsListModel[I any] struct {
	withReadTimeout
	ID           types.String `tfsdk:"id"`
	Organization types.String `tfsdk:"organization"`
	Integrations []I          `tfsdk:"integrations"`
}

// integrationsListWithURLModel is the model of a list data source with installation_url.
type integrationsListWithURLModel[I any] struct {
	integrationsListModel[I]
	InstallationURL types.String `tfsdk:"installation_url"`
}

type integrationsDataSource[I any, A any] struct {
	kind *integrationsList[I, A]
	data *providerData
}

func (d *integrationsDataSource[I, A]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.kind.typeName
}

func (d *integrationsDataSource[I, A]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	itemFields := concatFields([]fieldSpec{stringField("id",
		"The integration's Pulumi Cloud id (the `integration_id` of the matching resource and of the repos and branches data sources).")},
		d.kind.itemFields)
	resp.Schema = dschema.Schema{
		MarkdownDescription: d.kind.description,
		Attributes: map[string]dschema.Attribute{
			"id": dschema.StringAttribute{
				MarkdownDescription: "The organization.",
				Computed:            true,
			},
			"organization": dataSourceOrganizationAttribute(),
			timeoutsAttr:   dataSourceTimeoutsAttribute(),
			"integrations": dschema.ListNestedAttribute{
				MarkdownDescription: "The " + d.kind.title + " integrations, in the order Pulumi Cloud lists them.",
				Computed:            true,
				NestedObject:        dschema.NestedAttributeObject{Attributes: dataSourceAttributes(itemFields, nil)},
			},
		},
	}
	if u := d.kind.installationURL; u != nil {
		resp.Schema.Attributes["installation_url"] = dschema.StringAttribute{MarkdownDescription: u.desc, Computed: true}
	}
}

func (d *integrationsDataSource[I, A]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *integrationsDataSource[I, A]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg integrationsListWithURLModel[I]
	if d.kind.installationURL != nil {
		resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	} else {
		resp.Diagnostics.Append(req.Config.Get(ctx, &cfg.integrationsListModel)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.boundedRead(ctx, &resp.Diagnostics, func(ctx context.Context) { d.read(ctx, &cfg, resp) })
}

// read lists the integrations and sets the state.
func (d *integrationsDataSource[I, A]) read(ctx context.Context, cfg *integrationsListWithURLModel[I], resp *datasource.ReadResponse) {
	org := d.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	var items []A
	var installationURL string
	var err error
	if u := d.kind.installationURL; u != nil {
		items, installationURL, err = u.list(ctx, d.data.client, org)
	} else {
		items, err = d.kind.list(ctx, d.data.client, org)
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to List "+d.kind.title+" Integrations",
			fmt.Sprintf("Listing the %s integrations of organization %s failed.", d.kind.title, org),
			"Check the organization name and that the access token may read its integrations.", err)
		return
	}
	state := integrationsListWithURLModel[I]{
		integrationsListModel: integrationsListModel[I]{
			withReadTimeout: cfg.withReadTimeout,
			ID:              types.StringValue(org), Organization: types.StringValue(org), Integrations: make([]I, 0, len(items)),
		},
		InstallationURL: types.StringValue(installationURL),
	}
	for i := range items {
		it, diags := d.kind.item(ctx, &items[i])
		resp.Diagnostics.Append(diags...)
		state.Integrations = append(state.Integrations, it)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if d.kind.installationURL != nil {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	} else {
		resp.Diagnostics.Append(resp.State.Set(ctx, &state.integrationsListModel)...)
	}
}

func sortedKeys[T any](m map[string]T) []string { return slices.Sorted(maps.Keys(m)) }
