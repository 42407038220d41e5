using HkInnoBot.Indexer.Analysis;
using HkInnoBot.Indexer.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Cards;

/// <summary>
/// Every reply the bot sends, in one place (Traditional Chinese). Rich replies are Adaptive Cards built as plain JSON
/// (schema 1.5, the newest Teams renders for bots) with a fallbackText for clients that cannot render cards.
/// Card buttons are Action.Submit with a <see cref="ButtonValue"/> as data, which every channel returns as the value.
/// </summary>
public static class AnswerCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>Shown as buttons on the welcome and help cards; each is answered by the policy text.</summary>
    public static readonly IReadOnlyList<string> ExampleQuestions =
    [
        "《香港創新科技發展藍圖》有哪四大發展方向？",
        "數碼港有多少間初創企業？",
        "「科技人才入境計劃」是甚麼？",
    ];

    public static IMessageActivity Welcome() => Introduction(
        "你好！我是香港創新科技政策問答機械人。",
        "請用中文（繁體、簡體或廣東話都可以）問我有關香港創科政策的問題，我會在政策文件中找出最相關的段落。試試以下問題：");

    public static IMessageActivity Help() => Introduction(
        "我可以做甚麼？",
        "- 回答有關香港創新科技政策的問題：直接輸入問題，繁體、簡體或廣東話都可以。\n" +
        "- 每個答案都附上所屬章節和資料來源，問題中的關鍵詞會以粗體標示。\n" +
        "- 按「更多結果」可以看其他相關段落。\n\n試試以下問題：");

    public static IMessageActivity Greeting() => MessageFactory.Text("你好！有甚麼關於香港創科政策的問題想問？輸入「幫助」可查看使用方法。");
    public static IMessageActivity Thanks() => MessageFactory.Text("不用客氣！還有其他問題，隨時問我。");
    public static IMessageActivity EmptyQuestion() => MessageFactory.Text($"請輸入你的問題，例如：「{ExampleQuestions[0]}」");
    public static IMessageActivity QuestionShortened(int maxLength) => MessageFactory.Text($"你的訊息太長，我只按首 {maxLength} 個字搜尋。");
    public static IMessageActivity ThanksForVote(bool helpful) => MessageFactory.Text(helpful
        ? "多謝你的意見！"
        : "多謝你的意見，我們會檢視這個答案。你也可以換個說法再問，或按「更多結果」看其他段落。");
    public static IMessageActivity SearchUnavailable() => MessageFactory.Text("搜尋服務暫時未能使用，請稍後再試。");
    public static IMessageActivity UnreadableButton() => MessageFactory.Text("這個按鈕的內容無法讀取，請直接輸入你的問題。");
    public static IMessageActivity PassageNotFound() => MessageFactory.Text("找不到這個段落，政策文件可能已經更新。請重新輸入你的問題。");
    public static IMessageActivity NoMoreResults() => MessageFactory.Text("沒有更多相關段落了。");
    public static IMessageActivity TurnFailed() => MessageFactory.Text("抱歉，處理你的訊息時出了問題，請再試一次。");

    /// <summary>The best passage for a question, with close alternatives and, when there are further hits, "more results".</summary>
    public static IMessageActivity Answer(string question, Hit best, IReadOnlyList<Hit> alternatives, int? moreOffset)
    {
        var actions = new JArray(alternatives.Select(hit =>
            Submit($"相關：{hit.Section}｜{Snippet(hit.Text, 16)}", ButtonValue.ShowPassage(question, hit.Id))));
        if (moreOffset is { } offset)
            actions.Add(Submit("更多結果", ButtonValue.MoreResults(question, offset)));
        return PassageCard(question, best, [.. actions, .. VoteButtons(question, best)]);
    }

    /// <summary>One passage the user picked from a button.</summary>
    public static IMessageActivity Passage(string question, Hit hit) =>
        PassageCard(question, hit, VoteButtons(question, hit));

    /// <summary>
    /// The reply in the asker's script: a question written in Simplified gets Simplified text and labels (ICU Hant→Hans;
    /// markdown emphasis is untouched). Button data keeps the user's own question and the passage ids.
    /// </summary>
    public static IMessageActivity InScript(IMessageActivity reply, Script script)
    {
        if (script == Script.Traditional)
            return reply;
        if (reply.Text is { } text)
            reply.Text = ScriptDetector.Display(text, script);
        foreach (var card in reply.Attachments?.Select(attachment => attachment.Content).OfType<JObject>() ?? [])
        {
            var shown = card.Descendants().OfType<JProperty>()
                .Where(property => property.Name is "text" or "title" or "fallbackText" && property.Value.Type == JTokenType.String)
                .Where(property => !property.Ancestors().OfType<JProperty>().Any(ancestor => ancestor.Name == "data"))
                .ToList();
            foreach (var property in shown)
                property.Value = ScriptDetector.Display((string)property.Value!, script);
            // An example question clicked in a Simplified conversation is asked, and answered, in Simplified.
            foreach (var data in card.Descendants().OfType<JObject>().Where(data => (string?)data["action"] == ButtonValue.Ask))
                data["q"] = ScriptDetector.Display((string)data["q"]!, script);
        }
        return reply;
    }

    /// <summary>A page of further hits, each openable in full, and "more results" again while hits remain.</summary>
    public static IMessageActivity MoreResults(string question, IReadOnlyList<Hit> hits, int? nextOffset)
    {
        var body = new JArray { Text($"「{question}」的其他相關段落", subtle: true) };
        foreach (var hit in hits)
        {
            body.Add(new JObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JArray { Text(hit.Section, bold: true), Text(Snippet(hit.Text, 80)) },
            });
        }
        var actions = new JArray(hits.Select(hit =>
            Submit($"{hit.Rank}. {hit.Section}｜{Snippet(hit.Text, 16)}", ButtonValue.ShowPassage(question, hit.Id))));
        if (nextOffset is { } offset)
            actions.Add(Submit("更多結果", ButtonValue.MoreResults(question, offset)));
        var fallback = string.Join("\n\n", hits.Select(hit => $"{hit.Rank}. {hit.Section}：{Snippet(hit.Text, 80)}"));
        return Card(body, actions, fallback);
    }

    /// <summary>The policy text does not answer the question: say so, and suggest what it does cover.</summary>
    public static IMessageActivity NoAnswer(IReadOnlyList<string> topics)
    {
        var message = "政策文件中沒有這個問題的答案。";
        var suggestion = topics.Count > 0 ? $"你可以問有關「{string.Join("」、「", topics)}」的問題，例如：" : "你可以試試以下問題：";
        return Card(
            [Text(message, bold: true), Text(suggestion)],
            ExampleButtons(),
            $"{message}{suggestion}\n" + string.Join("\n", ExampleQuestions));
    }

    private static IMessageActivity Introduction(string heading, string text) =>
        Card([Text(heading, bold: true, large: true), Text(text)], ExampleButtons(), $"{heading}\n{text}\n" + string.Join("\n", ExampleQuestions));

    private static JArray ExampleButtons() =>
        new(ExampleQuestions.Select(question => Submit(question, ButtonValue.AskQuestion(question))));

    /// <summary>The question, then — for how-many, when and which-rank questions — the short answer, then the passage.</summary>
    private static IMessageActivity PassageCard(string question, Hit hit, JArray actions)
    {
        var shortAnswer = ShortAnswer.Find(question, hit.Text) is { } span ? $"答：{span}" : null;
        var body = new JArray { Text($"問：{question}", subtle: true) };
        if (shortAnswer is not null)
            body.Add(Text(shortAnswer, bold: true, large: true));
        body.Add(Text(hit.Section, bold: true));
        body.Add(Text(hit.Highlighted));
        body.Add(Text(Source(hit), subtle: true));
        var fallback = string.Join("\n\n", new[] { shortAnswer, hit.Section, hit.Text, Source(hit) }.OfType<string>());
        return Card(body, actions, fallback);
    }

    private static string Source(Hit hit) => $"資料來源：{hit.Title}（{hit.Updated}）";

    private static JArray VoteButtons(string question, Hit hit) =>
    [
        Submit("👍 有幫助", ButtonValue.VoteOn(question, hit.Id, helpful: true)),
        Submit("👎 沒有幫助", ButtonValue.VoteOn(question, hit.Id, helpful: false)),
    ];

    private static IMessageActivity Card(JArray body, JArray actions, string fallbackText)
    {
        var card = new JObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["fallbackText"] = fallbackText,
            ["body"] = body,
        };
        if (actions.Count > 0)
            card["actions"] = actions;
        return MessageFactory.Attachment(new Attachment { ContentType = ContentType, Content = card });
    }

    private static JObject Text(string text, bool bold = false, bool large = false, bool subtle = false)
    {
        var block = new JObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (bold) block["weight"] = "Bolder";
        if (large) block["size"] = "Medium";
        if (subtle) block["isSubtle"] = true;
        return block;
    }

    private static JObject Submit(string title, ButtonValue value) =>
        new() { ["type"] = "Action.Submit", ["title"] = title, ["data"] = value.ToJson() };

    /// <summary>The start of a passage as plain text, for button titles and result lists.</summary>
    private static string Snippet(string text, int length)
    {
        var plain = QueryText.Clean(text);
        return plain.Length > length ? plain[..length] + "…" : plain;
    }
}
