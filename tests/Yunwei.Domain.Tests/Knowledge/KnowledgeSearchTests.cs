using Yunwei.Domain.Knowledge;

namespace Yunwei.Domain.Tests.Knowledge;

public class KnowledgeSearchTests
{
    private static double Score(string query, string title, string symptom, string fix = "") =>
        KnowledgeSearch.Score(query, (title, 3), (symptom, 2), (fix, 1));

    [Fact]
    public void Han_text_becomes_bigrams_and_latin_words_stay_whole()
    {
        KnowledgeSearch.Terms("UPS 电池告警").ShouldBe(["ups", "电池", "池告", "告警"]);
        KnowledgeSearch.Terms("核心交换机Gi1/0/24端口").ShouldBe(["核心", "心交", "交换", "换机", "gi1", "0", "24", "端口"]);
        KnowledgeSearch.Terms("ＮＶＲ硬盘").ShouldBe(["nvr", "硬盘"], "full-width letters fold to half-width");
    }

    [Theory]
    [InlineData("打印机一直卡纸", "打印机卡纸", "三楼打印机卡纸，无法打印")]
    [InlineData("录音录像主机开不了机", "科技法庭录音录像主机无法启动", "庭审录音录像主机按电源键无反应")]
    [InlineData("核心交换机端口闪断", "核心交换机端口频繁 up/down", "Gi1/0/24 端口反复 up/down，业务时断时续")]
    [InlineData("门禁刷卡没反应", "门禁控制器离线导致刷卡无反应", "一楼大厅门禁刷卡不开门")]
    [InlineData("视频会议对方听不到声音", "视频会议终端无声", "会议中对方听不到我方声音，麦克风指示灯正常")]
    public void Real_phrasings_of_the_same_fault_match(string query, string title, string symptom) =>
        Score(query, title, symptom).ShouldBeGreaterThan(0);

    [Theory]
    [InlineData("服务器宕机", "打印机卡纸", "三楼打印机卡纸，无法打印")]
    [InlineData("UPS电池告警", "门禁控制器离线", "一楼大厅门禁刷卡不开门")]
    [InlineData("机房空调漏水", "视频会议终端无声", "会议中对方听不到我方声音")]
    public void Unrelated_faults_do_not_match(string query, string title, string symptom) =>
        Score(query, title, symptom).ShouldBe(0);

    [Fact]
    public void The_closer_article_ranks_first()
    {
        var query = "录音录像主机无法启动";

        var same = Score(query, "科技法庭录音录像主机无法启动", "庭审前开机，主机无反应", "更换电源模块");
        var related = Score(query, "录像机硬盘报警", "NVR 录像主机硬盘告警，录像中断", "更换硬盘");
        var other = Score(query, "信息发布屏黑屏", "大厅信息发布屏无法启动", "重启播放器");

        same.ShouldBeGreaterThan(related);
        related.ShouldBeGreaterThanOrEqualTo(other);
    }

    [Fact]
    public void A_title_match_outranks_the_same_words_in_the_fix()
    {
        var inTitle = Score("UPS 电池老化", "UPS 电池老化", "后备时间不足");
        var inFix = KnowledgeSearch.Score("UPS 电池老化", ("机房断电告警", 3), ("市电中断", 2), ("检查发现 UPS 电池老化，更换整组电池", 1));

        inTitle.ShouldBeGreaterThan(inFix);
    }

    [Fact]
    public void Empty_or_punctuation_only_queries_match_nothing() =>
        Score("？！，", "打印机卡纸", "无法打印").ShouldBe(0);
}
