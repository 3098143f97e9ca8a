package client

import "encoding/json"

// User is the Pulumi user whose VCS token an integration uses (authUser).
type User struct {
	ID                     string                        `json:"id"`
	GitHubLogin            string                        `json:"githubLogin"`
	Name                   string                        `json:"name"`
	Email                  string                        `json:"email"`
	AvatarURL              string                        `json:"avatarUrl"`
	Organizations          []OrganizationSummaryWithRole `json:"organizations"`
	PotentialOrganizations []OrganizationSummaryWithRole `json:"potentialOrganizations,omitempty"`
	Identities             []string                      `json:"identities"`
	SiteAdmin              bool                          `json:"siteAdmin,omitempty"`
	RegistryAdmin          bool                          `json:"registryAdmin,omitempty"`
	TokenInfo              json.RawMessage               `json:"tokenInfo,omitempty"`
	HasMFA                 bool                          `json:"hasMFA"`
	IsOrgManaged           bool                          `json:"isOrgManaged"`
	IsManagedByMultiOrg    bool                          `json:"isManagedByMultiOrg"`
}

// OrganizationSummaryWithRole is a Pulumi organization a user belongs to.
type OrganizationSummaryWithRole struct {
	GitHubLogin string `json:"githubLogin"`
	Name        string `json:"name"`
	AvatarURL   string `json:"avatarUrl"`
	Role        string `json:"role"`
}
