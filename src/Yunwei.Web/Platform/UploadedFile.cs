namespace Yunwei.Web.Platform;

/// <summary>An uploaded file as it arrives: its stream and the name the user gave it.</summary>
public sealed record UploadedFile(Stream Content, string? FileName, long Length);
