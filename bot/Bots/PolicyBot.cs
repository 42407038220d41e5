using HkInnoBot.Bot.Cards;
using HkInnoBot.Bot.State;
using HkInnoBot.Bot.Telemetry;
using HkInnoBot.Search.Analysis;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Feedback;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace HkInnoBot.Bot.Bots;

/// <summary>
/// The conversation: a welcome, small talk, questions answered from the policy text, and votes on the answers. Of
/// each conversation it remembers, in <see cref="ConversationState"/>, the last question's topic
/// (<see cref="FollowUpContext"/>), so a typed follow-up is understood, and its recent answers and votes
/// (<see cref="VoteMemory"/>), so each answer gets one vote; card buttons carry everything they need
/// (<see cref="ButtonValue"/>), so a click is answered the same without it. Activities it does not use (typing, other
/// events, reactions, installation updates…) fall through to the base class, which ignores them.
/// </summary>
public sealed class PolicyBot(Answerer answerer, ConversationState conversationState, FeedbackLog feedback,
    IOptions<AnswerOptions> answerOptions, BotTelemetry telemetry, ILogger<PolicyBot> logger)
    : ActivityHandler
{
    private readonly AnswerOptions _options = answerOptions.Value;
    private readonly IStatePropertyAccessor<FollowUpContext> _lastTopic = conversationState.CreateProperty<FollowUpContext>("lastTopic");
    private readonly IStatePropertyAccessor<VoteMemory> _votes = conversationState.CreateProperty<VoteMemory>("votes");

    /// <summary>What Web Chat sends when its own 👍/👎 under a reply is pressed.</summary>
    private const string WebChatFeedback = "webchat:activity-status/feedback";

    /// <summary>What Teams sends when its own 👍/👎 under a reply with feedbackLoopEnabled is used.</summary>
    private const string TeamsSubmitAction = "message/submitAction";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        using var turn = BotTelemetry.Turns.StartActivity("turn");
        turn?.SetTag("hkinnobot.channel", turnContext.Activity.ChannelId).SetTag("hkinnobot.activity_type", turnContext.Activity.Type);
        RemoveNullEntries(turnContext.Activity);
        await base.OnTurnAsync(turnContext, cancellationToken);
        // Writes only when the turn changed what is remembered.
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(
        IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // The bot is told about its own arrival too; only people are welcomed, and with one card however many joined,
        // so a Teams channel that adds several members at once is not flooded.
        if (membersAdded.Any(member => member.Id != turnContext.Activity.Recipient?.Id))
            await SendAsync(turnContext, AnswerCards.Welcome(Script.Traditional), cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (ButtonValue.TryParse(activity.Value, out var button))
        {
            var clicked = answerer.Understand(button.Query);
            var reply = button.Action switch
            {
                // A clicked question stands alone, but it still sets the topic for what is typed next.
                ButtonValue.Ask => await ReplyToAsync(turnContext, clicked, inContext: false, cancellationToken),
                ButtonValue.Vote => await VoteAsync(turnContext, button, cancellationToken) ?? AnswerCards.AlreadyVoted(clicked.Script),
                _ => FollowButton(button, clicked, AnswerCards.VoteWayOf(activity.ChannelId)),
            };
            await SendAsync(turnContext, reply, cancellationToken);
            return;
        }

        StripBotMention(activity);
        if (activity.Value is not null && string.IsNullOrWhiteSpace(activity.Text))
        {
            await turnContext.SendActivityAsync(AnswerCards.UnreadableButton(), cancellationToken);
            return;
        }

        // A longer message is answered by its start.
        var question = answerer.Understand(activity.Text);
        if (question.WasShortened)
            await turnContext.SendActivityAsync(AnswerCards.QuestionShortened(question.Script, QueryText.MaxLength), cancellationToken);
        await SendAsync(turnContext, await ReplyToAsync(turnContext, question, inContext: true, cancellationToken), cancellationToken);
    }

    /// <summary>A vote from Web Chat's own feedback buttons: the VoteAction the bot attached, with the vote in its "@id".
    /// Web Chat shows the button last pressed as pressed, and the latest vote is the one recorded; a brief thanks says it
    /// arrived.</summary>
    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Name != WebChatFeedback)
            return;
        var id = activity.Entities?.Select(entity => entity.Properties?["@id"]).OfType<JValue>().FirstOrDefault();
        if (ButtonValue.TryParse(id?.Value as string, out var vote) && vote.Action == ButtonValue.Vote
            && await VoteAsync(turnContext, vote, cancellationToken) is { } thanks)
            await turnContext.SendActivityAsync(thanks, cancellationToken);
    }

    /// <summary>Sends a reply as the channel expects it (<see cref="AnswerCards.ForChannel"/>); one that Teams can vote
    /// on is remembered under its id (see <see cref="VoteMemory"/>).</summary>
    private async Task SendAsync(ITurnContext turnContext, IMessageActivity reply, CancellationToken cancellationToken)
    {
        var sent = await turnContext.SendActivityAsync(AnswerCards.ForChannel(reply, turnContext.Activity.ChannelId), cancellationToken);
        if (reply.Value is ButtonValue vote && HasConversation(turnContext)
            && (string.IsNullOrEmpty(sent?.Id) ? reply.Id : sent.Id) is { Length: > 0 } replyId)
        {
            var memory = await _votes.GetAsync(turnContext, () => VoteMemory.Empty, cancellationToken);
            await _votes.SetAsync(turnContext, memory.Sent(replyId, vote), cancellationToken);
        }
    }

    /// <summary>Records a vote on an answer and thanks for it. The latest vote counts: the other button changes it (the
    /// log records the change, so a review counts it once); pressing the same one again changes nothing, and returns
    /// null.</summary>
    private async Task<IMessageActivity?> VoteAsync(ITurnContext turnContext, ButtonValue vote, CancellationToken cancellationToken)
    {
        if (!HasConversation(turnContext))
            return RecordVote(answerer.Understand(vote.Query), vote, changed: false);
        var memory = await _votes.GetAsync(turnContext, () => VoteMemory.Empty, cancellationToken);
        var before = memory.VoteOn(vote);
        if (before == vote.Helpful)
            return null;
        await _votes.SetAsync(turnContext, memory.Voted(vote), cancellationToken);
        return RecordVote(answerer.Understand(vote.Query), vote, changed: before is not null);
    }

    // State is kept per channel and conversation id; an activity without them is answered on its own.
    private static bool HasConversation(ITurnContext turnContext) =>
        turnContext.Activity is { ChannelId.Length: > 0, Conversation.Id.Length: > 0 };

    /// <summary>
    /// A vote from Teams' own feedback buttons (message/submitAction, about the reply it names) is recorded; every other
    /// invoke is acknowledged. The bot offers no other invoke features (no Action.Execute, message extensions or task
    /// modules), and the base class would answer 501, which Teams shows the user as an error.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (activity.Name == TeamsSubmitAction && activity.Value is JObject { } value && (string?)(value["actionName"] as JValue) == "feedback"
            && HasConversation(turnContext)
            && (await _votes.GetAsync(turnContext, () => VoteMemory.Empty, cancellationToken)).AnswerOf(activity.ReplyToId) is { } answer)
        {
            var liked = value["actionValue"] is JObject feedback && (string?)(feedback["reaction"] as JValue) == "like";
            // Teams shows its own thanks; the vote is only recorded.
            await VoteAsync(turnContext, answer with { Helpful = liked }, cancellationToken);
        }
        else
            logger.LogDebug("Ignored invoke {InvokeName}", activity.Name);
        return new InvokeResponse { Status = StatusCodes.Status200OK };
    }

    /// <summary>
    /// JSON allows null in any list ("entities":[null], "membersAdded":[null]); the SDK's helpers and the base class's
    /// dispatch read every entry, so a null would fail the turn. Removed once, here, before anything reads them.
    /// </summary>
    private static void RemoveNullEntries(Activity activity)
    {
        activity.Entities = activity.Entities?.Where(entry => entry is not null).ToList();
        activity.Attachments = activity.Attachments?.Where(entry => entry is not null).ToList();
        activity.MembersAdded = activity.MembersAdded?.Where(entry => entry is not null).ToList();
        activity.MembersRemoved = activity.MembersRemoved?.Where(entry => entry is not null).ToList();
        activity.ReactionsAdded = activity.ReactionsAdded?.Where(entry => entry is not null).ToList();
        activity.ReactionsRemoved = activity.ReactionsRemoved?.Where(entry => entry is not null).ToList();
    }

    /// <summary>
    /// In Teams group chats and channels a message starts with "&lt;at&gt;Bot&lt;/at&gt;", which is not part of the question.
    /// The SDK helper throws on a mention entity without an account or text, so such entities leave the text alone.
    /// </summary>
    private static void StripBotMention(IMessageActivity activity)
    {
        if (activity.Recipient is not null && activity.GetMentions().All(mention => mention.Mentioned is not null && mention.Text is not null))
            activity.RemoveRecipientMention();
    }

    private async Task<IMessageActivity> ReplyToAsync(ITurnContext turnContext, Question question, bool inContext, CancellationToken cancellationToken)
    {
        if (question.Text.Length == 0)
            return AnswerCards.EmptyQuestion(question.Script);
        switch (SmallTalk.Recognize(question.Text))
        {
            case SmallTalkKind.Help: return AnswerCards.Help(question.Script);
            case SmallTalkKind.Greeting: return AnswerCards.Greeting(question.Script);
            case SmallTalkKind.Thanks: return AnswerCards.Thanks(question.Script);
            case SmallTalkKind.NoWords: return AnswerCards.NoWords(question.Script);
        }

        var remembers = HasConversation(turnContext);
        var previous = remembers && inContext ? await _lastTopic.GetAsync(turnContext, cancellationToken: cancellationToken) : null;
        // One extra hit tells whether a "more results" button has anything to show.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var answer = answerer.Ask(question, previous, top: 1 + _options.MaxAlternatives + 1);
        telemetry.Searched(answer, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (answer.Status is AnswerStatus.NoAnswer or AnswerStatus.Partial)
            Record(() => feedback.Append(new UnansweredEntry(DateTimeOffset.UtcNow, question.Text, BotTelemetry.OutcomeOf(answer)!,
                turnContext.Activity.ChannelId ?? "")));
        if (remembers && answer.Context is { } next && next != previous)
            await _lastTopic.SetAsync(turnContext, next, cancellationToken);
        return Present(answer, AnswerCards.VoteWayOf(turnContext.Activity.ChannelId));
    }

    private IMessageActivity FollowButton(ButtonValue button, Question question, VoteWay votes) =>
        button.Action switch
        {
            ButtonValue.Passage => ShowPassage(question, button.PassageId!, votes),
            _ => MoreResults(question, button.Offset ?? 1), // ButtonValue.More, the one left: ButtonValue.TryParse knows no other
        };

    private IMessageActivity RecordVote(Question question, ButtonValue button, bool changed)
    {
        // Only votes on passages that exist reach the review list, so it cannot be filled with made-up ids.
        if (!answerer.HasPassage(button.PassageId!))
            return AnswerCards.PassageNotFound(question.Script);
        Record(() => feedback.Append(new FeedbackEntry(DateTimeOffset.UtcNow, question.Text, button.PassageId!, button.Helpful == true, changed)));
        return changed ? AnswerCards.VoteChanged(question.Script) : AnswerCards.ThanksForVote(question.Script, button.Helpful == true);
    }

    /// <summary>Writes to the feedback log. A full or read-only disk must not cost the user a reply; the line is only lost.</summary>
    private void Record(Action append)
    {
        try
        {
            append();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not write to the feedback log");
        }
    }

    private IMessageActivity Present(Answer answer, VoteWay votes)
    {
        if (answer.Status == AnswerStatus.Partial)
            return AnswerCards.Partial(answer, votes);
        if (answer.Status == AnswerStatus.NeedsTopic)
            return AnswerCards.NeedsTopic(answer.Question.Script);
        if (!answer.Answered)
            return NoAnswer(answer);

        var best = answer.Hits[0];
        var alternatives = answer.Hits.Skip(1).Take(_options.MaxAlternatives)
            .TakeWhile(hit => best.Confidence - hit.Confidence <= _options.CloseConfidenceMargin)
            .ToList();
        var shown = 1 + alternatives.Count;
        return AnswerCards.Answer(answer, alternatives, answer.Hits.Count > shown ? shown : null, votes);
    }

    /// <summary>
    /// A page of further passages, as long as they stay related to what was asked: passages that cover half of what the
    /// best one covers of the question, or a fair share and a word of the answer's topic (「科技券」 for 「科技券係咩？」,
    /// not every passage with 「科技」 in it). Ranked from the top each time, so a button pressed again shows the page
    /// it showed.
    /// </summary>
    private IMessageActivity MoreResults(Question question, int offset)
    {
        var answer = answerer.Ask(question, top: offset + _options.PageSize + 1, highlighted: 0);
        // A question the text does not answer never gets passages, however the button was made.
        if (!answer.Answered)
            return NoAnswer(answer);

        var topic = (answer.Context?.Topic ?? []).Select(ChineseText.ComparisonKey).ToList();
        var best = answer.Hits[0].Confidence;
        var related = answer.Hits.TakeWhile(hit => hit.Confidence >= best * 0.5 || hit.Confidence >= best * _options.RelatedConfidenceShare
            && (topic.Count == 0 || topic.Any(word => ChineseText.ComparisonKey(hit.Text).Contains(word, StringComparison.Ordinal)))).ToList();
        var page = related.Skip(offset).Take(_options.PageSize).ToList();
        if (page.Count == 0)
            return AnswerCards.NoMoreResults(question.Script);
        return AnswerCards.MoreResults(question, page, related.Count > offset + page.Count ? offset + page.Count : null);
    }

    private IMessageActivity ShowPassage(Question question, string passageId, VoteWay votes) =>
        !answerer.IsAvailable ? AnswerCards.SearchUnavailable(question.Script)
        : answerer.Passage(question, passageId) is { } hit ? AnswerCards.Passage(question, hit, votes)
        : AnswerCards.PassageNotFound(question.Script);

    private IMessageActivity NoAnswer(Answer answer)
    {
        if (answer.Status == AnswerStatus.Unavailable)
            return AnswerCards.SearchUnavailable(answer.Question.Script);
        return AnswerCards.NoAnswer(answer.Question.Script, answer.Named);
    }
}
