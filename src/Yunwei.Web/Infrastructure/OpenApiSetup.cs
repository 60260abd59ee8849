using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Yunwei.Web.Infrastructure;

/// <summary>Describes the API's authentication (personal access tokens) in the OpenAPI document.</summary>
public static class OpenApiSetup
{
    public static void Configure(OpenApiOptions options) =>
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Yunwei API";
            document.Info.Description = "运维服务管理平台 API. Authenticate with a personal access token from the profile page: `Authorization: Bearer yw_…`. Errors are RFC 7807 problem details in the language of `Accept-Language` (zh-CN or en).";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[AuthSchemes.Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Personal access token (yw_…)",
            };
            document.Security ??= [];
            document.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(AuthSchemes.Bearer, document)] = [],
            });
            return Task.CompletedTask;
        });
}
