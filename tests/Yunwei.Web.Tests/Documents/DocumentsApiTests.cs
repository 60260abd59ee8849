using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Documents;

public sealed class DocumentsApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    private static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0];

    private async Task<(HttpClient Client, Guid Unit)> AsAsync(string user)
    {
        var client = await factory.ApiClientAsync(user);
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        return (client, unit);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    private static async Task<Guid> SubsystemAsync(HttpClient client, Guid unit, string name) =>
        (await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("subsystems").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

    [Fact]
    public async Task A_topology_is_archived_versioned_and_completes_its_subsystems_matrix()
    {
        var (client, unit) = await AsAsync("resident");
        var network = await SubsystemAsync(client, unit, "计算机网络");
        var before = (await (await client.GetAsync($"/api/units/{unit}/documents/completeness")).ReadJsonAsync()).EnumerateArray()
            .Single(r => r.GetProperty("subsystem").GetString() == "计算机网络");
        before.GetProperty("required").GetProperty("NetworkTopology").GetInt32().ShouldBe(0);

        var created = await client.PostAsync($"/api/units/{unit}/documents",
            Form(Pdf, "../../etc/核心网络拓扑 v1.pdf", ("title", "核心网络拓扑图"), ("kind", "NetworkTopology"), ("subsystemId", network.ToString())));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = System.Text.Json.JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetGuid();
        (await client.PostAsync($"/api/documents/{id}/versions", Form(Png, "拓扑.png", ("note", "增加二层交换机")))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var details = await (await client.GetAsync($"/api/documents/{id}")).ReadJsonAsync();
        details.GetProperty("document").GetProperty("currentVersion").GetInt32().ShouldBe(2);
        var versions = details.GetProperty("versions");
        versions.GetArrayLength().ShouldBe(2);
        versions[1].GetProperty("fileName").GetString().ShouldBe("核心网络拓扑 v1.pdf", "the path is stripped from the name");
        versions[1].GetProperty("contentType").GetString().ShouldBe("application/pdf");
        versions[0].GetProperty("contentType").GetString().ShouldBe("image/png");
        versions[0].GetProperty("uploadedBy").GetString().ShouldBe("resident");

        var after = (await (await client.GetAsync($"/api/units/{unit}/documents/completeness")).ReadJsonAsync()).EnumerateArray()
            .Single(r => r.GetProperty("subsystem").GetString() == "计算机网络");
        after.GetProperty("required").GetProperty("NetworkTopology").GetInt32().ShouldBe(1);
        after.GetProperty("missing").GetInt32().ShouldBe(before.GetProperty("missing").GetInt32() - 1);
    }

    [Fact]
    public async Task The_required_document_kinds_of_a_subsystem_are_configurable()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var row = (await (await admin.GetAsync($"/api/units/{unit}/subsystems")).ReadJsonAsync()).EnumerateArray()
            .Single(r => r.GetProperty("name").GetString() == "信息发布");

        var updated = await admin.PutAsJsonAsync($"/api/subsystems/{row.GetProperty("id").GetGuid()}", new
        {
            name = "信息发布",
            sortOrder = row.GetProperty("sortOrder").GetInt32(),
            requiredDocuments = new[] { "Contract", "WiringDiagram", "Contract" },
            revision = row.GetProperty("revision").GetInt32(),
        });

        updated.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var matrix = (await (await admin.GetAsync($"/api/units/{unit}/documents/completeness")).ReadJsonAsync()).EnumerateArray()
            .Single(r => r.GetProperty("subsystem").GetString() == "信息发布");
        matrix.GetProperty("required").EnumerateObject().Select(p => p.Name).ShouldBe(["WiringDiagram", "Contract"], ignoreOrder: true);
        matrix.GetProperty("missing").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Files_are_served_inline_only_when_images_or_pdf_and_always_without_sniffing()
    {
        var (client, unit) = await AsAsync("resident");
        var pdf = await UploadAsync(client, unit, Pdf, "手册.pdf");
        var docx = await UploadAsync(client, unit, [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0], "交换机配置说明.docx");

        var inline = await client.GetAsync($"/api/documents/{pdf}/file");
        var download = await client.GetAsync($"/api/documents/{docx}/file");

        inline.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        inline.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        (await inline.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileNameStar.ShouldBe("交换机配置说明.docx");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        download.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox");
    }

    private static async Task<Guid> UploadAsync(HttpClient client, Guid unit, byte[] bytes, string name)
    {
        var response = await client.PostAsync($"/api/units/{unit}/documents", Form(bytes, name, ("title", name), ("kind", "DeviceManual")));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetGuid();
    }

    [Theory]
    [InlineData("setup.exe", "exe")]
    [InlineData("manual.pdf", "exe")]
    [InlineData("install.sh", "script")]
    [InlineData("page.html", "html")]
    [InlineData("data.bin", "unknown")]
    public async Task Programs_scripts_and_unknown_types_are_refused_whatever_their_name(string name, string content)
    {
        var (client, unit) = await AsAsync("resident");
        byte[] bytes = content switch
        {
            "exe" => Exe,
            "script" => "#!/bin/sh\nrm -rf /\n"u8.ToArray(),
            "html" => "<html><script>alert(1)</script></html>"u8.ToArray(),
            _ => [0x00, 0x01, 0x02, 0x03, 0xFE],
        };

        var response = await client.PostAsync($"/api/units/{unit}/documents", Form(bytes, name, ("title", "可疑文件"), ("kind", "Other")));

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("不支持的文件类型");
        var list = await (await client.GetAsync($"/api/units/{unit}/documents")).ReadJsonAsync();
        list.EnumerateArray().ShouldNotContain(d => d.GetProperty("title").GetString() == "可疑文件");
    }

    [Fact]
    public async Task Too_large_or_empty_files_are_refused_with_the_limit_named()
    {
        var (client, unit) = await AsAsync("resident");
        var big = new byte[(1024 * 1024) + 10];
        Pdf.CopyTo(big, 0);

        var tooLarge = await client.PostAsync($"/api/units/{unit}/documents", Form(big, "big.pdf", ("title", "大文件"), ("kind", "Other")));
        var empty = await client.PostAsync($"/api/units/{unit}/documents", Form([], "empty.pdf", ("title", "空文件"), ("kind", "Other")));

        (await tooLarge.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("文件不能超过 1 MB");
        (await empty.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("请选择文件");
    }

    [Fact]
    public async Task Another_units_documents_are_not_found_and_viewers_cannot_upload()
    {
        var (client, unit) = await AsAsync("resident");
        var id = await UploadAsync(client, unit, Pdf, "验收记录.pdf");
        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "DC" + Guid.NewGuid().ToString("N")[..6], name = "子法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var foreign = await UploadAsync(admin, other, Pdf, "别家.pdf");
        var rep = await factory.ApiClientAsync("client.rep");

        await (await client.GetAsync($"/api/documents/{foreign}")).ShouldBeProblemAsync(404);
        await (await client.GetAsync($"/api/documents/{foreign}/file")).ShouldBeProblemAsync(404);
        await (await client.GetAsync($"/api/units/{other}/documents")).ShouldBeProblemAsync(404);
        (await rep.GetAsync($"/api/documents/{id}/file")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rep.PostAsync($"/api/units/{unit}/documents", Form(Pdf, "x.pdf", ("title", "x")))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
