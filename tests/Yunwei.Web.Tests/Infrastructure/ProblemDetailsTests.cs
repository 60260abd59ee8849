using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Infrastructure;

public sealed class ProblemDetailsTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task An_api_call_without_a_token_is_401_problem_details_in_chinese_by_default()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });

        var problem = await (await client.GetAsync("/api/units")).ShouldBeProblemAsync(401);

        problem.GetProperty("title").GetString().ShouldBe("未登录或令牌无效");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10000")]
    [InlineData("2147483647")]
    public async Task A_calendar_year_out_of_range_is_a_400_naming_the_year_and_api_answers_are_not_stored(string year)
    {
        var client = await factory.ApiClientAsync("admin");
        var units = await client.GetAsync("/api/units");
        units.Headers.CacheControl!.NoStore.ShouldBeTrue("the user's data is never kept by a browser or proxy");
        var unit = (await units.ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var refused = await client.GetAsync($"/api/units/{unit}/calendar?year={year}");

        (await refused.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Year")[0].GetString().ShouldBe("须在 2000 到 2099 之间");
        refused.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await client.GetAsync($"/api/units/{unit}/calendar?year=2026")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_answers_in_english_when_the_request_asks_for_it()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        var problem = await (await client.GetAsync("/api/units")).ShouldBeProblemAsync(401);

        problem.GetProperty("title").GetString().ShouldBe("Not signed in or invalid token");
    }

    [Theory]
    [InlineData("expired")]
    [InlineData("revoked")]
    [InlineData("unknown")]
    [InlineData("malformed")]
    public async Task Expired_revoked_unknown_or_malformed_tokens_are_401(string kind)
    {
        var token = kind switch
        {
            "expired" => await factory.IssueTokenAsync("resident", TimeSpan.FromSeconds(-1)),
            "revoked" => await factory.IssueTokenAsync("resident", TimeSpan.FromDays(1), revoked: true),
            "unknown" => "yw_" + new string('x', 40),
            _ => "not-a-token",
        };
        var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await (await client.GetAsync("/api/units")).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_valid_token_authenticates_as_its_user()
    {
        var client = await factory.ApiClientAsync("resident");

        var me = await (await client.GetAsync("/api/me")).ReadJsonAsync();

        me.GetProperty("userName").GetString().ShouldBe("resident");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["ResidentEngineer"]);
        me.GetProperty("unitIds").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_malformed_body_is_400_problem_details_not_500()
    {
        var client = await factory.ApiClientAsync("admin");

        var response = await client.PostAsync("/api/units", new StringContent("{\"code\": \"X\", \"name\": ", Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("detail").GetString().ShouldBe("请求内容格式错误，无法解析。");
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_is_400_problem_details()
    {
        var client = await factory.ApiClientAsync("admin");

        var response = await client.PostAsync("/api/units", new StringContent("[1,2,3]", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(400);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_each_failing_field_and_a_message_in_the_users_language()
    {
        var zh = await factory.ApiClientAsync("admin");
        var en = await factory.ApiClientAsync("admin", acceptLanguage: "en");
        var body = new { code = "坏 编码", name = "", address = new string('x', 300) };

        var zhProblem = await (await zh.PostJsonAsync("/api/units", body)).ShouldBeProblemAsync(400);
        var enProblem = await (await en.PostJsonAsync("/api/units", body)).ShouldBeProblemAsync(400);

        var errors = zhProblem.GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["Code", "Name", "Address"], ignoreOrder: true);
        errors.GetProperty("Name")[0].GetString().ShouldBe("必填");
        errors.GetProperty("Address")[0].GetString().ShouldBe("不能超过 200 个字符");
        enProblem.GetProperty("errors").GetProperty("Name")[0].GetString().ShouldBe("Required");
        enProblem.GetProperty("errors").GetProperty("Code")[0].GetString()!.ShouldContain("letters, digits");
    }

    [Fact]
    public async Task Invalid_contract_deadlines_are_rejected_and_nothing_is_written()
    {
        var client = await factory.ApiClientAsync("admin");
        var units = await (await client.GetAsync("/api/units")).ReadJsonAsync();
        var demo = units[0].GetProperty("id").GetGuid();
        var before = (await (await client.GetAsync($"/api/units/{demo}")).ReadJsonAsync()).GetProperty("contract").GetRawText();

        var response = await client.PutAsync($"/api/units/{demo}/contract", new StringContent("""
            {"title":"x","startsOn":"2026-12-31","endsOn":"2026-01-01","calendarMode":"AllDay","workingHours":"18:00-08:00",
             "slaTargets":[{"level":"Level1","responseMinutes":0,"restoreMinutes":900,"resolveMinutes":600}]}
            """, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400);
        var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        fields.ShouldContain("EndsOn");
        fields.ShouldContain("WorkingHours");
        fields.ShouldContain("SlaTargets");
        fields.ShouldContain("SlaTargets[0]");
        var after = (await (await client.GetAsync($"/api/units/{demo}")).ReadJsonAsync()).GetProperty("contract").GetRawText();
        after.ShouldBe(before);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_signing_in()
    {
        var client = factory.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_openapi_document_and_its_reference_page_are_served()
    {
        var client = factory.CreateClient();

        var doc = await (await client.GetAsync("/openapi/v1.json")).ReadJsonAsync();
        var page = await client.GetAsync("/api/docs");

        doc.GetProperty("paths").TryGetProperty("/api/units", out _).ShouldBeTrue();
        doc.GetProperty("paths").TryGetProperty("/api/audit", out _).ShouldBeTrue();
        doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class MalformedFieldTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task A_value_of_the_wrong_type_is_400_naming_the_field()
    {
        var client = await factory.ApiClientAsync("admin");
        var demo = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var response = await client.PutAsync($"/api/units/{demo}/contract", new StringContent("""
            {"title":"x","startsOn":"2026-01-01","endsOn":"2026-12-31","calendarMode":"AllDay","workingHours":"08:00-12:00",
             "slaTargets":[{"level":"Level1","responseMinutes":"ten","restoreMinutes":240,"resolveMinutes":720}]}
            """, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("slaTargets[0].responseMinutes")[0].GetString().ShouldBe("取值类型或格式不正确");
    }

    [Fact]
    public async Task An_unknown_enum_value_is_400_naming_the_field()
    {
        var client = await factory.ApiClientAsync("admin");
        var demo = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var response = await client.PutAsync($"/api/units/{demo}/contract", new StringContent("""
            {"title":"x","startsOn":"2026-01-01","endsOn":"2026-12-31","calendarMode":"Sometimes","workingHours":"08:00-12:00"}
            """, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").TryGetProperty("calendarMode", out _).ShouldBeTrue();
    }
}
