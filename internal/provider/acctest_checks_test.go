package provider

import (
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// Checks shared by the acceptance tests: what the emulator holds, what a
// plan does.

// captureAttr stores a resource attribute for later steps (PreConfig).
func captureAttr(addr, attr string, dst *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith(addr, attr, func(v string) error {
		*dst = v
		return nil
	})
}

// checkIntegrationsGone is a CheckDestroy asking the emulator whether every
// resource of resourceType is really gone.
func (e *testEnv) checkIntegrationsGone(kind, resourceType string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			org, id := rs.Primary.Attributes["organization"], rs.Primary.Attributes["integration_id"]
			if _, ok := e.emu.Integration(org, kind, id); ok {
				return fmt.Errorf("%s integration %s/%s still exists after destroy", kind, org, id)
			}
		}
		return nil
	}
}

// emuCheck asserts on the emulator's view of an integration.
func (e *testEnv) emuCheck(kind string, id *string, want map[string]any) resource.TestCheckFunc {
	return e.emuCheckIn(testOrg, kind, id, want)
}

// emuCheckIn is emuCheck for an integration of org.
func (e *testEnv) emuCheckIn(org, kind string, id *string, want map[string]any) resource.TestCheckFunc {
	return func(*terraform.State) error {
		obj, ok := e.emu.Integration(org, kind, *id)
		if !ok {
			return fmt.Errorf("%s integration %s not found in the emulator", kind, *id)
		}
		for k, v := range want {
			if !reflect.DeepEqual(obj[k], v) {
				return fmt.Errorf("emulator %s.%s = %v, want %v", kind, k, obj[k], v)
			}
		}
		return nil
	}
}

func emptyPlanAfterApply() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}}
}

func expectAction(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// driftPlan is a plan-only step's checks: the refresh plan must do action.
func driftPlan(addr string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, action)},
	}
}
