package provider

import (
	"sync"

	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
)

// A kind's resource schema is asked for on every RPC (the framework's
// Schema call, the stable attributes of each Update), and building it walks
// every field spec: measured as a CPU cost of its own at hundreds of
// resources. So each resource type builds it once. The cache is keyed by
// type name, not held in the kind, because some kinds are values built
// per call (gitHubKind(ep)) and every resource factory call makes a new one.

// kindSchema is a resource type's schema and what the lifecycle derives
// from it.
type kindSchema struct {
	schema rschema.Schema
	stable []string // the attributes an update plans from state (stableAttributes)
}

var kindSchemas sync.Map // type name -> *kindSchema

// built is k's schema, built on first use.
func (k *integrationKind[M, A]) built() *kindSchema {
	if s, ok := kindSchemas.Load(k.typeName); ok {
		return s.(*kindSchema) //nolint:forcetypeassert // only *kindSchema are stored
	}
	s := k.schema()
	cached, _ := kindSchemas.LoadOrStore(k.typeName, &kindSchema{schema: s, stable: stableAttributes(s)})
	return cached.(*kindSchema) //nolint:forcetypeassert // only *kindSchema are stored
}
