using FsCheck.Xunit;
using Yunwei.Domain.Notifications;

namespace Yunwei.Domain.Tests.Notifications;

public sealed class MailRulesTests
{
    private static Func<string, string?> Headers(params (string Name, string Value)[] headers) =>
        name => headers.Where(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    [Theory]
    [InlineData("Auto-Submitted", "auto-replied")]
    [InlineData("Auto-Submitted", "auto-generated")]
    [InlineData("X-Autoreply", "yes")]
    [InlineData("X-Auto-Response-Suppress", "All")]
    [InlineData("Precedence", "bulk")]
    [InlineData("List-Id", "<ops.lists.court.test>")]
    [InlineData("X-Yunwei-Mail", "1")]
    [InlineData("Return-Path", "<>")]
    public void Automatic_mail_is_recognised_by_its_headers(string name, string value) =>
        MailRules.Automatic(Headers((name, value)), "someone@court.test", "会议室投影仪坏了", "text/plain", []).ShouldNotBeNull();

    [Theory]
    [InlineData("mailer-daemon@court.test", "Undelivered")]
    [InlineData("noreply@vendor.test", "通知")]
    [InlineData("someone@court.test", "自动回复：我正在休假")]
    [InlineData("someone@court.test", "Automatic reply: out of office")]
    public void Automatic_mail_is_recognised_by_its_sender_or_subject(string from, string subject) =>
        MailRules.Automatic(Headers(), from, subject, "text/plain", []).ShouldNotBeNull();

    [Fact]
    public void Our_own_address_and_delivery_reports_are_loops_and_a_person_is_not()
    {
        MailRules.Automatic(Headers(), "BaoXiu@court.test", "打印机", "text/plain", ["baoxiu@court.test"]).ShouldStartWith("loop");
        MailRules.Automatic(Headers(), "x@court.test", "打印机", "multipart/report", []).ShouldBe("delivery report");
        MailRules.Automatic(Headers(("Auto-Submitted", "no")), "zhao@court.test", "回复：[FY-20260302-001] 报修已受理", "text/plain", ["baoxiu@court.test"]).ShouldBeNull();
    }

    [Theory]
    [InlineData("回复：[FY-20260302-001] 报修已受理", "FY-20260302-001")]
    [InlineData("Re: BJ-FY-20261127-012 打印机", "BJ-FY-20261127-012")]
    [InlineData("故障FY-20260302-001仍未解决", "FY-20260302-001")]
    [InlineData("fy-20260302-0015", "FY-20260302-0015")]
    public void The_fault_number_is_read_from_the_subject(string subject, string number) =>
        MailRules.FaultNumbers(subject).ShouldBe([number]);

    [Theory]
    [InlineData("打印机卡纸")]
    [InlineData("电话 010-12345678 联系")]
    [InlineData("FY-2026030-001")]
    public void Subjects_without_a_number_name_none(string subject) => MailRules.FaultNumbers(subject).ShouldBeEmpty();

    [Fact]
    public void The_new_text_of_a_reply_stops_at_the_quoted_original()
    {
        MailRules.NewText("更换线缆后仍无信号。\n\n-----原始邮件-----\n您好").ShouldBe("更换线缆后仍无信号。");
        MailRules.NewText("已恢复\r\nOn Fri, 27 Nov 2026 someone wrote:\r\n> old").ShouldBe("已恢复");
        MailRules.NewText("> only quoted").ShouldBe("> only quoted");
    }
}

public sealed class QuietHoursTests
{
    private static DateTime China(int hour, int minute = 0) => ChinaTime.ToUtc(new DateTime(2026, 11, 27, hour, minute, 0));

    [Fact]
    public void Inside_quiet_hours_mail_waits_for_their_end_spanning_midnight_too()
    {
        Delivery.MailDue(China(23), new TimeOnly(22, 0), new TimeOnly(7, 30), urgent: false).ShouldBe(ChinaTime.ToUtc(new DateTime(2026, 11, 28, 7, 30, 0)));
        Delivery.MailDue(China(3), new TimeOnly(22, 0), new TimeOnly(7, 30), urgent: false).ShouldBe(China(7, 30));
        Delivery.MailDue(China(12, 30), new TimeOnly(12, 0), new TimeOnly(14, 0), urgent: false).ShouldBe(China(14));
    }

    [Fact]
    public void Outside_quiet_hours_without_them_or_urgent_mail_goes_now()
    {
        Delivery.MailDue(China(8), new TimeOnly(22, 0), new TimeOnly(7, 30), urgent: false).ShouldBe(China(8));
        Delivery.MailDue(China(23), null, null, urgent: false).ShouldBe(China(23));
        Delivery.MailDue(China(23), new TimeOnly(22, 0), new TimeOnly(7, 30), urgent: true).ShouldBe(China(23));
    }

    [Property(MaxTest = 500)]
    public bool Mail_goes_at_the_first_moment_outside_quiet_hours_and_within_a_day(int minutes, byte from, byte to)
    {
        var now = China(0).AddMinutes(Math.Abs(minutes % 1440));
        var (f, t) = (new TimeOnly(from % 24, 0), new TimeOnly(to % 24, 0));
        bool Inside(DateTime utc)
        {
            var local = TimeOnly.FromDateTime(ChinaTime.ToLocal(utc));
            return f < t ? local >= f && local < t : f > t && (local >= f || local < t);
        }

        var due = Delivery.MailDue(now, f, t, urgent: false);
        return due >= now && due - now <= TimeSpan.FromDays(1) && !Inside(due) && (due == now || (Inside(now) && Inside(due.AddMinutes(-1))));
    }
}
