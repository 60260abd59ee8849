namespace Yunwei.Web;

/// <summary>Marker for the shared UI texts in Resources/SharedResource(.en).resx.</summary>
public sealed class SharedResource
{
}
