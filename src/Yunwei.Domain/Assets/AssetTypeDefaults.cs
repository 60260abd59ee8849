namespace Yunwei.Domain.Assets;

/// <summary>The asset types a new unit starts with, by subsystem (docs/contract.md §1), each with typical attributes.</summary>
public static class AssetTypeDefaults
{
    public sealed record Entry(string Subsystem, string Name, IReadOnlyList<AttributeDefinition> Attributes);

    private static AttributeDefinition Ip(string key, string label, bool required = false) =>
        new() { Key = key, Label = label, Kind = AttributeKind.IpAddress, Required = required };

    private static AttributeDefinition Number(string key, string label, string? unit = null) =>
        new() { Key = key, Label = label, Kind = AttributeKind.Number, Unit = unit };

    private static AttributeDefinition Text(string key, string label) =>
        new() { Key = key, Label = label, Kind = AttributeKind.Text };

    private static AttributeDefinition Choice(string key, string label, params string[] options) =>
        new() { Key = key, Label = label, Kind = AttributeKind.Choice, Options = [.. options] };

    public static IReadOnlyList<Entry> All() =>
    [
        new("办公自动化", "台式计算机", [Text("os", "操作系统"), Text("user", "使用人")]),
        new("办公自动化", "笔记本电脑", [Text("os", "操作系统"), Text("user", "使用人")]),
        new("办公自动化", "打印机", [Choice("connection", "连接方式", "网络", "USB")]),
        new("办公自动化", "复印机", []),
        new("计算机网络", "交换机", [Ip("managementIp", "管理IP"), Number("ports", "端口数"), Choice("layer", "层级", "核心", "汇聚", "接入")]),
        new("计算机网络", "路由器", [Ip("managementIp", "管理IP")]),
        new("计算机网络", "防火墙", [Ip("managementIp", "管理IP"), Text("firmware", "固件版本")]),
        new("有(无)线通信", "无线AP", [Ip("managementIp", "管理IP"), Text("ssid", "SSID")]),
        new("信息管理", "服务器", [Text("os", "操作系统"), Number("cpuCores", "CPU 核数"), Number("memory", "内存", "GB")]),
        new("信息管理", "存储", [Number("capacity", "容量", "TB"), Choice("raid", "RAID 级别", "RAID1", "RAID5", "RAID6", "RAID10")]),
        new("机房", "UPS", [Number("capacity", "额定容量", "kVA"), Number("batteries", "电池节数"), Number("runtime", "后备时间", "分钟")]),
        new("机房", "精密空调", [Number("cooling", "制冷量", "kW")]),
        new("安防", "摄像机", [Text("nvr", "所属NVR"), Number("channel", "通道号"), Choice("form", "形态", "枪机", "球机", "半球")]),
        new("安防", "NVR", [Number("channels", "通道数"), Number("storage", "存储容量", "TB"), Number("retention", "录像保存天数", "天")]),
        new("一卡通", "门禁控制器", [Number("doors", "门数"), Ip("managementIp", "管理IP")]),
        new("一卡通", "闸机", []),
        new("电子会议", "会议主机", []),
        new("视频会议", "视频会议终端", [Ip("managementIp", "管理IP"), Text("number", "会议号码")]),
        new("视频会议", "显示屏", [Number("size", "尺寸", "英寸")]),
        new("信息发布", "信息发布屏", [Number("size", "尺寸", "英寸")]),
        new("科技法庭", "庭审主机", [Text("courtroom", "所在法庭")]),
        new("信息安全", "安全设备", [Ip("managementIp", "管理IP"), Text("function", "功能")]),
    ];
}
