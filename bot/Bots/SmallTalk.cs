namespace HkInnoBot.Bot.Bots;

public enum SmallTalkKind { None, Help, Greeting, Thanks, NoWords }

/// <summary>
/// Recognises messages that are not questions about the policy: a request for help, a greeting, thanks, or a message
/// of emoji and punctuation only (😀, 👍, "..."). Only a whole message counts ("你好" is a greeting, "你好，數碼港在
/// 哪裏？" is a question), so no question is lost.
/// </summary>
public static class SmallTalk
{
    private static readonly Dictionary<string, SmallTalkKind> Phrases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["help"] = SmallTalkKind.Help, ["幫助"] = SmallTalkKind.Help, ["帮助"] = SmallTalkKind.Help,
        ["?"] = SmallTalkKind.Help, ["？"] = SmallTalkKind.Help, ["說明"] = SmallTalkKind.Help, ["说明"] = SmallTalkKind.Help,
        ["hi"] = SmallTalkKind.Greeting, ["hello"] = SmallTalkKind.Greeting, ["hey"] = SmallTalkKind.Greeting,
        ["你好"] = SmallTalkKind.Greeting, ["您好"] = SmallTalkKind.Greeting, ["哈囉"] = SmallTalkKind.Greeting,
        ["哈啰"] = SmallTalkKind.Greeting, ["早晨"] = SmallTalkKind.Greeting, ["早安"] = SmallTalkKind.Greeting,
        ["午安"] = SmallTalkKind.Greeting, ["晚安"] = SmallTalkKind.Greeting, ["喂"] = SmallTalkKind.Greeting,
        ["thanks"] = SmallTalkKind.Thanks, ["thank you"] = SmallTalkKind.Thanks, ["thx"] = SmallTalkKind.Thanks,
        ["謝謝"] = SmallTalkKind.Thanks, ["谢谢"] = SmallTalkKind.Thanks, ["多謝"] = SmallTalkKind.Thanks,
        ["多谢"] = SmallTalkKind.Thanks, ["唔該"] = SmallTalkKind.Thanks, ["唔该"] = SmallTalkKind.Thanks,
        ["唔該晒"] = SmallTalkKind.Thanks, ["唔该晒"] = SmallTalkKind.Thanks, ["多謝晒"] = SmallTalkKind.Thanks, ["多谢晒"] = SmallTalkKind.Thanks,
        ["感謝"] = SmallTalkKind.Thanks, ["感谢"] = SmallTalkKind.Thanks,
    };

    // Trailing punctuation and emphasis do not change what a short message means ("你好！", "thanks!!", "?").
    private static readonly char[] Decoration = ['!', '！', '.', '。', '~', '～', ',', '，', ' ', '啊', '呀', '哦'];

    // Questions are longer than any phrase: they need no look-up.
    private static readonly int Longest = Phrases.Keys.Max(phrase => phrase.Length);

    public static SmallTalkKind Recognize(string message)
    {
        var trimmed = message.Trim();
        if (trimmed.Length <= Longest && Phrases.TryGetValue(trimmed, out var kind))
            return kind;
        var core = trimmed.TrimEnd(Decoration);
        if (core.Length > 0 && core.Length <= Longest && Phrases.TryGetValue(core, out kind))
            return kind;
        // Emoji are surrogate pairs and symbols, never letters or digits.
        return trimmed.Length > 0 && !trimmed.Any(char.IsLetterOrDigit) ? SmallTalkKind.NoWords : SmallTalkKind.None;
    }
}
