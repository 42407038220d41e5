using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using Microsoft.Bot.Builder;
using System.Text.Json;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Cards;

/// <summary>
/// Every reply the bot sends, in one place, written in Traditional Chinese and given in the asker's script. Rich replies
/// are Adaptive Cards (<see cref="AdaptiveCard"/>, schema 1.5, the newest Teams renders for bots) with a fallbackText
/// for clients that cannot render cards. Card buttons are Action.Submit with a <see cref="ButtonValue"/> as data, which
/// every channel returns as the value. An <see cref="Answer"/> arrives with its texts already in the asker's script;
/// only the fixed labels here are converted.
/// </summary>
/// <summary>How a channel lets a user vote on an answer.</summary>
public enum VoteWay
{
    /// <summary>👍/👎 buttons on the card (Emulator, and channels without feedback controls of their own).</summary>
    CardButtons,
    /// <summary>Web Chat's own feedback buttons, for VoteAction entities.</summary>
    WebChat,
    /// <summary>Teams' own feedback buttons, for replies with feedbackLoopEnabled.</summary>
    Teams,
}

public static class AnswerCards
{
    /// <summary>
    /// A reply as the channel expects it. Direct Line clients get a card's words as the text (the bot's own page draws
    /// only the card); Teams and the Emulator would draw the text above the card a second time, so there the words are
    /// the summary, which Teams shows in notifications and chat previews.
    /// </summary>
    public static IMessageActivity ForChannel(IMessageActivity reply, string? channelId)
    {
        if (channelId != Channels.Directline && reply.Attachments is { Count: > 0 } && reply.Text is { Length: > 0 } words)
            (reply.Summary, reply.Text) = (words, null);
        return reply;
    }

    /// <summary>Web Chat talks to the bot through Direct Line (Azure's or the built-in one); Teams is msteams.</summary>
    public static VoteWay VoteWayOf(string? channelId) => channelId switch
    {
        Channels.Directline => VoteWay.WebChat,
        Channels.Msteams => VoteWay.Teams,
        _ => VoteWay.CardButtons,
    };

    /// <summary>Shown as buttons on the welcome and help cards; each is answered by the policy text.</summary>
    public static readonly IReadOnlyList<string> ExampleQuestions =
    [
        "《香港創新科技發展藍圖》有哪四大發展方向？",
        "香港有多少間初創企業？",
        "「科技人才入境計劃」是甚麼？",
    ];

    public static IMessageActivity Welcome(Script script) => Introduction(script,
        "你好！我是香港創新科技政策問答機械人。",
        "請用中文（繁體、簡體或廣東話都可以）問我有關香港創科政策的問題，我會在政策文件中找出最相關的段落。試試以下問題：");

    public static IMessageActivity Help(Script script) => Introduction(script,
        "我可以做甚麼？",
        "- 回答有關香港創新科技政策的問題：直接輸入問題，繁體、簡體或廣東話都可以。\n" +
        "- 每個答案都附上所屬章節和資料來源，問題中的關鍵詞會以粗體標示。\n" +
        "- 按「更多結果」可以看其他相關段落。\n\n試試以下問題：");

    public static IMessageActivity Greeting(Script script) => Say(script, "你好！有甚麼關於香港創科政策的問題想問？輸入「幫助」可查看使用方法。");
    public static IMessageActivity Thanks(Script script) => Say(script, "不用客氣！還有其他問題，隨時問我。");
    public static IMessageActivity NoWords(Script script) => Say(script, "😊 想知道香港創科政策的甚麼？直接輸入問題就可以，例如：「" + ExampleQuestions[1] + "」");
    public static IMessageActivity EmptyQuestion(Script script) => Say(script, $"請輸入你的問題，例如：「{ExampleQuestions[0]}」");
    public static IMessageActivity QuestionShortened(Script script, int maxLength) => Say(script, $"你的訊息太長，我只按首 {maxLength} 個字搜尋。");
    public static IMessageActivity ThanksForVote(Script script, bool helpful) => Say(script, helpful
        ? "多謝你的意見！"
        : "多謝你的意見，我們會檢視這個答案。你也可以換個說法再問，或按「更多結果」看其他段落。");
    public static IMessageActivity AlreadyVoted(Script script) => Say(script, "你已經就這個答案提供過意見，多謝！");
    public static IMessageActivity VoteChanged(Script script) => Say(script, "已更新你對這個答案的意見，多謝！");
    public static IMessageActivity SearchUnavailable(Script script) => Say(script, "搜尋服務暫時未能使用，請稍後再試。");
    public static IMessageActivity UnreadableButton() => MessageFactory.Text("這個按鈕的內容無法讀取，請直接輸入你的問題。");
    public static IMessageActivity PassageNotFound(Script script) => Say(script, "找不到這個段落，政策文件可能已經更新。請重新輸入你的問題。");
    public static IMessageActivity NoMoreResults(Script script) => Say(script, "沒有更多相關段落了。");
    public static IMessageActivity NeedsTopic(Script script) => Say(script, "你想問哪一項計劃、機構或設施？請在問題中說出它的名稱，例如「數字政策辦公室幾時成立？」。");
    public static IMessageActivity TurnFailed() => MessageFactory.Text("抱歉，處理你的訊息時出了問題，請再試一次。");

    /// <summary>
    /// The best passage for a question, with close alternatives and, when there are further hits, "more results". The
    /// alternatives are buttons in the card's body under the passage, a line each: they stay in place on a phone (an
    /// overflow menu drawn over the chat would not), and are real buttons for the keyboard and screen readers.
    /// </summary>
    public static IMessageActivity Answer(Answer answer, IReadOnlyList<Hit> alternatives, int? moreOffset, VoteWay votes)
    {
        var (query, script) = (StandingAlone(answer), answer.Question.Script);
        var related = alternatives.Select(hit => (Line: $"{hit.Section}｜{Snippet(hit.Text, 24)}", hit.Id)).ToList();
        List<CardElement> list = related.Count == 0 ? [] :
        [
            Subtle(In(script, "其他相關段落：")),
            new ActionSet([.. related.Select(item => new SubmitAction($"{In(script, "相關")}：{item.Line}", ButtonValue.ShowPassage(query, item.Id)))]),
        ];
        List<SubmitAction> actions = moreOffset is { } offset ? [new(In(script, "更多結果"), ButtonValue.MoreResults(query, offset))] : [];
        return WithVotes(votes, script, query, answer.Hits[0],
            all => PassageCard(Asked(answer), script, answer.Hits[0], ShortAnswerLine(answer), all, list,
                related.Select(item => $"{In(script, "相關")}：{item.Line}")), actions);
    }

    /// <summary>
    /// The text speaks of the question's topic but does not give what it asks: say so plainly, then show the closest
    /// passage as related, not as the answer (no short answer, no alternatives).
    /// </summary>
    public static IMessageActivity Partial(Answer answer, VoteWay votes)
    {
        var (question, hit) = (answer.Question, answer.Hits[0]);
        var missing = answer.Missing ?? $"有關的{KindName(question.Asks ?? AskedFact.Quantity)}";
        var message = In(question.Script, $"政策文件提到「{answer.Mentioned}」，但沒有提及{missing}。");
        var related = In(question.Script, "相關段落");
        var source = Source(question.Script, hit);
        return WithVotes(votes, question.Script, StandingAlone(answer), hit, actions => Card(
            [Subtle(Asked(answer)), Bold(message), Subtle(related), Bold(hit.Section),
                new TextBlock(hit.Highlighted ?? hit.Text), Subtle(source.Card)],
            actions,
            string.Join("\n\n", message, $"{related}：{hit.Section}", hit.Text, source.Plain)));
    }

    // The question as the user wrote it and, for a follow-up, the question as it was understood, so a wrong guess shows.
    // A word read differently (a slip on a phonetic keyboard) shows the word it was read as.
    private static string Asked(Question question, Question? understood = null, IReadOnlyList<string>? readAs = null) =>
        $"{In(question.Script, "問")}：{question.Text}"
        + (understood is null ? "" : $"{In(question.Script, "（理解為：")}{understood.Text}）")
        + (readAs is null ? "" : string.Concat(readAs.Select(word => $"{In(question.Script, "（按「")}{word}{In(question.Script, "」搜尋）")}")));

    private static string Asked(Answer answer) => Asked(answer.Question, answer.Understood, answer.ReadAs);

    /// <summary>The short answer, part by part: what the passage gives, and the parts asked that it has nothing of the
    /// kind for named as such (「2 億元（未有提及日期）」); null when no part is given.</summary>
    private static string? ShortAnswerLine(Answer answer)
    {
        if (answer.ShortAnswer is not { } given)
            return null;
        var missing = answer.ShortParts.Where(part => !part.InPassage).Select(part => KindName(part.Kind)).Distinct().ToList();
        return missing.Count == 0 ? given : $"{given}{In(answer.Question.Script, $"（未有提及{string.Join("、", missing)}）")}";
    }

    // What the buttons carry: a follow-up as understood with its topic, so a click needs no conversation state.
    private static string StandingAlone(Answer answer) => (answer.Understood ?? answer.Question).Text;

    // What a question asked for, named for a reply that says the text does not give it.
    private static string KindName(AskedFact asked) => asked switch
    {
        AskedFact.Contact => "聯絡方法", AskedFact.Address => "地址", AskedFact.Time => "時間", AskedFact.Rate => "比率",
        AskedFact.Ratio => "比例", AskedFact.Money => "金額", AskedFact.Area => "面積", AskedFact.Duration => "年期",
        AskedFact.Rank => "排名", AskedFact.Deadline => "截止日期", AskedFact.Date => "日期", AskedFact.Person => "人選",
        AskedFact.Place => "地點", AskedFact.Name => "名稱", AskedFact.Quantity => "數目",
        _ => throw new ArgumentOutOfRangeException(nameof(asked)),
    };

    /// <summary>One passage the user picked from a button.</summary>
    public static IMessageActivity Passage(Question question, Hit hit, VoteWay votes) =>
        WithVotes(votes, question.Script, question.Text, hit, actions => PassageCard(Asked(question), question.Script, hit, shortAnswer: null, actions));

    /// <summary>A page of further hits in full, numbered by their place in the ranking, and "more results" again while
    /// relevant hits remain: each passage shown once, not again as a button.</summary>
    public static IMessageActivity MoreResults(Question question, IReadOnlyList<Hit> hits, int? nextOffset)
    {
        var script = question.Script;
        var body = new List<CardElement> { Subtle($"「{question.Text}」{In(script, "的其他相關段落")}") };
        // 「4．」, not "4.": a number and a period open a Markdown list, which a card draws as a list of one, numbered 1.
        body.AddRange(hits.Select(hit => new Container([Bold($"{hit.Rank}．{hit.Section}"), new TextBlock(hit.Text), Subtle(Source(script, hit).Card)])));
        List<SubmitAction> actions = nextOffset is { } offset ? [new(In(script, "更多結果"), ButtonValue.MoreResults(question.Text, offset))] : [];
        var fallback = string.Join("\n\n", hits.Select(hit => $"{hit.Rank}．{hit.Section}：{hit.Text}\n{Source(script, hit).Plain}"));
        return Card(body, actions, fallback);
    }

    /// <summary>
    /// The policy text does not answer the question: say so, and suggest questions it does answer. When the message
    /// names things the text speaks of (「數碼港」 in a question about its car park), the suggestions are about them;
    /// otherwise they are the examples.
    /// </summary>
    public static IMessageActivity NoAnswer(Script script, IReadOnlyList<string> named)
    {
        var message = In(script, "政策文件中沒有這個問題的答案。");
        var suggestion = In(script, named.Count > 0 ? $"不過政策文件有提到「{string.Join("」、「", named)}」，你可以問：" : "你可以試試以下問題：");
        var questions = named.Count > 0 ? named.Select(topic => In(script, $"「{topic}」是甚麼？")).ToList() : [.. Examples(script)];
        return Card(
            [Bold(message), new TextBlock(suggestion)],
            AskButtons(questions),
            $"{message}{suggestion}\n" + string.Join("\n", questions));
    }

    private static IMessageActivity Introduction(Script script, string heading, string text)
    {
        (heading, text) = (In(script, heading), In(script, text));
        return Card([Heading(heading), new TextBlock(text)], ExampleButtons(script),
            $"{heading}\n{text}\n" + string.Join("\n", Examples(script)));
    }

    // An example clicked in a Simplified conversation is asked, and answered, in Simplified.
    private static IEnumerable<string> Examples(Script script) => ExampleQuestions.Select(question => In(script, question));

    private static List<SubmitAction> ExampleButtons(Script script) => AskButtons(Examples(script));

    private static List<SubmitAction> AskButtons(IEnumerable<string> questions) =>
        [.. questions.Select(question => new SubmitAction(question, ButtonValue.AskQuestion(question)))];

    /// <summary>The question, then — for how-many, when and which-rank questions — the short answer, then the passage,
    /// its source, and what else is <paramref name="related"/>.</summary>
    private static IMessageActivity PassageCard(string asked, Script script, Hit hit, string? shortAnswer, List<SubmitAction> actions,
        IReadOnlyList<CardElement>? related = null, IEnumerable<string>? relatedText = null)
    {
        var answerLine = shortAnswer is null ? null : $"{In(script, "答")}：{shortAnswer}";
        var source = Source(script, hit);
        var body = new List<CardElement> { Subtle(asked) };
        if (answerLine is not null)
            body.Add(Heading(answerLine));
        body.Add(Bold(hit.Section));
        body.Add(new TextBlock(hit.Highlighted ?? hit.Text));
        body.Add(Subtle(source.Card));
        body.AddRange(related ?? []);
        var fallback = string.Join("\n\n", new[] { answerLine, hit.Section, hit.Text, source.Plain }.Concat(relatedText ?? []).OfType<string>());
        return Card(body, actions, fallback);
    }

    /// <summary>
    /// A reply that can be voted on, the channel's way: Web Chat draws its own 👍/👎 for VoteAction entities (each
    /// carrying the vote as a <see cref="ButtonValue"/> in its "@id", sent back in an event), Teams its own for
    /// feedbackLoopEnabled (sent back as a message/submitAction invoke about the reply); elsewhere two card buttons.
    /// </summary>
    private static IMessageActivity WithVotes(VoteWay votes, Script script, string query, Hit hit,
        Func<List<SubmitAction>, IMessageActivity> reply, IEnumerable<SubmitAction>? actions = null)
    {
        var up = ButtonValue.VoteOn(query, hit.Id, helpful: true);
        var down = ButtonValue.VoteOn(query, hit.Id, helpful: false);
        if (votes == VoteWay.CardButtons)
            return reply([.. actions ?? [], new(In(script, "👍 有幫助"), up), new(In(script, "👎 沒有幫助"), down)]);
        var activity = reply([.. actions ?? []]);
        if (votes == VoteWay.WebChat)
            activity.Entities = [VoteAction(up, "upvote"), VoteAction(down, "downvote")];
        else
        {
            // Teams names the reply a vote is about, so the bot keeps which answer each reply gave (the activity's
            // value) under the reply's id: the one Teams gives it, or this one where the reply is returned in the
            // response (expectReplies).
            activity.ChannelData = new JObject { ["feedbackLoopEnabled"] = true };
            activity.Id = Guid.NewGuid().ToString("N");
            activity.Value = up;
        }
        return activity;
    }

    private static Entity VoteAction(ButtonValue vote, string option)
    {
        var entity = new Entity("https://schema.org/VoteAction");
        entity.Properties["@context"] = "https://schema.org";
        entity.Properties["@type"] = "VoteAction";
        entity.Properties["@id"] = JsonSerializer.Serialize(vote, CardJson.Web.ButtonValue);
        entity.Properties["actionOption"] = option;
        return entity;
    }

    // The card's words go in the reply's text too, for what reads the text alone: notifications, chat previews, screen
    // readers, text-only Direct Line clients (see ForChannel for where they go instead).
    private static IMessageActivity Card(List<CardElement> body, List<SubmitAction> actions, string fallbackText)
    {
        var reply = MessageFactory.Attachment(new AdaptiveCard(body, actions, fallbackText).ToAttachment());
        reply.Text = fallbackText;
        return reply;
    }

    private static TextBlock Heading(string text) => new(text, Weight: "Bolder", Size: "Medium");

    private static TextBlock Bold(string text) => new(text, Weight: "Bolder");

    private static TextBlock Subtle(string text) => new(text, IsSubtle: true);

    /// <summary>
    /// Where a passage is from: 「資料來源：創新及科技（2024-07-25），第 3 頁，〈推動研發〉」 — the document's date, so that
    /// of two versions the reader sees which is newer; the page where it has pages. Where its address is known, the card
    /// links the title to the passage there, and the plain text gives the address.
    /// </summary>
    private static (string Card, string Plain) Source(Script script, Hit hit)
    {
        var label = $"{In(script, "資料來源")}：";
        var where = $"（{hit.Updated}）"
                    + (hit.Page is { } page ? In(script, $"，第 {page} 頁") : "")
                    + (hit.Section.Length > 0 ? $"，〈{hit.Section}〉" : "");
        if (hit.Url is null)
            return (label + hit.Title + where, label + hit.Title + where);
        var title = hit.Title.Replace("[", "\\[").Replace("]", "\\]");
        var url = hit.Url.Replace(" ", "%20").Replace("(", "%28").Replace(")", "%29");
        return ($"{label}[{title}]({url}){where}", $"{label}{hit.Title}{where} {hit.Url}");
    }

    private static IMessageActivity Say(Script script, string text) => MessageFactory.Text(In(script, text));

    /// <summary>One of this file's Traditional texts in the asker's script (a table lookup per character).</summary>
    private static string In(Script script, string text) => ChineseText.InScript(text, script);

    /// <summary>The start of a passage, for button titles and result lists.</summary>
    private static string Snippet(string text, int length) => text.Length > length ? text[..length] + "…" : text;
}
