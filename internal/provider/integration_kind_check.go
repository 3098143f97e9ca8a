package provider

import (
	"errors"
	"fmt"
	"regexp"
)

// The per-kind descriptions are tables of functions and flags that the
// shared lifecycle calls without checking. validate reports a description
// filled inconsistently, so that a unit test (TestIntegrationKindsValid)
// catches it rather than a nil-function panic in the middle of an apply.

var kindTypeNamePattern = regexp.MustCompile(`^[a-z][a-z0-9_]*[a-z0-9]$`)

// kindChecker collects the problems of one description.
type kindChecker struct {
	what string
	errs []error
}

func (c *kindChecker) require(ok bool, format string, args ...any) {
	if !ok {
		c.errs = append(c.errs, fmt.Errorf("%s: "+format, append([]any{c.what}, args...)...))
	}
}

// set names the required members that are missing (nil or empty).
func (c *kindChecker) set(members map[string]bool) {
	for _, name := range sortedKeys(members) {
		c.require(members[name], "%s is not set", name)
	}
}

func (c *kindChecker) err() error { return errors.Join(c.errs...) }

func checkTypeName(c *kindChecker, typeName, suffix string) {
	c.require(kindTypeNamePattern.MatchString(typeName), "typeName %q is not a lower-case snake_case name", typeName)
	c.require(len(typeName) > len(suffix) && typeName[len(typeName)-len(suffix):] == suffix,
		"typeName %q does not end in %q", typeName, suffix)
}

// validate reports every inconsistency of the kind's description: its
// integrationKind and the optional behaviours of its type (hooks, the
// kind's own value). That a hook has the kind's model and API types is
// checked at compile time, beside each kind's type.
func (k *integrationKind[M, A]) validate(hooks kindOf[M, A]) error {
	c := &kindChecker{what: "integration kind " + k.typeName}
	checkTypeName(c, k.typeName, "_integration")
	c.set(map[string]bool{
		"title": k.title != "", "schema": k.schema != nil, "list": k.list != nil, "get": k.get != nil,
		"idOf": k.idOf != nil, "describeKey": k.describeKey != nil, "matches": k.matches != nil,
		"patch": k.patch != nil, "del": k.del != nil, "fromAPI": k.fromAPI != nil, "displayName": k.displayName != nil,
	})
	c.require(hooks != nil && hooks.core() == k, "the kind's value does not hold this description")
	_, adopts := hooks.(adopting[M])
	_, finishes := hooks.(createFinishing[M, A])
	// A create POSTs, adopts what is there, or both (adopt when linked, else POST).
	c.require(k.create != nil || adopts, "it has no create and does not adopt: the create could do nothing")
	// Without a POST there is nothing to carry the settings but a PATCH after.
	c.require(!adopts || finishes, "it adopts without finishCreate: an adopted integration would keep its settings, not the configuration's")
	return c.err()
}

// validate reports every inconsistency of the lookup's description.
func (k *integrationLookup[D, A]) validate() error {
	c := &kindChecker{what: "integration lookup " + k.typeName}
	checkTypeName(c, k.typeName, "_integration")
	c.set(map[string]bool{
		"title": k.title != "", "description": k.description != "", "fields": len(k.fields) > 0,
		"selectors": len(k.selectors) > 0, "list": k.list != nil, "get": k.get != nil, "idOf": k.idOf != nil,
		"fromAPI": k.fromAPI != nil,
	})
	fields := map[string]fieldSpec{}
	for _, f := range k.fields {
		fields[f.name] = f
	}
	for _, name := range sortedKeys(k.selectors) {
		// A selector is an optional+computed field of the model: it must be one
		// of the kind's fields, of the field's type, and not a base attribute.
		s := k.selectors[name]
		f, ok := fields[name]
		c.require(ok, "selector %q is not one of the kind's fields", name)
		c.require(name != "id" && name != "organization" && name != "integration_id",
			"selector %q shadows a base attribute", name)
		c.require(s.value != nil && s.matches != nil, "selector %q lacks value or matches", name)
		c.require(s.desc != "", "selector %q has no description", name)
		if ok {
			c.require(s.attribute(f.spelling).GetType().Equal(f.attrType()), "selector %q is not of its field's type", name)
		}
	}
	return c.err()
}

// validate reports every inconsistency of the list's description.
func (k *integrationsList[I, A]) validate() error {
	c := &kindChecker{what: "integrations list " + k.typeName}
	checkTypeName(c, k.typeName, "_integrations")
	c.set(map[string]bool{
		"title": k.title != "", "description": k.description != "", "list": k.list != nil, "item": k.item != nil,
	})
	for _, f := range k.itemFields {
		c.require(f.name != "id", "itemFields has %q, which every list item has already", f.name)
	}
	return c.err()
}

// describedKind is a resource or data source built from a kind description.
type describedKind interface{ validateKind() error }

func (r *integrationResource[M, P, A]) validateKind() error   { return r.kind.validate(r.hooks) }
func (d *integrationDataSource[D, P, A]) validateKind() error { return d.kind.validate() }
func (d *integrationsDataSource[I, A]) validateKind() error   { return d.kind.validate() }
