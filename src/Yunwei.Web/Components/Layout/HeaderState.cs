namespace Yunwei.Web.Components.Layout;

/// <summary>Lets a page ask the layout to recount its header badges (e.g. after a decision).</summary>
public sealed class HeaderState(Func<Task> refresh)
{
    public Task RefreshAsync() => refresh();
}
