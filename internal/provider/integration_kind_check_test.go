package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// TestIntegrationKindsValid checks every kind description the provider
// serves, found through its resources and data sources, so a new kind is
// covered without being listed here.
func TestIntegrationKindsValid(t *testing.T) {
	checked := 0
	for _, newResource := range resources() {
		if k, ok := newResource().(describedKind); ok {
			checked++
			if err := k.validateKind(); err != nil {
				t.Error(err)
			}
		}
	}
	for _, newDataSource := range dataSources() {
		if k, ok := newDataSource().(describedKind); ok {
			checked++
			if err := k.validateKind(); err != nil {
				t.Error(err)
			}
		}
	}
	// Five resources, five lookups and five lists at least.
	if checked < 15 {
		t.Errorf("checked %d kind descriptions, want at least 15: are the resources still built from kinds?", checked)
	}
}

// TestIntegrationKindValidateRules breaks a valid kind once per rule: each
// copy must be refused with the rule's message.
func TestIntegrationKindValidateRules(t *testing.T) {
	type kind = integrationKind[gitLabIntegrationModel, client.GitLabIntegration]
	for _, tc := range []struct {
		name    string
		breakIt func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration]
		want    string
	}{
		{"bad type name", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			k.typeName = "GitLab"
			return k
		}, "not a lower-case snake_case name"},
		{"type name suffix", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			k.typeName = "gitlab"
			return k
		}, `does not end in "_integration"`},
		{"no title", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.title = ""; return k }, "title is not set"},
		{"no list", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.list = nil; return k }, "list is not set"},
		{"no get", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.get = nil; return k }, "get is not set"},
		{"no patch", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.patch = nil; return k }, "patch is not set"},
		{"no del", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.del = nil; return k }, "del is not set"},
		{"no fromAPI", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.fromAPI = nil; return k }, "fromAPI is not set"},
		{"no matches", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] { k.matches = nil; return k }, "matches is not set"},
		{"no displayName", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			k.displayName = nil
			return k
		}, "displayName is not set"},
		{"neither create nor adopt", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			k.create = nil
			return gitLabKindType{k}
		}, "has no create and does not adopt"},
		{"adopt without finishCreate", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			k.create = nil
			return adoptsOnly{k}
		}, "adopts without finishCreate"},
		{"another kind's value", func(k *kind) kindOf[gitLabIntegrationModel, client.GitLabIntegration] {
			return gitLabKind
		}, "does not hold this description"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := gitLabKind.validate(gitLabKind); err != nil {
				t.Fatalf("the unbroken kind is refused: %v", err)
			}
			broken := *gitLabKind.integrationKind
			hooks := tc.breakIt(&broken)
			err := broken.validate(hooks)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// adoptsOnly is a kind that adopts but does not finish a create.
type adoptsOnly struct {
	*integrationKind[gitLabIntegrationModel, client.GitLabIntegration]
}

func (adoptsOnly) notInstalled(context.Context, *client.Client, string, *gitLabIntegrationModel) string {
	return "install it"
}

func TestIntegrationLookupValidateRules(t *testing.T) {
	type lookup = integrationLookup[gitLabIntegrationDataSourceModel, client.GitLabIntegration]
	for _, tc := range []struct {
		name    string
		breakIt func(k *lookup)
		want    string
	}{
		{"type name suffix", func(k *lookup) { k.typeName = "gitlab_integrations" }, `does not end in "_integration"`},
		{"no selectors", func(k *lookup) { k.selectors = nil }, "selectors is not set"},
		{"selector without matches", func(k *lookup) {
			s := k.selectors["group_path"]
			s.matches = nil
			k.selectors = map[string]lookupSelector[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{"group_path": s}
		}, `selector "group_path" lacks value or matches`},
		{"selector of another type", func(k *lookup) {
			s := k.selectors["group_path"]
			s.validators = positiveID()
			k.selectors = map[string]lookupSelector[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{"group_path": s}
		}, `selector "group_path" is not of its field's type`},
		{"no fields", func(k *lookup) { k.fields = nil }, "fields is not set"},
		{"selector not a field", func(k *lookup) {
			k.selectors = map[string]lookupSelector[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{"group_slug": k.selectors["group_path"]}
		}, `selector "group_slug" is not one of the kind's fields`},
		{"selector shadows a base attribute", func(k *lookup) {
			k.fields = concatFields(k.fields, []fieldSpec{stringField("organization", "x")})
			k.selectors = map[string]lookupSelector[gitLabIntegrationDataSourceModel, client.GitLabIntegration]{"organization": k.selectors["group_path"]}
		}, "shadows a base attribute"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := gitLabLookup.validate(); err != nil {
				t.Fatalf("the unbroken lookup is refused: %v", err)
			}
			broken := *gitLabLookup
			tc.breakIt(&broken)
			err := broken.validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

func TestIntegrationsListValidateRules(t *testing.T) {
	list := NewGitLabIntegrationsDataSource().(*integrationsDataSource[gitLabIntegrationItem, client.GitLabIntegration]).kind
	type kind = integrationsList[gitLabIntegrationItem, client.GitLabIntegration]
	for _, tc := range []struct {
		name    string
		breakIt func(k *kind)
		want    string
	}{
		{"type name suffix", func(k *kind) { k.typeName = "gitlab_integration" }, `does not end in "_integrations"`},
		{"no list", func(k *kind) { k.list = nil }, "list is not set"},
		{"no item", func(k *kind) { k.item = nil }, "item is not set"},
		{"id in item fields", func(k *kind) { k.itemFields = concatFields(k.itemFields, []fieldSpec{stringField("id", "x")}) }, `itemFields has "id"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := list.validate(); err != nil {
				t.Fatalf("the unbroken list is refused: %v", err)
			}
			broken := *list
			tc.breakIt(&broken)
			err := broken.validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("validate() = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}
