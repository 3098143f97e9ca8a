package provider

import (
	"os"
	"strings"
)

// QuietUnreadLogs switches the plugin's loggers off when nobody can read
// them. terraform-plugin-go logs every RPC at TRACE unless its own variables
// (TF_LOG_SDK, TF_LOG_PROVIDER_<NAME>, ...) say otherwise, and the framework
// writes a dozen trace lines per resource and RPC as JSON to stderr; the CLI
// parses each line, then drops it unless TF_LOG or TF_LOG_PROVIDER is set.
// With neither set this formatting and parsing is a quarter of a plan's CPU
// (BENCHMARKS.md). Variables the user set are left as they are, and
// nothing changes when TF_LOG or TF_LOG_PROVIDER is set. name is the
// provider's type name ("pulumicloud"). Call it before serving, never in
// debug mode (the logs are then the debugger's).
func QuietUnreadLogs(name string) {
	if os.Getenv("TF_LOG") != "" || os.Getenv("TF_LOG_PROVIDER") != "" {
		return
	}
	for _, v := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_" + strings.ToUpper(name)} {
		if _, set := os.LookupEnv(v); !set {
			_ = os.Setenv(v, "off")
		}
	}
}
