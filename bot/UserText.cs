namespace HkInnoBot.Bot;

/// <summary>Tidying of text that comes from users (messages, button values) before it is searched or shown.</summary>
public static class UserText
{
    /// <summary>Control characters become spaces and runs of spaces collapse; everything else is the user's.</summary>
    public static string Clean(string? text)
    {
        var spaced = new string((text ?? "").Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return string.Join(' ', spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>At most <paramref name="maxLength"/> characters, never cutting an emoji or other surrogate pair in half.</summary>
    public static string Shorten(string text, int maxLength)
    {
        if (text.Length <= maxLength)
            return text;
        return text[..(char.IsHighSurrogate(text[maxLength - 1]) ? maxLength - 1 : maxLength)];
    }
}
