package client

// IntegrationsPath is the escaped path of org's integrations of kind (the
// API's path segment, e.g. "gitlab"): the path of the kind's list, which
// messages name when that list is the request that was waiting.
func (c *Client) IntegrationsPath(org, kind string) string {
	u, err := c.endpoint([]string{org, "integrations", kind}, nil)
	if err != nil {
		return "/api/console/orgs/" + org + "/integrations/" + kind // not a valid segment: as given, for a message
	}
	return u.EscapedPath()
}
