using System.Net;
using System.Net.Http.Json;
using System.Text;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Roster;

/// <summary>iCalendar feeds read back by Ical.Net and checked line by line against RFC 5545's rules.</summary>
public sealed class CalendarFeedTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task An_engineers_feed_lists_published_shifts_in_Asia_Shanghai_and_stops_when_revoked()
    {
        var account = await factory.ApiClientAsync("account");
        var duty = await factory.ApiClientAsync("duty");
        var unit = (await (await account.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var roster = await (await account.GetAsync($"/api/units/{unit}/roster/2026-03")).ReadJsonAsync();
        var dutyId = roster.GetProperty("engineers").EnumerateArray().Single(e => e.GetProperty("name").GetString()!.Contains("值班")).GetProperty("id").GetGuid();
        (await account.PostAsJsonAsync($"/api/units/{unit}/roster/shifts", new { date = "2026-03-10", kind = "Day", engineerId = dutyId })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await account.PostAsJsonAsync($"/api/units/{unit}/roster/shifts", new { date = "2026-03-11", kind = "Night", engineerId = dutyId })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var created = await duty.PostAsJsonAsync("/api/roster/feeds", new { kind = "Engineer" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = new Uri((await created.ReadJsonAsync()).GetProperty("url").GetString()!);
        var anonymous = factory.CreateClient();

        // Not published yet: nothing in the feed.
        var empty = await anonymous.GetStringAsync(url.PathAndQuery);
        Ical.Net.Calendar.Load(empty)!.Events.ShouldBeEmpty();

        var revision = (await (await account.GetAsync($"/api/units/{unit}/roster/2026-03")).ReadJsonAsync()).GetProperty("revision").GetInt32();
        (await account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-03/publish", new { revision, gapsAcknowledgement = "测试" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await anonymous.GetAsync(url.PathAndQuery);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = await response.Content.ReadAsStringAsync();

        var calendar = Ical.Net.Calendar.Load(text)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.Value).ToList();
        events.Count.ShouldBe(2);
        events[0].DtStart!.TzId.ShouldBe("Asia/Shanghai");
        events[0].DtStart!.Value.ShouldBe(new DateTime(2026, 3, 10, 8, 0, 0));
        events[1].DtEnd!.Value.ShouldBe(new DateTime(2026, 3, 12, 8, 0, 0));
        events[0].Summary!.ShouldContain("白班");
        calendar.TimeZones.ShouldContain(z => z.TzId == "Asia/Shanghai");

        RfcLines(text).ShouldBeEmpty();

        var feeds = await (await duty.GetAsync("/api/roster/feeds")).ReadJsonAsync();
        (await duty.DeleteAsync($"/api/roster/feeds/{feeds[0].GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await anonymous.GetAsync(url.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync("/ical/0000000000000000.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_engineers_have_their_own_feed_and_a_unit_feed_needs_the_unit()
    {
        var client = await factory.ApiClientAsync("client.admin");
        (await (await client.PostAsJsonAsync("/api/roster/feeds", new { kind = "Engineer" })).ShouldBeProblemAsync(400)).ShouldNotBe(default);
        (await client.PostAsJsonAsync("/api/roster/feeds", new { kind = "Unit", unitId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync("/api/roster/feeds", new { kind = "Unit", unitId = unit })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>
    /// A second, independent reading of RFC 5545: CRLF line ends, content lines of at most 75 octets
    /// (folded with a leading space), VERSION 2.0 and PRODID, and each event with UID, DTSTAMP and a
    /// DTSTART bound to the Asia/Shanghai zone the calendar defines. Returns the problems found.
    /// </summary>
    private static List<string> RfcLines(string text)
    {
        var problems = new List<string>();
        if (text.Replace("\r\n", "", StringComparison.Ordinal).Contains('\n', StringComparison.Ordinal))
        {
            problems.Add("bare LF");
        }

        var physical = text.Split("\r\n");
        problems.AddRange(physical.Where(l => Encoding.UTF8.GetByteCount(l) > 75).Select(l => "long line: " + l));
        var lines = new List<string>();
        foreach (var line in physical.Where(l => l.Length > 0))
        {
            if (line[0] is ' ' or '\t' && lines.Count > 0)
            {
                lines[^1] += line[1..];
            }
            else
            {
                lines.Add(line);
            }
        }

        if (lines.FirstOrDefault() != "BEGIN:VCALENDAR" || lines.LastOrDefault() != "END:VCALENDAR")
        {
            problems.Add("not a VCALENDAR");
        }

        foreach (var required in new[] { "VERSION:2.0", "PRODID:", "BEGIN:VTIMEZONE", "TZID:Asia/Shanghai" })
        {
            if (!lines.Any(l => l.StartsWith(required, StringComparison.Ordinal)))
            {
                problems.Add("missing " + required);
            }
        }

        var inEvent = false;
        var props = new List<string>();
        foreach (var line in lines)
        {
            if (line == "BEGIN:VEVENT")
            {
                (inEvent, props) = (true, []);
            }
            else if (line == "END:VEVENT")
            {
                inEvent = false;
                foreach (var p in new[] { "UID:", "DTSTAMP:", "DTSTART;TZID=Asia/Shanghai:", "DTEND;TZID=Asia/Shanghai:" })
                {
                    if (!props.Any(x => x.StartsWith(p, StringComparison.Ordinal)))
                    {
                        problems.Add("event without " + p);
                    }
                }
            }
            else if (inEvent)
            {
                props.Add(line);
            }
        }

        return problems;
    }
}
