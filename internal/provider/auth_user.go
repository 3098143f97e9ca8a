package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/pulumicloud/terraform-provider-pulumicloud/internal/client"
)

// auth_user: the Pulumi user whose token an integration uses, shared by
// several kinds.

var authUserFields = []fieldSpec{
	stringField("id", "The Pulumi user's id."),
	stringField("github_login", "The user's login name."),
	stringField("name", "The user's display name."),
	stringField("email", "The user's email address."),
	stringField("avatar_url", "The URL of the user's avatar image."),
}

// authUserTypes is the auth_user object type, built once.
var authUserTypes = attrTypes(authUserFields)

func authUserField(what string) fieldSpec {
	return objectField("auth_user", "The Pulumi user whose "+what+" token the integration uses; null when it uses "+
		"another kind of credential.", authUserFields...)
}

// authUserModel is the auth_user object.
type authUserModel struct {
	ID          types.String `tfsdk:"id"`
	GitHubLogin types.String `tfsdk:"github_login"`
	Name        types.String `tfsdk:"name"`
	Email       types.String `tfsdk:"email"`
	AvatarURL   types.String `tfsdk:"avatar_url"`
}

// authUserFromAPI maps authUser; null when the API answers none.
func authUserFromAPI(ctx context.Context, u *client.User) (types.Object, diag.Diagnostics) {
	t := authUserTypes
	if u == nil {
		return types.ObjectNull(t), nil
	}
	return types.ObjectValueFrom(ctx, t, authUserModel{
		ID:          types.StringValue(u.ID),
		GitHubLogin: types.StringValue(u.GitHubLogin),
		Name:        types.StringValue(u.Name),
		Email:       types.StringValue(u.Email),
		AvatarURL:   types.StringValue(u.AvatarURL),
	})
}
