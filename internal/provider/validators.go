package provider

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// organizationNamePattern is Pulumi's rule for organization names: letters,
// digits, '-', '_' and '.', starting with a letter or digit, at most 40.
var organizationNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$`)

const organizationNameRule = "a Pulumi organization name is 1 to 40 letters, digits, '-', '_' or '.', starting with a letter or digit"

// checkOrganizationName returns "" for a valid name, else what is wrong.
func checkOrganizationName(name string) string {
	if organizationNamePattern.MatchString(name) {
		return ""
	}
	return fmt.Sprintf("%q is not a valid organization: %s.", name, organizationNameRule)
}

func organizationValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(organizationNamePattern, organizationNameRule)}
}

// apiURLValidator applies the client's rule (https unless loopback) at plan time.
type apiURLValidator struct{}

func (apiURLValidator) Description(context.Context) string {
	return "must be an https URL, or http on a loopback address"
}

func (v apiURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (apiURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := client.ValidateBaseURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Pulumi Cloud API URL", err.Error())
	}
}

// durationValidator accepts positive Go durations such as "30s".
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive duration such as 30s or 2m"
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	d, err := time.ParseDuration(req.ConfigValue.ValueString())
	if err != nil || d <= 0 {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Duration",
			fmt.Sprintf("%q is not a positive duration; use a value such as \"30s\" or \"2m\".", req.ConfigValue.ValueString()))
	}
}

// azureDevOpsOrganizationPattern is Azure DevOps' rule for organization
// names: letters, digits and '-', starting and ending with a letter or
// digit, at most 50.
var azureDevOpsOrganizationPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,48}[A-Za-z0-9])?$`)

const azureDevOpsOrganizationRule = "an Azure DevOps organization name (the `myorg` of dev.azure.com/myorg) is 1 to 50 " +
	"letters, digits or '-', starting and ending with a letter or digit"

func azureDevOpsOrganizationValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(azureDevOpsOrganizationPattern, azureDevOpsOrganizationRule)}
}

// vcsProviderValidators accept the API's vcsProvider values, and "generic"
// (the docs page's name for "custom") with a deprecation warning.
func vcsProviderValidators() []validator.String {
	return []validator.String{
		stringvalidator.OneOf(append(slices.Clone(client.VCSProviders), client.VCSProviderGeneric)...),
		genericAliasWarning{},
	}
}

// vcsProviderValues is the list of accepted values for descriptions.
func vcsProviderValues() string {
	return "`" + strings.Join(client.VCSProviders, "`, `") + "` (`" + client.VCSProviderGeneric +
		"` is a deprecated alias of `" + client.VCSProviderCustom + "`)"
}

// genericAliasWarning warns that "generic" is the deprecated name of "custom".
type genericAliasWarning struct{}

func (genericAliasWarning) Description(context.Context) string {
	return `"generic" is a deprecated alias of "custom"`
}

func (v genericAliasWarning) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (genericAliasWarning) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() || req.ConfigValue.ValueString() != client.VCSProviderGeneric {
		return
	}
	resp.Diagnostics.AddAttributeWarning(req.Path, "Deprecated VCS Provider Name",
		`"generic" is the old name of the custom VCS provider; Pulumi Cloud calls it "custom". `+
			`It still works (the provider sends "custom"), but write vcs_provider = "custom" instead.`)
}

// pathSegmentValidator refuses, at plan time, a value that would not be one
// path segment of the request (client.CheckPathSegment): empty, "." or "..".
// With reserved, the ids of sibling routes ("access-status", "claim", ...)
// are refused too (client.CheckIntegrationID).
type pathSegmentValidator struct{ reserved bool }

func (v pathSegmentValidator) Description(context.Context) string {
	if v.reserved {
		return "must be an id: not empty, not `.` or `..`, and not a reserved route name such as `access-status`"
	}
	return "must be one URL path segment: not empty, `.` or `..`"
}

func (v pathSegmentValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v pathSegmentValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	check := client.CheckPathSegment
	if v.reserved {
		check = client.CheckIntegrationID
	}
	if err := check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Path Segment",
			fmt.Sprintf("This value goes into the request's URL path, and %s. The value %s. Nothing was sent.",
				strings.TrimPrefix(err.Error(), client.ErrInvalidRequest.Error()+": "), v.Description(context.Background())))
	}
}

// integrationIDValidators are the plan-time checks of an integration id
// that goes into a path.
func integrationIDValidators() []validator.String {
	return []validator.String{pathSegmentValidator{reserved: true}}
}

var (
	// workspaceUUIDPattern: a UUID with or without the braces Bitbucket puts around it.
	workspaceUUIDPattern = regexp.MustCompile(`^(?:\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}|` +
		`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})$`)
	// guidPattern: an Azure DevOps project id.
	guidPattern = regexp.MustCompile(`^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$`)
	// bitbucketSlugPattern: Bitbucket workspace ids are lower case letters,
	// digits, '-' and '_', starting with a letter or digit.
	bitbucketSlugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,61}$`)
	// gitLabGroupPathPattern: GitLab group paths, possibly nested ("parent/child").
	gitLabGroupPathPattern = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$`)
	// gitHubLoginPattern: GitHub account logins.
	gitHubLoginPattern = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$`)
)

func workspaceUUIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(workspaceUUIDPattern,
		"must be a Bitbucket workspace UUID such as {0c6f1e2a-3b4d-4c5e-8f90-a1b2c3d4e5f1} (the braces are optional)")}
}

func bitbucketSlugValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(bitbucketSlugPattern,
		"must be a Bitbucket workspace slug (workspace id): 1 to 62 lower case letters, digits, '-' or '_', starting with a letter or digit")}
}

func projectIDValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(guidPattern,
		"must be an Azure DevOps project id, a GUID such as 8d2c4e6f-1a3b-4c5d-8e7f-9a0b1c2d3e41")}
}

func gitLabGroupPathValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(gitLabGroupPathPattern,
		"must be a GitLab group path such as acme/platform")}
}

func gitHubLoginValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(gitHubLoginPattern,
		"must be a GitHub account login: 1 to 39 letters, digits or '-', starting with a letter or digit")}
}

func positiveID() []validator.Int64 { return []validator.Int64{int64validator.AtLeast(1)} }

// noSlashPattern is one path segment: no '/' and no spaces.
var noSlashPattern = regexp.MustCompile(`^[^/\s]+$`)

// noSlashValidator refuses a value that is not one path segment.
func noSlashValidator() validator.String {
	return stringvalidator.RegexMatches(noSlashPattern, "must be a single id without '/' or spaces")
}

// escEnvironmentPattern is an ESC environment reference "project/env".
var escEnvironmentPattern = regexp.MustCompile(`^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$`)

func escEnvironmentValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(escEnvironmentPattern,
		"must be a Pulumi ESC environment reference `project/environment`, such as `vcs/gitea`: two names of letters, digits, '-', '_' or '.', joined by one '/'")}
}
