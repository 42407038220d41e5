using HkInnoBot.Bot.Cards;

namespace HkInnoBot.Bot.State;

/// <summary>
/// What a conversation remembers for votes cast with the channel's own feedback controls: its recent answers by reply
/// id (Teams says which reply a vote is about, not which answer), and the answers already voted on, so each answer
/// counts one vote however often the buttons are pressed. Immutable, as <see cref="BoundedMemoryStorage"/> requires.
/// </summary>
public sealed record VoteMemory(IReadOnlyList<VoteMemory.SentAnswer> Recent, IReadOnlyList<string> Voted)
{
    /// <summary>Enough for any answer a person still has on screen.</summary>
    private const int Kept = 20;

    public static readonly VoteMemory Empty = new([], []);

    /// <param name="Vote">The 👍 vote on the answer; a 👎 is the same with Helpful false.</param>
    public sealed record SentAnswer(string ReplyId, ButtonValue Vote);

    public VoteMemory Sent(string replyId, ButtonValue vote) => this with { Recent = [.. Recent.TakeLast(Kept - 1), new SentAnswer(replyId, vote)] };

    public ButtonValue? AnswerOf(string? replyId) => Recent.LastOrDefault(answer => answer.ReplyId == replyId)?.Vote;

    public bool HasVotedOn(ButtonValue vote) => Voted.Contains(Key(vote));

    public VoteMemory VotedOn(ButtonValue vote) => this with { Voted = [.. Voted.TakeLast(Kept - 1), Key(vote)] };

    private static string Key(ButtonValue vote) => $"{vote.PassageId}\n{vote.Query}";
}
