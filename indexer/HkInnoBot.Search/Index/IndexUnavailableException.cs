namespace HkInnoBot.Search.Index;

/// <summary>No usable index exists and none could be built.</summary>
public sealed class IndexUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
