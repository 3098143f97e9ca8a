package provider

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/listcache"
)

// Environment variables the provider falls back to.
const (
	envAccessToken  = "PULUMI_ACCESS_TOKEN"
	envBackendURL   = "PULUMI_BACKEND_URL"
	envOrganization = "PULUMI_ORGANIZATION"
)

const (
	defaultRequestTimeout = 60 * time.Second
	// defaultMaxRetries bounds the retries after 5xx answers and transport
	// errors (429s are retried by time): enough that a request outlives a
	// bad day (20 % of requests failing: 0.16^7, about 3 in a million,
	// exhaust it), few enough that a service that is down fails within
	// about half a minute per request.
	defaultMaxRetries = 6
)

var (
	_ provider.Provider                  = (*pulumiCloudProvider)(nil)
	_ provider.ProviderWithActions       = (*pulumiCloudProvider)(nil)
	_ provider.ProviderWithListResources = (*pulumiCloudProvider)(nil)
)

// New returns a constructor of the provider at the given version (set by the
// release build; "dev" or "test" otherwise).
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &pulumiCloudProvider{version: version} }
}

type pulumiCloudProvider struct {
	version string
}

type pulumiCloudProviderModel struct {
	AccessToken    types.String `tfsdk:"access_token"`
	APIURL         types.String `tfsdk:"api_url"`
	Organization   types.String `tfsdk:"organization"`
	RequestTimeout types.String `tfsdk:"request_timeout"`
	MaxRetries     types.Int64  `tfsdk:"max_retries"`
}

// providerData is what resources, data sources and actions receive.
type providerData struct {
	client *client.Client
	// organization is the default Pulumi organization; "" when unset.
	organization string
	// lists shares list requests among reads (list_snapshot.go); nil lists
	// every time.
	lists *listcache.Cache
}

func (p *pulumiCloudProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "pulumicloud"
	resp.Version = p.version
}

func (p *pulumiCloudProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the version control (VCS) integrations of a Pulumi Cloud organization: " +
			"GitHub, GitHub Enterprise Server, GitLab, Bitbucket and Azure DevOps.",
		Attributes: map[string]schema.Attribute{
			"access_token": schema.StringAttribute{
				MarkdownDescription: "A Pulumi Cloud access token (personal, team or organization token). " +
					"Falls back to the `" + envAccessToken + "` environment variable.",
				Optional:  true,
				Sensitive: true,
			},
			"api_url": schema.StringAttribute{
				MarkdownDescription: "The Pulumi Cloud API URL, for self-hosted Pulumi Cloud. Falls back to the `" +
					envBackendURL + "` environment variable when that is an http(s) URL, then to `" + client.DefaultBaseURL +
					"`. Must be https unless it points at a loopback address.",
				Optional:   true,
				Validators: []validator.String{apiURLValidator{}},
			},
			"organization": schema.StringAttribute{
				MarkdownDescription: "The default Pulumi organization of every resource and data source that does not set " +
					"its own `organization`. Falls back to the `" + envOrganization + "` environment variable.",
				Optional:   true,
				Validators: organizationValidators(),
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: "How long one HTTP request may take, as a Go duration such as `30s` or `2m`. Defaults to `60s`.",
				Optional:            true,
				Validators:          []validator.String{durationValidator{}},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times an idempotent request (GET, PATCH, DELETE) is retried after a 5xx "+
					"answer or a network error, with capped, jittered exponential backoff that honours `Retry-After`. Defaults to `%d`; "+
					"`0` disables these retries. Rate limiting (429) is not counted: it is retried, honouring `Retry-After`, until the "+
					"operation's timeout. A create is never resent blindly.", defaultMaxRetries),
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 20)},
			},
		},
	}
}

func (p *pulumiCloudProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg pulumiCloudProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for attr, v := range map[string]interface{ IsUnknown() bool }{
		"access_token": cfg.AccessToken, "api_url": cfg.APIURL, "organization": cfg.Organization,
		"request_timeout": cfg.RequestTimeout, "max_retries": cfg.MaxRetries,
	} {
		if v.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(attr), "Unknown Provider Configuration Value",
				"The provider cannot be configured with a value that is only known after apply. "+
					"Set `"+attr+"` to a value known at plan time, or use the environment variable.")
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	token := stringOr(cfg.AccessToken, os.Getenv(envAccessToken))
	if token == "" {
		resp.Diagnostics.AddAttributeError(path.Root("access_token"), "Missing Pulumi Cloud Access Token",
			"Set `access_token` in the provider block or the "+envAccessToken+" environment variable to a Pulumi Cloud access token "+
				"(create one at https://app.pulumi.com/account/tokens).")
		return
	}
	apiURL, envWarning := resolveAPIURL(cfg.APIURL.ValueString(), os.Getenv(envBackendURL))
	if envWarning != "" {
		resp.Diagnostics.AddWarning("PULUMI_BACKEND_URL Not Used", envWarning)
	}
	timeout := defaultRequestTimeout
	if s := cfg.RequestTimeout.ValueString(); s != "" {
		timeout, _ = time.ParseDuration(s) // validated by durationValidator
	}
	retries := int64(defaultMaxRetries)
	if !cfg.MaxRetries.IsNull() {
		retries = cfg.MaxRetries.ValueInt64()
	}

	lists := listcache.New(listcache.DefaultTTL, nil)
	c, err := client.New(client.Config{
		BaseURL:    apiURL,
		Token:      token,
		UserAgent:  userAgent(p.version, req.TerraformVersion),
		Timeout:    timeout,
		MaxRetries: int(retries),
		OnWrite:    lists.Write,
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("api_url"), "Invalid Pulumi Cloud API URL", err.Error())
		return
	}
	org := stringOr(cfg.Organization, os.Getenv(envOrganization))
	if org != "" {
		if msg := checkOrganizationName(org); msg != "" {
			resp.Diagnostics.AddAttributeError(path.Root("organization"), "Invalid Pulumi Organization", msg)
			return
		}
	}
	tflog.Debug(ctx, "configured Pulumi Cloud client", map[string]any{"api_url": apiURL, "organization": org})

	data := &providerData{client: c, organization: org, lists: lists}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

func (p *pulumiCloudProvider) Resources(context.Context) []func() resource.Resource {
	return resources()
}

func (p *pulumiCloudProvider) DataSources(context.Context) []func() datasource.DataSource {
	return dataSources()
}

func (p *pulumiCloudProvider) Actions(context.Context) []func() action.Action {
	return actions()
}

func (p *pulumiCloudProvider) ListResources(context.Context) []func() list.ListResource {
	return listResources()
}

// stringOr returns v's value when set, else fallback.
func stringOr(v types.String, fallback string) string {
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	return fallback
}

func userAgent(providerVersion, terraformVersion string) string {
	if terraformVersion == "" {
		terraformVersion = "unknown"
	}
	return fmt.Sprintf("terraform-provider-pulumicloud/%s (+https://registry.terraform.io/providers/pulumicloud/pulumicloud) Terraform/%s",
		providerVersion, terraformVersion)
}
