package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

var (
	_ action.Action               = (*azureDevOpsOAuthCompleteAction)(nil)
	_ action.ActionWithConfigure  = (*azureDevOpsOAuthCompleteAction)(nil)
	_ action.ActionWithModifyPlan = (*azureDevOpsOAuthCompleteAction)(nil)
)

// NewAzureDevOpsOAuthCompleteAction is the
// pulumicloud_azure_devops_oauth_complete action: it exchanges the
// authorization code of a consent for Azure DevOps tokens. The code is never
// logged, echoed or stored.
func NewAzureDevOpsOAuthCompleteAction() action.Action {
	return &azureDevOpsOAuthCompleteAction{}
}

type azureDevOpsOAuthCompleteAction struct {
	orgScopedAction
}

type azureDevOpsOAuthCompleteModel struct {
	Organization types.String `tfsdk:"organization"`
	SessionID    types.String `tfsdk:"session_id"`
	Code         types.String `tfsdk:"code"`
	TenantID     types.String `tfsdk:"tenant_id"`
	APIName      types.String `tfsdk:"api_name"`
}

func (a *azureDevOpsOAuthCompleteAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_azure_devops_oauth_complete"
}

func (a *azureDevOpsOAuthCompleteAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	attrs := azureOAuthAttributes()
	attrs["organization"] = actionOrganizationAttribute()
	attrs["session_id"] = schema.StringAttribute{
		MarkdownDescription: "The session id that `pulumicloud_azure_devops_oauth_initiate` reported.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["code"] = schema.StringAttribute{
		MarkdownDescription: "The authorization code from the consent redirect: a one-time secret. Pass it through a " +
			"`sensitive` variable (action attributes cannot be marked sensitive themselves); the provider never logs, " +
			"echoes or stores it.",
		Required:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Completes the Azure DevOps OAuth flow that `pulumicloud_azure_devops_oauth_initiate` started " +
			"(Terraform 1.14 or later: `terraform apply -invoke=action.pulumicloud_azure_devops_oauth_complete.<name>`): " +
			"Pulumi Cloud exchanges the authorization code for Azure DevOps tokens held for the caller. Success is reported " +
			"as a progress message; `pulumicloud_azure_devops_access_status.has_user_token` then reads `true`. " +
			"Calls `POST /api/console/orgs/{orgName}/integrations/azure-devops/oauth/complete`.",
		Attributes: attrs,
	}
}

func (a *azureDevOpsOAuthCompleteAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var cfg azureDevOpsOAuthCompleteModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	code := cfg.Code.ValueString()
	if code != "" {
		ctx = tflog.MaskAllFieldValuesStrings(ctx, code)
		ctx = tflog.MaskMessageStrings(ctx, code)
	}
	org := a.data.resolveOrganization(cfg.Organization, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "organization", org)
	err := a.data.client.CompleteAzureDevOpsOAuth(ctx, org, client.CompleteAzureDevOpsOAuthRequest{
		Provider:  azureCloudSetupProvider(cfg.TenantID.ValueString(), cfg.APIName.ValueString()),
		SessionID: cfg.SessionID.ValueString(),
		Code:      code,
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "Unable to Complete Azure DevOps OAuth",
			"Exchanging the authorization code of OAuth session "+cfg.SessionID.ValueString()+
				" for Pulumi organization "+org+" failed.",
			"A code can be used once and expires within minutes, and a session ends when it completes: run "+
				"pulumicloud_azure_devops_oauth_initiate again, consent, and pass the new session_id and code. "+
				"Use the same tenant_id and api_name in both actions.", err) // the client masks the code in err
		return
	}
	tflog.Debug(ctx, "completed Azure DevOps OAuth")
	resp.SendProgress(action.InvokeProgressEvent{Message: oauthCompleteProgress(org)})
}

// oauthCompleteProgress is the success message of the complete action.
func oauthCompleteProgress(org string) string {
	return "Azure DevOps OAuth completed for Pulumi organization " + org + ": Pulumi Cloud now holds your Azure DevOps token " +
		"(data.pulumicloud_azure_devops_access_status.has_user_token reads true)."
}
