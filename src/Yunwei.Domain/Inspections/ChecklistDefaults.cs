namespace Yunwei.Domain.Inspections;

/// <summary>
/// The checklists every unit starts with, one per default subsystem, from docs/contract.md §13 (GB 50174-2017
/// Appendix A for the server room; common practice for the rest). A unit edits its own copies.
/// </summary>
public static class ChecklistDefaults
{
    private static ChecklistItem Check(string name, params string[] assetTypes) =>
        new() { Name = name, Kind = ChecklistItemKind.PassFail, AssetTypes = [.. assetTypes] };

    private static ChecklistItem Photo(string name, params string[] assetTypes) =>
        new() { Name = name, Kind = ChecklistItemKind.PassFail, PhotoRequired = true, AssetTypes = [.. assetTypes] };

    private static ChecklistItem Reading(string name, string unit, decimal? min, decimal? max, decimal? faultMin = null, decimal? faultMax = null, params string[] assetTypes) =>
        new() { Name = name, Kind = ChecklistItemKind.Reading, Unit = unit, NormalMin = min, NormalMax = max, FaultMin = faultMin, FaultMax = faultMax, AssetTypes = [.. assetTypes] };

    private static ChecklistItem Choice(string name, (string Label, ItemResult Result)[] options, params string[] assetTypes) =>
        new() { Name = name, Kind = ChecklistItemKind.Choice, Choices = [.. options.Select(o => new ChoiceOption { Label = o.Label, Result = o.Result })], AssetTypes = [.. assetTypes] };

    private static ChecklistItem Text(string name, params string[] assetTypes) =>
        new() { Name = name, Kind = ChecklistItemKind.Text, AssetTypes = [.. assetTypes] };

    private static readonly (string, ItemResult)[] UpsMode = [("逆变", ItemResult.Normal), ("旁路", ItemResult.Warning), ("电池供电", ItemResult.Fault)];

    /// <summary>Items per default subsystem name (<see cref="Assets.Subsystem.DefaultNames"/>).</summary>
    public static IReadOnlyList<ChecklistItem> For(string subsystem)
    {
        List<ChecklistItem> items = subsystem switch
        {
            "机房" =>
            [
                Reading("冷通道温度（0.2 m）", "℃", 18, 27, 15, 32),
                Reading("冷通道温度（1.1 m）", "℃", 18, 27, 15, 32),
                Reading("冷通道温度（2.0 m）", "℃", 18, 27, 15, 32),
                Reading("相对湿度", "%", null, 60, null, 80),
                Reading("露点温度", "℃", 5.5m, 15),
                Reading("UPS 电池室温度", "℃", 20, 30, 15, 35),
                Check("精密空调运行及告警", "精密空调"),
                Reading("回风温度", "℃", 18, 30, null, 35, "精密空调"),
                Check("过滤网、冷凝水排水", "精密空调"),
                Check("气体灭火钢瓶压力"),
                Check("漏水检测"),
                Photo("人员出入登记"),
                Check("UPS 面板告警", "UPS"),
                Choice("UPS 运行模式", UpsMode, "UPS"),
                Reading("电池组电压", "V", 400, 480, 360, 500, "UPS"),
                Reading("负载率", "%", null, 70, null, 90, "UPS"),
                Reading("后备时间", "分钟", 30, null, 10, null, "UPS"),
            ],
            "计算机网络" =>
            [
                Reading("CPU 使用率（5 分钟）", "%", null, 80, null, 95, "交换机", "路由器", "防火墙"),
                Reading("内存使用率", "%", null, 80, null, 95, "交换机", "路由器", "防火墙"),
                Check("端口状态与错误计数", "交换机", "路由器", "防火墙"),
                Check("风扇、电源、温度", "交换机", "路由器", "防火墙"),
                Check("日志与告警缓冲区", "交换机", "路由器", "防火墙"),
                Text("软件版本", "交换机", "路由器", "防火墙"),
            ],
            "信息管理" =>
            [
                Check("电源及冗余、风扇", "服务器", "存储"),
                Choice("RAID 状态", [("正常", ItemResult.Normal), ("降级", ItemResult.Fault), ("重建中", ItemResult.Warning)], "服务器", "存储"),
                Check("硬盘 SMART", "服务器", "存储"),
                Reading("CPU 使用率（5 分钟）", "%", null, 80, null, 95, "服务器"),
                Reading("磁盘/卷使用率", "%", null, 85, null, 95, "服务器", "存储"),
                Check("系统与安全日志", "服务器"),
                Check("备份作业"),
                Check("恢复测试"),
            ],
            "安防" =>
            [
                Reading("摄像机在线率", "%", 98, null, 90),
                Check("图像质量", "摄像机"),
                Reading("NVR 存储使用率", "%", null, 90, null, 98, "NVR"),
                Reading("录像保存天数", "天", 30, null, 15, null, "NVR"),
                Check("录像回放测试", "NVR"),
                Check("时间同步", "NVR"),
                Check("前端设备（镜头、云台）与线路"),
                Check("防雷接地"),
                Check("平台软件运行"),
            ],
            "一卡通" =>
            [
                Check("控制器在线", "门禁控制器"),
                Check("刷卡与人脸验证", "门禁控制器", "闸机"),
                Check("门锁、门磁、出门按钮", "门禁控制器"),
                Check("闸机与访客机权限下发"),
                Check("消防联动释放"),
                Check("事件上传与时钟同步"),
            ],
            "视频会议" =>
            [
                Check("终端告警", "视频会议终端"),
                Photo("测试呼叫（拨出与接听）"),
                Check("音频无断续、图像无马赛克、双流"),
                Check("麦克风、摄像机预置位"),
                Check("显示屏", "显示屏"),
                Reading("网络时延", "ms", null, 100, null, 300),
                Reading("丢包率", "%", null, 1, null, 5),
                Reading("抖动", "ms", null, 30, null, 100),
            ],
            "电子会议" =>
            [
                Check("会议主机运行", "会议主机"),
                Check("话筒、扩声、功放、音箱"),
                Check("矩阵与中控面板"),
            ],
            "科技法庭" =>
            [
                Check("庭审录音录像主机", "庭审主机"),
                Check("话筒、摄像机及合成画面"),
                Check("证据展示台"),
                Check("庭审上传与直播"),
                Check("语音识别"),
                Reading("磁盘使用率", "%", null, 85, null, 95, "庭审主机"),
            ],
            "信息发布" =>
            [
                Check("播放器在线", "信息发布屏"),
                Check("定时开关机", "信息发布屏"),
                Check("播放内容与审批排期一致"),
                Check("坏点与亮度", "信息发布屏"),
            ],
            "信息安全" =>
            [
                Check("杀毒软件安装及病毒库更新"),
                Check("系统与软件补丁"),
                Check("防火墙策略（默认拒绝，无 any-any）"),
                Check("入侵检测/防御运行", "安全设备"),
                Check("日志审计"),
                Check("过期账号与弱口令"),
                Check("漏洞扫描"),
            ],
            "办公自动化" =>
            [
                Check("办公终端运行与杀毒"),
                Check("打印机、复印机运行及耗材", "打印机", "复印机"),
                Check("办公系统访问"),
            ],
            "有(无)线通信" =>
            [
                Check("无线 AP 在线", "无线AP"),
                Check("信号覆盖与接入测试"),
                Check("电话与通信线路"),
            ],
            _ => [Check("运行状态"), Text("备注")],
        };
        ChecklistRules.AssignKeys(items, []);
        return items;
    }
}
