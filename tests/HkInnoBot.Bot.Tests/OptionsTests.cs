namespace HkInnoBot.Bot.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("MultiTenant", "", "", "", true)]          // local: Emulator / Agents Playground
    [InlineData("MultiTenant", "app", "secret", "", true)]
    [InlineData("MultiTenant", "app", "", "", false)]
    [InlineData("SingleTenant", "app", "secret", "tenant", true)]
    [InlineData("SingleTenant", "app", "secret", "", false)]
    [InlineData("UserAssignedMSI", "app", "", "tenant", true)]
    [InlineData("UserAssignedMSI", "app", "", "", false)]
    [InlineData("Typo", "app", "secret", "tenant", false)]
    public void Credentials_must_be_complete_for_the_app_type(string type, string appId, string password, string tenant, bool valid)
    {
        var options = new BotOptions { MicrosoftAppType = type, MicrosoftAppId = appId, MicrosoftAppPassword = password, MicrosoftAppTenantId = tenant };
        Assert.Equal(valid, BotOptions.HaveConsistentCredentials(options));
    }

    [Fact]
    public void The_defaults_are_valid_and_out_of_range_answers_settings_are_not()
    {
        Assert.True(AnswerOptions.AreValid(new AnswerOptions()));
        Assert.False(AnswerOptions.AreValid(new AnswerOptions { PageSize = 0 }));
        Assert.False(AnswerOptions.AreValid(new AnswerOptions { CloseConfidenceMargin = -0.1 }));
        Assert.False(AnswerOptions.AreValid(new AnswerOptions { MaxQuestionLength = 0 }));
    }
}
