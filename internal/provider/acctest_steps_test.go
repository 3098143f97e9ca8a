package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Steps every kind's lifecycle test takes, written once.

// outOfBand is what a person does to an integration in the browser, behind
// Terraform's back: its settings flipped, then the integration deleted.
type outOfBand struct {
	env    *testEnv
	kind   string // the emulator's kind, e.g. "gitlab"
	addr   string // the resource address
	config string // the configuration in force
	// flip is what is changed out of band (API field: value); restored is
	// what the emulator must hold again after the next apply.
	flip, restored map[string]any
}

// steps are: a refresh recording the integration's id; the flip, whose plan
// (checked before the apply) updates the settings back and whose apply
// does, on the same integration; the delete, whose plan re-creates the
// integration and whose apply does, with another id. id names the
// integration for the out-of-band calls and follows the re-create, for the
// steps after these.
func (o outOfBand) steps(t *testing.T, id *string) []resource.TestStep {
	sameID := statecheck.CompareValue(compare.ValuesSame())
	newID := statecheck.CompareValue(compare.ValuesDiffer())
	integrationID := tfjsonpath.New("integration_id")
	return []resource.TestStep{
		{
			Config:           o.config,
			ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			ConfigStateChecks: []statecheck.StateCheck{
				sameID.AddStateValue(o.addr, integrationID), newID.AddStateValue(o.addr, integrationID),
			},
			Check: captureAttr(o.addr, "integration_id", id),
		},
		{ // settings flipped in the browser: the plan puts them back
			PreConfig: func() {
				if err := o.env.emu.PatchIntegration(testOrg, o.kind, *id, o.flip); err != nil {
					t.Fatal(err)
				}
			},
			Config:            o.config,
			ConfigPlanChecks:  expectAction(o.addr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{sameID.AddStateValue(o.addr, integrationID)},
			Check:             o.env.emuCheck(o.kind, id, o.restored),
		},
		{ // deleted in the browser: the plan re-creates it
			PreConfig: func() {
				if !o.env.emu.DeleteIntegration(testOrg, o.kind, *id) {
					t.Fatal("out-of-band delete failed")
				}
			},
			Config:            o.config,
			ConfigPlanChecks:  expectAction(o.addr, plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{newID.AddStateValue(o.addr, integrationID)},
			Check:             resource.ComposeTestCheckFunc(captureAttr(o.addr, "integration_id", id), o.env.emuCheck(o.kind, id, o.restored)),
		},
	}
}
