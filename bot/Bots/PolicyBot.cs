using HkInnoBot.Bot.Cards;
using HkInnoBot.Indexer.Analysis;
using HkInnoBot.Indexer.Feedback;
using HkInnoBot.Indexer.Search;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace HkInnoBot.Bot.Bots;

/// <summary>
/// The conversation: a welcome, small talk, and questions answered from the policy text. It keeps no state between
/// turns; everything a follow-up needs travels in the card buttons' values (<see cref="ButtonValue"/>).
/// Activities it does not use (typing, events, reactions, installation updates…) fall through to the base
/// class, which ignores them.
/// </summary>
public sealed class PolicyBot(PolicySearch search, FeedbackLog feedback, IOptions<AnswerOptions> answerOptions, ILogger<PolicyBot> logger)
    : ActivityHandler
{
    private readonly AnswerOptions _options = answerOptions.Value;

    protected override async Task OnMembersAddedAsync(
        IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // The bot is told about its own arrival too; only people are welcomed, and with one card however many joined,
        // so a Teams channel that adds several members at once is not flooded.
        if (membersAdded.Any(member => member.Id != turnContext.Activity.Recipient?.Id))
            await turnContext.SendActivityAsync(AnswerCards.Welcome(), cancellationToken);
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        if (ButtonValue.TryParse(activity.Value, out var button))
        {
            var question = QueryText.Clean(button.Query);
            await turnContext.SendActivityAsync(AnswerCards.InScript(FollowButton(button, question), ScriptDetector.Detect(question)), cancellationToken);
            return;
        }

        StripBotMention(activity);
        if (activity.Value is not null && string.IsNullOrWhiteSpace(activity.Text))
        {
            await turnContext.SendActivityAsync(AnswerCards.UnreadableButton(), cancellationToken);
            return;
        }

        // Cleaning also cuts the question to the length search uses; a longer message is answered by its start.
        var message = QueryText.Clean(activity.Text);
        if (QueryText.IsTooLong(activity.Text))
            await turnContext.SendActivityAsync(AnswerCards.QuestionShortened(QueryText.MaxLength), cancellationToken);
        await turnContext.SendActivityAsync(AnswerCards.InScript(ReplyTo(message), ScriptDetector.Detect(message)), cancellationToken);
    }

    /// <summary>
    /// Acknowledges invokes. The bot offers no invoke features (no Action.Execute, message extensions or task modules),
    /// and the base class would answer 501, which Teams shows the user as an error.
    /// </summary>
    protected override Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        logger.LogDebug("Ignored invoke {InvokeName}", turnContext.Activity.Name);
        return Task.FromResult(new InvokeResponse { Status = StatusCodes.Status200OK });
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

    private IMessageActivity ReplyTo(string message)
    {
        if (message.Length == 0)
            return AnswerCards.EmptyQuestion();
        return SmallTalk.Recognize(message) switch
        {
            SmallTalkKind.Help => AnswerCards.Help(),
            SmallTalkKind.Greeting => AnswerCards.Greeting(),
            SmallTalkKind.Thanks => AnswerCards.Thanks(),
            _ => WithSearcher(searcher => Answer(searcher, message)),
        };
    }

    private IMessageActivity FollowButton(ButtonValue button, string question) =>
        button.Action switch
        {
            ButtonValue.Vote => RecordVote(question, button),
            ButtonValue.Passage => WithSearcher(searcher => ShowPassage(searcher, question, button.PassageId!)),
            ButtonValue.More => WithSearcher(searcher => MoreResults(searcher, question, button.Offset)),
            _ => ReplyTo(question),
        };

    private IMessageActivity RecordVote(string question, ButtonValue button)
    {
        // Only votes on passages that exist reach the review list, so it cannot be filled with made-up ids.
        if (search.Searcher?.GetPassage(button.PassageId!, question) is null)
            return AnswerCards.PassageNotFound();
        try
        {
            feedback.Append(new FeedbackEntry(DateTimeOffset.UtcNow, question, button.PassageId!, button.Helpful));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk must not cost the user a reply; the vote is only lost.
            logger.LogWarning(e, "Could not record feedback");
        }
        return AnswerCards.ThanksForVote(button.Helpful);
    }

    private IMessageActivity WithSearcher(Func<PassageSearcher, IMessageActivity> reply) =>
        search.Searcher is { } searcher ? reply(searcher) : AnswerCards.SearchUnavailable();

    private IMessageActivity Answer(PassageSearcher searcher, string question)
    {
        // One extra hit tells whether a "more results" button has anything to show.
        var result = searcher.Search(question, top: 1 + _options.MaxAlternatives + 1);
        if (!result.Answered || result.Hits.Count == 0)
            return NoAnswer(searcher, result);

        var best = result.Hits[0];
        var alternatives = result.Hits.Skip(1).Take(_options.MaxAlternatives)
            .TakeWhile(hit => best.Confidence - hit.Confidence <= _options.CloseConfidenceMargin)
            .ToList();
        var shown = 1 + alternatives.Count;
        return AnswerCards.Answer(question, best, alternatives, result.Hits.Count > shown ? shown : null);
    }

    private IMessageActivity MoreResults(PassageSearcher searcher, string question, int offset)
    {
        var result = searcher.Search(question, top: _options.PageSize + 1, offset);
        // A question the text does not answer never gets passages, however the button was made.
        if (!result.Answered)
            return NoAnswer(searcher, result);
        if (result.Hits.Count == 0)
            return AnswerCards.NoMoreResults();

        var page = result.Hits.Take(_options.PageSize).ToList();
        return AnswerCards.MoreResults(question, page, result.Hits.Count > page.Count ? offset + page.Count : null);
    }

    private static IMessageActivity ShowPassage(PassageSearcher searcher, string question, string passageId) =>
        searcher.GetPassage(passageId, question) is { } hit ? AnswerCards.Passage(question, hit) : AnswerCards.PassageNotFound();

    private static IMessageActivity NoAnswer(PassageSearcher searcher, SearchResult result)
    {
        // The closest passages are not an answer, but their sections show what the text does cover.
        var topics = result.Hits.Count > 0 ? result.Hits.Select(hit => hit.Section) : searcher.Sections;
        return AnswerCards.NoAnswer(topics.Distinct().Take(3).ToList());
    }
}
