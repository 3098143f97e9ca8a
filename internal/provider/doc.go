// Package provider implements the pulumicloud Terraform provider on
// terraform-plugin-framework: one file per resource, data source and action.
//
// # Adding an integration kind
//
// The five VCS kinds and custom VCS integrations share one lifecycle
// (integration_lifecycle.go), one single-lookup and one list data source
// (integration_data_sources.go), identity and import
// (integration_identity.go), the list resource for `terraform query`
// (integration_list_resource.go) and timeouts (timeouts.go). A kind is a
// description of what differs; the steps below are the ones the custom VCS
// kind took (custom_vcs_integration_*.go), in order. Each step names the
// test that fails when it is missing, so `go test ./...` tells you where
// you are.
//
//  1. Spec and emulator. Find the operations in spec/pulumi-cloud-openapi-vcs.json
//     and serve them in internal/emulator (handlers_custom.go), written from
//     the document, not from the client. TestAllRoutes walks every operation
//     of the document; TestReadEndpointsMatchSpec holds every answer to its
//     schema, strictly.
//  2. Client. One file per kind in internal/client (custom.go): request and
//     response structs named after the spec, one method per operation.
//     TestEndpoints takes its list from spec/ and fails for an operation
//     without a case; TestRequestBodiesMatchSpec checks the bodies.
//  3. Fields and model. In the kind's resource file, describe every field the
//     GET answers once, as fieldSpecs (customVCSFields; integration_schema.go
//     has the helpers), marking with stable(why) what an in-place update
//     cannot change, and write the model struct embedding integrationBase.
//     TestModelsFitSchemas and TestNestedFieldSpecsHaveModels hold the
//     struct to the specs; TestStableFieldsSayWhy wants every mark to give
//     its reason. A value with several spellings is a spelledField of an
//     internal/fwtype type, never a comparison at the mapping site.
//  4. Schema. resourceAttributes(fields, inputs) with the configurable
//     inputs (validators declared there, RequiresReplace on what the API
//     cannot change in place) and integrationBaseResourceAttributes.
//     TestSchemasSuitTerraformOpenTofuAndTheBridge checks descriptions,
//     nested attributes rather than blocks, and names the bridge reserves;
//     TestAccIntegrationInputsRefusedAtPlan wants every bad input refused
//     with no request (add the kind's cases there, dot segments included).
//  5. The kind. An integrationKind value (customVCSKind): list, get, idOf,
//     the natural key (describeKey, matches), create or adopt, patch, del,
//     fromAPI, displayName, and the optional hooks (applySettings when the
//     create cannot carry the settings, created when the create answers the
//     integration, listFor, createRefused, deleteRefused, complete,
//     modifyPlan). TestIntegrationKindsValid refuses an inconsistent one.
//  6. Data sources. An integrationLookup with a selector per natural key
//     (lookupSelector) and an integrationsList; pure fromAPI mappings shared
//     with the resource. Register the constructors in registry.go:
//     TestProviderServesTheDesignedTypes lists every type DESIGN.md fixes, and
//     TestEveryResourceHasAnIdentity wants every *_integration resource to be
//     a list resource too (it is, by being a kind).
//  7. Tests. Acceptance tests with real Terraform against the emulator
//     (newTestEnv in acctest_test.go): lifecycle with ConfigStateChecks,
//     import, drift, 404 and 409 handling, quiet update plans
//     (integration_plan_test.go), identity (custom_vcs_identity_test.go), a
//     soakManyKinds entry when the kind can be created many times
//     (fault_soak_test.go), and the unit tests of the mappings.
//  8. Examples and docs. examples/resources/<type>/ (resource.tf, import.sh,
//     import-by-string-id.tf, import-by-identity.tf), examples/data-sources/,
//     examples/list-resources/<type>/; then `make docs` (CI fails on stale
//     docs). The README's coverage table names each operation's type and
//     test (TestEndpointCoverageTable); pulumi/bridge counts the types,
//     and `make pulumi-sdk` regenerates the Pulumi schema and SDKs (CI
//     fails on stale ones); add a CHANGELOG line.
//
// A resource that is not an integration (pulumicloud_custom_vcs_repository)
// has its own small lifecycle but the same duties: identity in every
// response, timeouts, planOrganization, a modelFits check, import by id and
// by identity.
package provider
