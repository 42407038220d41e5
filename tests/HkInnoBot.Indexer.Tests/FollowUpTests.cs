using HkInnoBot.Search.Answers;
using HkInnoBot.Tests;

namespace HkInnoBot.Indexer.Tests;

/// <summary>Follow-up questions: how a message leans on the one before, and answers read in that light on the real index.</summary>
public class FollowUpTests(ShippedIndex index) : IClassFixture<ShippedIndex>
{
    [Theory]
    [InlineData("佢支援幾多間公司？")]
    [InlineData("它的宗旨是甚麼？")]
    [InlineData("那个基金有多少钱？")]
    [InlineData("呢個計劃幾時開始？")]
    [InlineData("咁要幾多錢？")]
    [InlineData("And when did it start?")]
    [InlineData("What about the other fund?")]
    public void Pronouns_and_openers_refer_back_in_every_script(string message) => Assert.True(FollowUps.RefersBack(message));

    [Theory]
    [InlineData("香港科技園公司係咩？")]
    [InlineData("数码港有多少间初创企业？")]
    [InlineData("What is the Technology Voucher Programme?")]
    [InlineData("Is IT education part of the blueprint?")] // "it" refers back, the acronym IT does not
    public void A_question_that_names_its_topic_does_not_refer_back(string message) => Assert.False(FollowUps.RefersBack(message));

    [Theory]
    [InlineData("咁數碼港呢？", "數碼港", "")]
    [InlineData("那么数码港呢？", "数码港", "")]
    [InlineData("那麼港深創科園呢？首批大樓何時落成？", "港深創科園", "首批大樓何時落成")]
    [InlineData("What about Cyberport?", "Cyberport", "")]
    public void A_turn_to_another_thing_is_read_with_its_name(string message, string name, string then) =>
        Assert.Equal(new FollowUps.Turn(name, then), FollowUps.TurnsTo(message));

    [Theory]
    [InlineData("咁要幾多錢呢？")] // asks its own question: not a name
    [InlineData("香港科技園公司係咩？")]
    public void A_question_of_its_own_is_not_a_turn(string message) => Assert.Null(FollowUps.TurnsTo(message));

    [Fact]
    public void A_follow_up_is_rewritten_to_stand_alone()
    {
        var context = new FollowUpContext("香港科技園公司支援幾多間公司？", ["香港科技園公司", "支援"]);

        Assert.Equal("香港科技園公司 支援 幾時成立？", FollowUps.Resolve("幾時成立？", context, turn: null));
        Assert.Equal("數碼港支援幾多間公司？", FollowUps.Resolve("咁數碼港呢？", context, FollowUps.TurnsTo("咁數碼港呢？")));
        Assert.Equal("數碼港 幾時成立", FollowUps.Resolve("咁數碼港呢？幾時成立？", context, FollowUps.TurnsTo("咁數碼港呢？幾時成立？")));
    }

    [Theory]
    [InlineData("那個研發院的研發重點是甚麼？", "香港微電子研發院的研發重點是甚麼？")]
    [InlineData("那个研发院研究什么？", "香港微電子研發院研究什么？")]
    [InlineData("呢間研發院幾時成立？", "香港微電子研發院幾時成立？")]
    public void A_demonstrative_points_at_the_full_name_the_previous_answer_gives(string message, string standalone)
    {
        const string previousAnswer = "微電子中心亦會在 2024 年內落成啟用，以供新成立的「香港微電子研發院」及其他租戶陸續進駐該中心。";

        Assert.Equal((standalone, "香港微電子研發院"), FollowUps.NamePointedAt(message, previousAnswer));
    }

    [Theory]
    [InlineData("那剩下的錢用在哪裏？")] // 剩下 is not named in the answer
    [InlineData("那個中心有幾大？")] // the answer names it no more fully than 中心
    public void A_demonstrative_without_a_fuller_name_in_the_previous_answer_is_left_alone(string message) =>
        Assert.Null(FollowUps.NamePointedAt(message, "為促進發展，中心於 2024 年啟用，並進駐該中心。"));

    [Fact]
    public void A_follow_up_pointing_at_a_name_in_the_previous_answer_is_answered_about_that_name()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("微電子中心何時落成？"), context: null);
        Assert.Contains("香港微電子研發院", first.Hits[0].Text);

        var answer = index.Answerer.Ask(index.Answerer.Understand("那個研發院的研發重點是甚麼？"), first.Context);

        Assert.True(answer.Answered);
        Assert.Contains("第三代半導體", answer.Hits[0].Text);
        Assert.Equal("香港微電子研發院", answer.About);
    }

    [Theory]
    [InlineData("香港科技園公司係咩？", "佢支援幾多間公司？", "1,500", "香港科技園公司")]
    [InlineData("数码港超算中心是什么？", "什么时候开始？", "2024 年", "数码港")]
    [InlineData("What is the Technology Voucher Programme?", "How many applications has it approved?", "32,000", "Technology Voucher Programme")]
    public void A_follow_up_without_its_topic_is_answered_about_the_previous_one(string first, string followUp, string expected, string about)
    {
        var before = index.Answerer.Ask(index.Answerer.Understand(first), context: null);
        Assert.True(before.Answered);

        var answer = index.Answerer.Ask(index.Answerer.Understand(followUp), before.Context);

        Assert.True(answer.Answered);
        Assert.Contains(expected, answer.Hits[0].Text);
        Assert.Contains(about, answer.About);
        Assert.Equal(followUp, answer.Question.Text);
        Assert.NotEqual(followUp, answer.Understood!.Text); // what a button carries stands alone
    }

    [Fact]
    public void A_follow_ups_short_answer_gives_what_the_message_asks_not_what_its_topic_words_ask()
    {
        var before = index.Answerer.Ask(index.Answerer.Understand("科學園同數碼港擴建會多出幾多樓面面積？"), context: null);
        Assert.Contains("平方米", before.ShortAnswer);

        // Searched with the topic's words (樓面面積, an area), asked of a date.
        var answer = index.Answerer.Ask(index.Answerer.Understand("幾時完成？"), before.Context);

        Assert.True(answer.Answered);
        Assert.Contains("2025 年", answer.ShortAnswer);
        Assert.DoesNotContain("平方米", answer.ShortAnswer);
    }

    [Fact]
    public void A_follow_up_the_text_cannot_answer_about_the_topic_is_not_answered_from_another_topic()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("科技券係咩？"), context: null);

        var answer = index.Answerer.Ask(index.Answerer.Understand("申請資格有咩要求？"), first.Context);

        // The text does not say who may apply for 科技券; another scheme's conditions are no answer.
        Assert.False(answer.Answered && !answer.Hits[0].Text.Contains("科技券", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_follow_up_alone_names_nothing_and_is_asked_what_it_is_about()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("數字政策辦公室係咩？"), context: null);

        var inContext = index.Answerer.Ask(index.Answerer.Understand("幾時成立？"), first.Context);
        var alone = index.Answerer.Ask("幾時成立？");

        Assert.Equal("2024 年 7 月", inContext.ShortAnswer);
        Assert.Equal("數字政策辦公室", inContext.About);
        // Alone it would be a guess at whatever was founded: the reply asks what it is about instead.
        Assert.Equal(AnswerStatus.NeedsTopic, alone.Status);
        Assert.Null(alone.About);
        // A short question that names a thing is a question of its own.
        Assert.True(index.Answerer.Ask("InnoHK").Answered);
    }

    [Fact]
    public void A_follow_up_opening_with_a_pronoun_is_understood_with_the_topic_in_its_place()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("數字政策辦公室係咩？"), context: null);

        var answer = index.Answerer.Ask(index.Answerer.Understand("佢負責咩？"), first.Context);

        Assert.StartsWith("數字政策辦公室", answer.Understood!.Text);
        Assert.DoesNotContain("佢", answer.Understood.Text);
        Assert.Contains("數字政策辦公室", answer.Hits[0].Text);
    }

    [Fact]
    public void A_turn_by_name_follows_the_new_name()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("香港科技園公司支援幾多間公司？"), context: null);

        var answer = index.Answerer.Ask(index.Answerer.Understand("咁數碼港呢？"), first.Context);

        Assert.True(answer.Answered);
        Assert.Contains("數碼港", answer.Hits[0].Text);
        Assert.Equal("數碼港", answer.About);
    }

    [Fact]
    public void A_turn_by_name_replaces_the_name_not_a_word_asked_before_it()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("幾時落成微電子中心？"), context: null);
        Assert.Equal("微電子中心", first.Context!.Topic[0]);

        Assert.Equal("幾時落成數碼港？", FollowUps.Resolve("咁數碼港呢？", first.Context, FollowUps.TurnsTo("咁數碼港呢？")));
    }

    [Theory]
    [InlineData("恒指今日幾多點？")]
    [InlineData("Who won the Mark Six draw last night?")]
    [InlineData("When are government rates due this quarter?")] // "this" points at the quarter, not the topic
    [InlineData("香港的醫療券可以在內地用嗎？")] // a full question of everyday words: SmartCn cuts 醫療券 as 醫療 + 券
    public void Context_never_answers_an_off_topic_message(string offTopic)
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("香港科技園公司係咩？"), context: null);

        var answer = index.Answerer.Ask(index.Answerer.Understand(offTopic), first.Context);

        Assert.False(answer.Answered);
        Assert.Equal(first.Context, answer.Context); // the conversation keeps its topic for the next message
    }

    [Fact]
    public void A_full_new_question_replaces_the_topic()
    {
        var first = index.Answerer.Ask(index.Answerer.Understand("香港科技園公司係咩？"), context: null);

        var answer = index.Answerer.Ask(index.Answerer.Understand("數碼港有多少間初創企業？"), first.Context);

        Assert.Null(answer.About);
        Assert.Contains("數碼港", answer.Context!.Topic);
        Assert.DoesNotContain("香港科技園公司", answer.Context.Topic);
    }
}
