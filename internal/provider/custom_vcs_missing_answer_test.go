package provider

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"

	acc "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/emulator"
)

// The create takes effect but answers 204 with no body, where the document
// promises 201 with the integration: the provider never records an
// integration with an empty id. It finds the one the create made, has its
// (unanswered) secret regenerated, and the state holds the real id.
func TestAccCustomVCSIntegration_createAnswers204(t *testing.T) {
	env := newProxiedTestEnv(t, emulator.Options{}, onceMatching(http.MethodPost, "/integrations/custom",
		func(w http.ResponseWriter, r *http.Request, emu *emulator.Emulator) bool {
			emu.Handler().ServeHTTP(httptest.NewRecorder(), r) // the create takes effect
			w.WriteHeader(http.StatusNoContent)
			return true
		}))
	var id, secret string
	acc.ParallelTest(t, acc.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []acc.TestStep{{
			Config: env.providerConfig() + customConfig("Forgejo", "https://forgejo.example.com/acme", "", false),
			Check: acc.ComposeTestCheckFunc(
				captureAttr(customAddr, "integration_id", &id),
				acc.TestMatchResourceAttr(customAddr, "id", regexp.MustCompile(`^acme/[0-9a-f-]{36}$`)),
				env.secretIs(&id, &secret),
				func(*terraform.State) error {
					if n := env.countRequests(http.MethodPost, "/integrations/custom"); n != 1 {
						return fmt.Errorf("%d POSTs, want 1 (the first took effect)", n)
					}
					if n := len(env.emu.Integrations(testOrg, "custom")); n != 2 {
						return fmt.Errorf("%d custom integrations, want the seeded one and this one", n)
					}
					return nil
				},
			),
		}},
	})
}
