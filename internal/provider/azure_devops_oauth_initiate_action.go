package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ action.Action               = (*azureDevOpsOAuthInitiateAction)(nil)
	_ action.ActionWithConfigure  = (*azureDevOpsOAuthInitiateAction)(nil)
	_ action.ActionWithModifyPlan = (*azureDevOpsOAuthInitiateAction)(nil)
)

// Azure OAuth API names taken by AzureOptions.apiName.
var azureAPINames = []string{"ado", "graph", "arm"}

const defaultAzureAPIName = "ado"

// NewAzureDevOpsOAuthInitiateAction is the
// pulumicloud_azure_devops_oauth_initiate action: it starts the Azure DevOps
// OAuth flow and reports the consent URL and session id as progress
// messages. Nothing is stored in state.
func NewAzureDevOpsOAuthInitiateAction() action.Action {
	return &azureDevOpsOAuthInitiateAction{}
}

type azureDevOpsOAuthInitiateAction struct {
	orgScopedAction
}

type azureDevOpsOAuthInitiateModel struct {
	Organization types.String `tfsdk:"organization"`
	TenantID     types.String `tfsdk:"tenant_id"`
	APIName      types.String `tfsdk:"api_name"`
}

func (a *azureDevOpsOAuthInitiateAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_azure_devops_oauth_initiate"
}

// actionOrganizationAttribute is the `organization` attribute of an action
// (action schemas have no computed attributes).
func actionOrganizationAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: organizationDescription,
		Optional:            true,
		Validators:          organizationValidators(),
	}
}

// azureOAuthAttributes are the AzureOptions both OAuth actions take.
func azureOAuthAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"tenant_id": schema.StringAttribute{
			MarkdownDescription: "The Microsoft Entra tenant to sign in to. When unset, Pulumi Cloud uses its default " +
				"(any work or school account).",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"api_name": schema.StringAttribute{
			MarkdownDescription: "The Azure API the token is for: `ado` (Azure DevOps, the default), `graph` (Microsoft Graph) " +
				"or `arm` (Azure Resource Manager). Use the same value in both actions.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOf(azureAPINames...)},
		},
	}
}

func (a *azureDevOpsOAuthInitiateAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := azureOAuthAttributes()
	attrs["organization"] = actionOrganizationAttribute()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Starts the Azure DevOps OAuth flow of a Pulumi organization (Terraform 1.14 or later: " +
			"`terraform apply -invoke=action.pulumicloud_azure_devops_oauth_initiate.<name>`). The action reports the consent " +
			"URL and the OAuth session id as progress messages; nothing is stored in state. Open the URL in a browser, " +
			"consent, then run `pulumicloud_azure_devops_oauth_complete` with the session id and the `code` from the redirect. " +
			"Calls `POST /api/console/orgs/{orgName}/integrations/azure-devops/oauth/initiate`.",
		Attributes: attrs,
	}
}

func (a *azureDevOpsOAuthInitiateAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg azureDevOpsOAuthInitiateModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	org := a.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "organization", org)
	provider := azureCloudSetupProvider(cfg.TenantID.ValueString(), cfg.APIName.ValueString())
	session, err := a.data.client.InitiateAzureDevOpsOAuth(ctx, org, client.InitiateAzureDevOpsOAuthRequest{Provider: provider})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Initiate Azure DevOps OAuth",
			"Starting the Azure DevOps OAuth flow for Pulumi organization "+org+" failed.",
			"Check `tenant_id` and `api_name`, and that the access token may administer the organization's integrations.", err)
		return
	}
	if session.URL == "" || session.SessionID == "" {
		resp.Diagnostics.AddError("Unable to Initiate Azure DevOps OAuth",
			"Pulumi Cloud answered without a consent URL or session id, so the flow cannot continue. Try again; "+
				"if it persists, report it to Pulumi support.")
		return
	}
	tflog.Debug(ctx, "initiated Azure DevOps OAuth", map[string]any{"api_name": provider.Azure.APIName})
	for _, msg := range oauthInitiateProgress(org, session) {
		resp.SendProgress(action.InvokeProgressEvent{Message: msg})
	}
}

// azureCloudSetupProvider is the CloudSetupProvider both OAuth calls send:
// {name: "azure", azure: {tenantId, apiName}}, apiName defaulting to "ado".
func azureCloudSetupProvider(tenantID, apiName string) client.CloudSetupProvider {
	if apiName == "" {
		apiName = defaultAzureAPIName
	}
	return client.CloudSetupProvider{Name: "azure", Azure: &client.AzureOptions{TenantID: tenantID, APIName: apiName}}
}

// oauthInitiateProgress are the progress messages that hand the consent URL
// and session id to the person running Terraform.
func oauthInitiateProgress(org string, s *client.AzureDevOpsOAuthSession) []string {
	return []string{
		fmt.Sprintf("Azure DevOps OAuth session started for Pulumi organization %s. session_id: %s", org, s.SessionID),
		"Open this URL in a browser and consent: " + s.URL,
		fmt.Sprintf("Then run the pulumicloud_azure_devops_oauth_complete action with session_id = %q and the code "+
			"from the redirect (pass the code through a sensitive variable).", s.SessionID),
	}
}
