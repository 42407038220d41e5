public class SmokeTests
{
    [Fact]
    public void CorpusIsCopiedNextToTheTests() =>
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "corpus", "innovation-and-technology.zh-Hant.txt")));
}
