package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

// resources lists every resource type the provider serves.
func resources() []func() resource.Resource {
	return []func() resource.Resource{}
}

// dataSources lists every data source type the provider serves.
func dataSources() []func() datasource.DataSource {
	return []func() datasource.DataSource{}
}

// actions lists every action type the provider serves.
func actions() []func() action.Action {
	return []func() action.Action{}
}
