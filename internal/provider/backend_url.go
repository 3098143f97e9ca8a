package provider

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// PULUMI_BACKEND_URL is shared with the Pulumi CLI, which also takes
// file://, s3://, gs:// and azblob:// state backends there: only an http(s)
// URL names an API. Its scheme is compared without regard to case and
// surrounding spaces are dropped, so that "HTTPS://selfhosted.example" or a
// value pasted with a space is not silently passed over, sending the token
// to the public service instead.

// backendURLFromEnv is the API URL PULUMI_BACKEND_URL names, or "".
func backendURLFromEnv(value string) string {
	v := strings.TrimSpace(value)
	scheme, _, ok := strings.Cut(v, "://")
	if ok && (strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http")) {
		return v
	}
	return ""
}

// resolveAPIURL is the API URL the client uses ("" for the default): the
// configured api_url, else PULUMI_BACKEND_URL when it names an API. When the
// variable is set but not used, warning says so, naming its value with any
// password masked and where the requests go instead.
func resolveAPIURL(configured, envValue string) (apiURL, warning string) {
	fromEnv := backendURLFromEnv(envValue)
	set := strings.TrimSpace(envValue) != ""
	switch {
	case configured != "":
		if set && strings.TrimRight(fromEnv, "/") != strings.TrimRight(configured, "/") {
			warning = fmt.Sprintf("%s is set to %q, but api_url in the provider configuration takes precedence: "+
				"requests go to %s.", envBackendURL, maskURLCredentials(envValue), maskURLCredentials(configured))
		}
		return configured, warning
	case fromEnv != "":
		return fromEnv, ""
	case set:
		warning = fmt.Sprintf("%s is set to %q, which is not an http(s) URL (the Pulumi CLI also keeps file://, s3:// "+
			"and other state backends there), so the provider does not use it: requests and the access token go to %s. "+
			"Set api_url in the provider configuration to name your Pulumi Cloud API.",
			envBackendURL, maskURLCredentials(envValue), client.DefaultBaseURL)
	}
	return "", warning
}

// userinfoPattern finds the userinfo of a URL that url.Parse refuses.
var userinfoPattern = regexp.MustCompile(`://[^/?#@]*@`)

// maskURLCredentials shows a URL with its password masked (a user name
// alone, which may be a token, is masked whole).
func maskURLCredentials(raw string) string {
	if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.User != nil {
		if _, hasPassword := u.User.Password(); !hasPassword {
			u.User = url.User("xxxxx")
		}
		return u.Redacted()
	}
	return userinfoPattern.ReplaceAllString(raw, "://xxxxx@")
}
