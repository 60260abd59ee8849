using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Features.Faults.Intake;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class MailFaultJourneyTests(BrowserFixture fixture)
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A fault reported by mail from a stranger: the engineer sees the unverified sender, the address and the attachment, and opens it.</summary>
    [SkippableFact]
    public async Task The_engineer_sees_an_unverified_mail_report_with_its_attachment()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var subject = "档案室空调漏水 " + Guid.NewGuid().ToString("N")[..4];
        Guid? faultId = null;
        await fixture.RunAsync<InboundMailHandler>(async (mailIn, services) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
            var unit = await db.ClientUnits.SingleAsync(u => u.Code == "DEMO");
            var mailbox = await db.UnitMailboxes.FirstOrDefaultAsync(m => m.ClientUnitId == unit.Id);
            if (mailbox is null)
            {
                mailbox = new UnitMailbox { ClientUnitId = unit.Id, Enabled = false };
                db.UnitMailboxes.Add(mailbox);
                await db.SaveChangesAsync();
            }

            var message = new MimeMessage { Subject = subject, MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("outside.test") };
            message.From.Add(new MailboxAddress("物业 钱师傅", "qian@property.test"));
            var body = new BodyBuilder { TextBody = "档案室天花板空调冷凝水漏到机柜旁，请尽快处理。" };
            body.Attachments.Add("漏水照片.png", Png, new ContentType("image", "png"));
            message.Body = body.ToMessageBody();
            faultId = (await mailIn.ProcessAsync(mailbox, message)).FaultId;
        });

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync($"/faults/{faultId}");
        await BrowserFixture.WaitInteractiveAsync(page);
        var facts = page.GetByTestId("fault-facts");
        await facts.Filter(new() { HasText = "发件人未验证" }).WaitForAsync();
        (await facts.InnerTextAsync()).ShouldContain("qian@property.test");
        (await facts.InnerTextAsync()).ShouldContain("邮件");
        var link = page.GetByTestId("fault-attachments").GetByRole(AriaRole.Link, new() { Name = "漏水照片.png" });
        var href = await link.GetAttributeAsync("href");
        // Relative to the document base ("/"), as the browser resolves it.
        var download = await page.APIRequest.GetAsync(new Uri(new Uri(page.Url), "/" + href).ToString());
        download.Status.ShouldBe(200);
        (await download.BodyAsync()).ShouldBe(Png);
        await BrowserFixture.ScreenshotAsync(page, "fault-by-mail");
        await page.Context.CloseAsync();
    }
}
