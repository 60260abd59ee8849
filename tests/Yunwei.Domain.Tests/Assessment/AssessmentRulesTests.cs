using FsCheck.Xunit;
using Shouldly;
using Yunwei.Domain.Assessment;

namespace Yunwei.Domain.Tests.Assessment;

public class AssessmentRulesTests
{
    private static readonly AssessmentBands Bands = new();

    [Fact]
    public void A_quarter_with_known_breaches_scores_each_deduction_and_lands_in_its_band()
    {
        var items = AssessmentDefaults.Items();
        var inputs = new Dictionary<string, ItemInput>
        {
            ["fault-l2"] = new(2),              // −2
            ["late-arrival"] = new(1),          // −1
            ["slow-classification"] = new(3),   // −1.5
            ["inspection-missed"] = new(1),     // −5
            ["list-missing"] = new(2),          // −2
            ["complaint-escalated"] = new(1),   // −5
            ["out-of-scope"] = new(1),          // +2
            ["engineer"] = new(90),             // 90 × 10 %
            ["goals"] = new(80),                // 80 × 10 %
        };
        var score = AssessmentRules.Score(items, inputs, Bands);
        score.ServiceScore.ShouldBe(85.5m);
        score.Items.Single(i => i.Item.Key == "inspection-missed").Points.ShouldBe(-5);
        score.Total.ShouldBe(85.5m * 0.8m + 9 + 8); // 85.4
        score.Rating.ShouldBe(Rating.Good);
        score.Missing.ShouldBeEmpty();
    }

    [Fact]
    public void Caps_limit_a_deduction_or_bonus_and_adjustments_carry_their_reason()
    {
        List<AssessmentItem> items =
        [
            new() { Key = "camera", Name = "摄像机离线超 8 小时", Kind = AssessmentItemKind.Deduction, Points = 1, Cap = 5 },
            new() { Key = "bonus", Name = "加分", Kind = AssessmentItemKind.Bonus, Points = 2, Cap = 4 },
        ];
        var score = AssessmentRules.Score(items, new Dictionary<string, ItemInput>
        {
            ["camera"] = new(12, Adjustment: 1, Reason: "其中一台为甲方断电"),
            ["bonus"] = new(3),
        }, Bands);
        score.Items[0].Points.ShouldBe(-4);
        score.Items[1].Points.ShouldBe(4);
        score.Total.ShouldBe(100);
        score.Rating.ShouldBe(Rating.Excellent);
    }

    [Theory]
    [InlineData(90, Rating.Excellent)]
    [InlineData(89.99, Rating.Good)]
    [InlineData(75, Rating.Good)]
    [InlineData(74.5, Rating.Pass)]
    [InlineData(60, Rating.Pass)]
    [InlineData(59.99, Rating.Fail)]
    public void Bands_follow_the_domain_defaults(double score, Rating rating) =>
        AssessmentRules.Band((decimal)score, Bands).ShouldBe(rating);

    [Fact]
    public void A_missing_weighted_score_counts_as_zero_and_is_reported()
    {
        var score = AssessmentRules.Score(AssessmentDefaults.Items(), new Dictionary<string, ItemInput>(), Bands);
        score.Missing.ShouldBe(["engineer", "goals"], ignoreOrder: true);
        score.Total.ShouldBe(80);
    }

    [Property]
    public bool The_total_stays_between_0_and_100(byte a, byte b, byte c, byte engineer)
    {
        var score = AssessmentRules.Score(AssessmentDefaults.Items(), new Dictionary<string, ItemInput>
        {
            ["inspection-missed"] = new(a),
            ["out-of-scope"] = new(b),
            ["bonus"] = new(c, Adjustment: c - 128),
            ["engineer"] = new(engineer),
            ["goals"] = new(engineer / 2),
        }, Bands);
        return score.Total is >= 0 and <= 100;
    }

    [Fact]
    public void Templates_with_weights_over_100_or_bands_out_of_order_are_refused()
    {
        List<AssessmentItem> heavy = [new() { Key = "a", Name = "a", Kind = AssessmentItemKind.WeightedScore, Weight = 60 }, new() { Key = "b", Name = "b", Kind = AssessmentItemKind.WeightedScore, Weight = 50 }];
        AssessmentRules.Validate(heavy, Bands).ShouldContain("Assessment.Error.Weights");
        AssessmentRules.Validate(AssessmentDefaults.Items(), new AssessmentBands { Excellent = 70, Good = 75, Pass = 60 }).ShouldContain("Assessment.Error.Bands");
        AssessmentRules.Validate(AssessmentDefaults.Items(), Bands).ShouldBeEmpty();
    }

    [Fact]
    public void Goal_completion_is_weighted_and_quarters_parse()
    {
        AssessmentRules.GoalCompletion([(60, 100m), (40, 50m)]).ShouldBe(80);
        AssessmentRules.GoalCompletion([(60, null), (40, 150m)]).ShouldBe(40);
        Quarter.TryParse("2026Q2", out var q).ShouldBeTrue();
        (q.Start, q.End).ShouldBe((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)));
        Quarter.TryParse("2026Q5", out _).ShouldBeFalse();
        Quarter.Of(new DateOnly(2026, 12, 31)).ToString().ShouldBe("2026Q4");
    }
}
