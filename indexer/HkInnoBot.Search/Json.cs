using System.Text.Encodings.Web;
using System.Text.Json;

namespace HkInnoBot.Search;

/// <summary>The project's two JSON dialects.</summary>
public static class Json
{
    /// <summary>Files people write (metadata sidecars, question sets): property names in any case.</summary>
    public static readonly JsonSerializerOptions Lenient = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Lines the project writes (batch search, feedback): camelCase, Chinese as it is, not \u-escaped.</summary>
    public static readonly JsonSerializerOptions Lines = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
    };
}
