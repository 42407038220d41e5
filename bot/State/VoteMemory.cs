using HkInnoBot.Bot.Cards;

namespace HkInnoBot.Bot.State;

/// <summary>
/// What a conversation remembers for votes: its recent answers by reply id (Teams says which reply a vote is about, not
/// which answer), and the vote last given on each answer, so the latest vote is the one that counts however often the
/// buttons are pressed. Immutable, as <see cref="BoundedMemoryStorage"/> requires.
/// </summary>
public sealed record VoteMemory(IReadOnlyList<VoteMemory.SentAnswer> Recent, IReadOnlyList<VoteMemory.Given> Votes)
{
    /// <summary>Enough for any answer a person still has on screen.</summary>
    private const int Kept = 20;

    public static readonly VoteMemory Empty = new([], []);

    /// <param name="Vote">The 👍 vote on the answer; a 👎 is the same with Helpful false.</param>
    public sealed record SentAnswer(string ReplyId, ButtonValue Vote);

    /// <summary>The vote last given on an answer (a passage as the answer to a question).</summary>
    public sealed record Given(string Answer, bool Helpful);

    public VoteMemory Sent(string replyId, ButtonValue vote) => this with { Recent = [.. Recent.TakeLast(Kept - 1), new SentAnswer(replyId, vote)] };

    public ButtonValue? AnswerOf(string? replyId) => Recent.LastOrDefault(answer => answer.ReplyId == replyId)?.Vote;

    /// <summary>Whether the answer was voted on, and how; null when it was not.</summary>
    public bool? VoteOn(ButtonValue vote) => Votes.LastOrDefault(given => given.Answer == Key(vote))?.Helpful;

    public VoteMemory Voted(ButtonValue vote) =>
        this with { Votes = [.. Votes.Where(given => given.Answer != Key(vote)).TakeLast(Kept - 1), new Given(Key(vote), vote.Helpful == true)] };

    private static string Key(ButtonValue vote) => $"{vote.PassageId}\n{vote.Query}";
}
