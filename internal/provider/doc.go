// Package provider implements the pulumicloud Terraform provider on
// terraform-plugin-framework: one file per resource, data source and action.
//
// # Adding an integration kind
//
// The six integration kinds (GitHub, GitHub Enterprise, GitLab, Bitbucket,
// Azure DevOps and custom VCS) share one lifecycle: create, read, update,
// delete, drift and 404s are written once (integration_lifecycle.go), with
// import (integration_import.go), identity (integration_identity.go), the
// list resource for `terraform query` (integration_list_resource.go), the
// single-lookup and list data sources (integration_data_sources.go) and
// timeouts (timeouts.go). A kind is a small value that fills the core every
// kind fills (integrationKind in integration_lifecycle.go); what only some
// kinds do is an optional interface (integration_kind_hooks.go) that the
// kind's own type implements in the kind's own file. The steps below are the
// ones the custom VCS kind took (custom_vcs_integration_*.go), in order.
// Each step names the test that fails when it is missing, so `go test ./...`
// tells you where you are.
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
//     GET answers once, as fieldSpec values (customVCSFields; integration_schema.go
//     has the helpers, auth_user.go a field several kinds share), marking
//     with stable(why) what an in-place update cannot change, and write the
//     model struct embedding integrationBase and withTimeouts.
//     TestModelsFitSchemas and TestNestedFieldSpecsHaveModels hold the
//     struct to the specs; TestStableFieldsSayWhy wants every mark to give
//     its reason. A value with several spellings is a spelledField of an
//     internal/fwtype type, never a comparison at the mapping site. An
//     attribute written by hand takes its field's text with fieldDesc, by
//     name.
//  4. Schema. resourceAttributes(fields, inputs) with the configurable
//     inputs and integrationBaseResourceAttributes. Validators live in
//     validators.go, plan modifiers in plan_modifiers.go (stable_plan.go for
//     computed ones); put RequiresReplace on what the API cannot change in
//     place. The lifecycle builds the schema once per type (kind_schema.go).
//     TestSchemasSuitTerraformOpenTofuAndTheBridge checks descriptions,
//     nested attributes rather than blocks, and names the bridge reserves;
//     TestAccIntegrationInputsRefusedAtPlan wants every bad input refused
//     with no request (add the kind's cases there, dot segments included).
//  5. The kind. A type of its own (customVCSKindType) embedding
//     *integrationKind, and its value (customVCSKind) filling the core:
//     typeName, title, schema, list, get, idOf, displayName, the natural key
//     (describeKey, matches), create (it returns what it created, or nil
//     when the list must find it; only an adopting kind may have none),
//     patch, del and fromAPI, and listIsDetails when a list item carries
//     every field of the GET. Then, only if the kind needs them, the
//     methods of the optional interfaces of integration_kind_hooks.go, in
//     the kind's file: finishCreate
//     (createFinishing; custom VCS makes a lost webhook secret again),
//     notInstalled (adopting), listFor, createRefused, deleteRefused,
//     complete, modifyPlan (planChecking), configValidators. The generic
//     lifecycle holds no kind's text. TestIntegrationKindsValid refuses an
//     inconsistent kind (integration_kind_check.go).
//  6. Data sources. An integrationLookup with a selector per natural key
//     (lookupSelector) and an integrationsList, in the kind's
//     *_data_source.go; pure fromAPI mappings shared with the resource.
//     Register the constructors in registry.go:
//     TestProviderServesTheDesignedTypes lists every type the design fixes
//     (designResources and the like), and TestEveryResourceHasAnIdentity
//     wants every *_integration resource to be a list resource too (it is,
//     by being a kind).
//  7. Tests. Acceptance tests with real Terraform against the emulator
//     (newTestEnv in acctest_env_test.go; configurations, checks and steps in
//     acctest_config_test.go, acctest_checks_test.go and
//     acctest_steps_test.go): lifecycle with ConfigStateChecks, import
//     (integration_import_test.go), drift, 404 and 409 handling, quiet update
//     plans (a planShape in TestAccIntegrations_quietUpdatePlan, one
//     configuration for every kind), identity (custom_vcs_identity_test.go),
//     a soakManyKinds entry when the kind can be created many times
//     (fault_soak_test.go), and the unit tests of the mappings
//     (custom_vcs_mapping_test.go). A table of cases shares one
//     configuration (a resource, organization or module per case, as in
//     TestAccIntegrations_importEveryAuthMode and
//     TestAccIntegrationInputsRefusedAtPlan) rather than a test case each:
//     the terraform processes, about four per test case and eight per step,
//     are most of `make check`'s time.
//  8. Examples and docs. examples/resources/<type>/ (resource.tf, import.sh,
//     import-by-string-id.tf, import-by-identity.tf), examples/data-sources/,
//     examples/list-resources/<type>/; then `make docs` (CI fails on stale
//     docs). The README's coverage table names each operation's type and
//     test (TestEndpointCoverageTable); the Pulumi bridge check counts the
//     types (wantResources in pulumi/bridge), and `make pulumi-sdk`
//     regenerates the Pulumi schema and SDKs (CI fails on stale ones); add
//     a CHANGELOG line.
//
// A resource that is not an integration (pulumicloud_custom_vcs_repository)
// has its own small lifecycle but the same duties: identity in every
// response, timeouts, planOrganization, a modelFits check (model_shape_test.go),
// and import by id and by identity through an importForm
// (customVCSRepositoryImport).
package provider
