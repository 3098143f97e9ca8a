package provider

import (
	"os"
	"testing"
)

var quietVars = []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_PULUMICLOUD"}

// clearLogEnv unsets the variables for the test, restoring them after.
func clearLogEnv(t *testing.T) {
	for _, v := range append([]string{"TF_LOG", "TF_LOG_PROVIDER"}, quietVars...) {
		t.Setenv(v, "")
		if err := os.Unsetenv(v); err != nil {
			t.Fatal(err)
		}
	}
}

func TestQuietUnreadLogs(t *testing.T) {
	t.Run("nobody reads them", func(t *testing.T) {
		clearLogEnv(t)
		t.Setenv("TF_LOG_SDK_PROTO", "trace") // the user's own choice stays
		QuietUnreadLogs("pulumicloud")
		want := map[string]string{"TF_LOG_SDK": "off", "TF_LOG_SDK_PROTO": "trace", "TF_LOG_SDK_FRAMEWORK": "off", "TF_LOG_PROVIDER_PULUMICLOUD": "off"}
		for v, w := range want {
			if got := os.Getenv(v); got != w {
				t.Errorf("%s = %q, want %q", v, got, w)
			}
		}
	})
	for _, reader := range []string{"TF_LOG", "TF_LOG_PROVIDER"} {
		t.Run(reader+" set", func(t *testing.T) {
			clearLogEnv(t)
			t.Setenv(reader, "debug")
			QuietUnreadLogs("pulumicloud")
			for _, v := range quietVars {
				if _, set := os.LookupEnv(v); set {
					t.Errorf("%s was set although %s asks for logs", v, reader)
				}
			}
		})
	}
}
