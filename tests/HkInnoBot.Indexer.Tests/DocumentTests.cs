using System.Text.RegularExpressions;
using W = DocumentFormat.OpenXml.Wordprocessing;
using HkInnoBot.Indexer.Evaluation;
using HkInnoBot.Search;
using HkInnoBot.Search.Answers;
using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Index;
using HkInnoBot.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Indexer.Tests;

/// <summary>Documents written in a temporary folder and read as the build reads them.</summary>
internal static class Documents
{
    /// <summary>tests/data/documents: the fact sheet as a web page, printed to PDF and as a Word file
    /// (make-fixtures.sh), and files a build must skip (unreadable/).</summary>
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "data", "documents", name);

    public static CorpusDocument Load(string name, string text)
    {
        var path = Path.Combine(TempFolder.Create("document"), name);
        File.WriteAllText(path, text);
        return Load(path);
    }

    public static CorpusDocument Load(string path) =>
        CorpusDocument.Load(path, Path.GetFileNameWithoutExtension(path), long.MaxValue, []);

    /// <summary>A corpus folder holding copies of <paramref name="files"/>.</summary>
    public static string Corpus(params string[] files)
    {
        var folder = TempFolder.Create("corpus");
        foreach (var file in files)
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }

    public static string FactSheetText => Path.Combine(TestCorpora.Shipped, "innovation-and-technology.zh-Hant.txt");
}

/// <summary>The fact sheet as it is published in other forms, read into the same passages as its text.</summary>
public class DocumentFormatTests
{
    private static readonly List<Passage> TextPassages = [.. Chunker.Split(Documents.Load(Documents.FactSheetText))];

    private static string Squashed(string text) => Regex.Replace(text, @"\s", "");

    /// <summary>The text's passages under the same sections (spacing aside: a PDF's 「在2022年」 is the text's
    /// 「在 2022 年」), and its title and date.</summary>
    private static void AssertReadAsTheText(CorpusDocument document)
    {
        Assert.Equal(
            TextPassages.Select(passage => (passage.Section, Squashed(passage.Text))),
            Chunker.Split(document).Select(passage => (passage.Section, Squashed(passage.Text))));
        Assert.Equal(("創新及科技", "2024-07-25"), (document.Metadata.Title, document.Metadata.Updated));
    }

    [Theory]
    [InlineData("factsheet.pdf")]
    [InlineData("factsheet-two-columns.pdf")]
    [InlineData("factsheet.html")]
    [InlineData("factsheet.docx")]
    public void EachFormGivesTheTextsPassagesUnderTheSameSections(string file)
    {
        AssertReadAsTheText(Documents.Load(Documents.Fixture(file)));
    }

    [Fact]
    public void APdfsPassagesKeepTheirPagesAndLoseThePrintersHeaderAndFooter()
    {
        var passages = Chunker.Split(Documents.Load(Documents.Fixture("factsheet.pdf"))).ToList();
        Assert.Equal(1, passages[0].Page);
        Assert.Equal(7, passages[^1].Page);
        Assert.Equal(6, passages.Single(passage => passage.Text == "香港有約1,000間金融科技公司。").Page);
        Assert.True(passages.Select(passage => passage.Page!.Value).SequenceEqual(passages.Select(passage => passage.Page!.Value).Order()));
        Assert.DoesNotContain(passages, passage => passage.Text.Contains("file:") || passage.Text.Contains("香港特別行政區政府") && passage.Text.Length < 30
                                                   || Regex.IsMatch(passage.Text, @"^\d+/\d+$"));
    }

    [Fact]
    public void ChineseLinesOfAPdfParagraphJoinWithoutASpace()
    {
        var passages = Chunker.Split(Documents.Load(Documents.Fixture("factsheet.pdf"))).ToList();
        Assert.DoesNotContain(passages, passage => Regex.IsMatch(passage.Text, @"\p{IsCJKUnifiedIdeographs} \p{IsCJKUnifiedIdeographs}"));
        // A paragraph printed over three lines is one passage.
        Assert.Contains(passages, passage => passage.Text.StartsWith("憑藉國家") && passage.Text.EndsWith("發展成為國際創新科技（創科）中心。"));
    }

    [Fact]
    public void AWebPageGivesItsMainContentOnlyWithAnchorsAndItsOwnMetadata()
    {
        var document = Documents.Load(Documents.Fixture("factsheet.html"));
        var passages = Chunker.Split(document).ToList();
        // The site's navigation, aside and footer, and its scripts, are not the document.
        Assert.DoesNotContain(passages, passage => passage.Text.Contains("相關連結") || passage.Text.Contains("私隱政策")
                                                   || passage.Text.Contains("市民") && passage.Text.Length < 10 || passage.Text.Contains("dataLayer"));
        Assert.Equal("概況", passages[0].Anchor);
        Assert.Equal("金融科技", passages[^1].Anchor);
        Assert.Equal("zh-HK", document.Metadata.Language);
        Assert.All(passages, passage => Assert.Null(passage.Page));
    }

    [Fact]
    public void APageBuiltOfDivsIsReadByTheRolesItsIdsAndClassesSay()
    {
        // The fact sheet as older government sites mark it up: no main, nav or footer elements, text in divs and <br>s.
        var html = File.ReadAllText(Documents.Fixture("factsheet.html"))
            .Replace("<main id=\"content\">", "<div id=\"content\">").Replace("</main>", "</div>")
            .Replace("<header>", "<div id=\"header\" class=\"masthead\">").Replace("</header>", "</div>")
            .Replace("<nav aria-label=\"主選單\">", "<div class=\"top-menu\">").Replace("</nav>", "</div>")
            .Replace("<aside>", "<div class=\"sidebar\">").Replace("</aside>", "</div>")
            .Replace("<footer>", "<div id=\"footer\">").Replace("</footer>", "</div>")
            .Replace("<p>", "<div>").Replace("</p>", "</div>")
            .Replace("<meta name=\"dcterms.modified\" content=\"2024-07-25\">", "");
        AssertReadAsTheText(Documents.Load("factsheet.htm", html));
    }

    [Fact]
    public void AWordFilesHeadingsAreKnownByTheirStylesNamesAndItsTablesAndPropertiesRead()
    {
        var path = Path.Combine(TempFolder.Create("document"), "schemes.docx");
        WordFile.Write(path, title: "資助計劃一覽", modified: new DateTime(2024, 3, 1),
            ("1", "heading 1", "科技券"), (null, null, "科技券以配對形式資助企業使用科技服務。"),
            ("2", "heading 2", "資助上限"), (null, null, "每家企業最多 60 萬元。"));
        var document = Documents.Load(path);
        Assert.Equal(
            [("科技券", "科技券以配對形式資助企業使用科技服務。"), ("資助上限", "每家企業最多 60 萬元。"), ("資助上限", "計劃｜上限"), ("資助上限", "科技券｜60 萬元")],
            Chunker.Split(document).Select(passage => (passage.Section, passage.Text)));
        Assert.Equal(("資助計劃一覽", "2024-03-01"), (document.Metadata.Title, document.Metadata.Updated));
    }

    [Theory]
    [InlineData("notice.html", "<html><head><meta charset=\"big5\"><title>通告 | 政府</title></head><body><main><h2>科技券</h2><p>科技券以配對形式資助企業。</p></main></body></html>")]
    [InlineData("notice.txt", "通告\n\n科技券\n\n- 科技券以配對形式資助企業。\n")]
    public void OlderFilesInBig5AreReadAsWellAsUtf8Ones(string name, string text)
    {
        var path = Path.Combine(TempFolder.Create("document"), name);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        File.WriteAllBytes(path, System.Text.Encoding.GetEncoding("big5").GetBytes(text));
        var document = Documents.Load(path);
        Assert.Equal([("科技券", "科技券以配對形式資助企業。")], Chunker.Split(document).Select(passage => (passage.Section, passage.Text)));
        Assert.Equal("通告", document.Metadata.Title);
    }

    private static List<(string Section, string Text)> Read(CorpusDocument document) =>
        [.. Chunker.Split(document).Select(passage => (Squashed(passage.Section), Squashed(passage.Text)))];

    /// <summary>Papers laid out as departments publish them (tests/data/documents/published, by an independent tester):
    /// two columns, a centred two-line title, headings in bold at body size, numbered paragraphs across page breaks, a
    /// table with a header row. Printed, each reads as the page it was printed from.</summary>
    [Theory]
    [InlineData("guide")]
    [InlineData("report")]
    [InlineData("legco")]
    [InlineData("vf")]
    public void APublishedPdfReadsAsThePageItWasPrintedFrom(string name)
    {
        var pdf = Documents.Load(Documents.Fixture($"published/{name}.pdf"));
        var page = Documents.Load(Documents.Fixture($"published/sources/{name}.html"));
        Assert.Equal(Read(page), Read(pdf));
        Assert.Equal(page.Metadata.Title, pdf.Metadata.Title);
    }

    [Fact]
    public void APapersTitleHeadingsPagesDateAndTableRowsAreItsOwn()
    {
        var guide = Documents.Load(Documents.Fixture("published/guide.pdf"));
        Assert.Equal(("數碼轉型配對資助計劃申請指引", "2025-03-01"), (guide.Metadata.Title, guide.Metadata.Updated));
        Assert.Equal(["第一部分計劃目的", "第二部分申請資格", "第三部分資助上限及可資助開支", "第四部分申請程序及截止日期", "第五部分發放資助"],
            guide.Sections.Select(section => Squashed(section.Heading)));
        var passages = Chunker.Split(guide).ToList();
        Assert.Equal(2, passages.Single(passage => passage.Text.StartsWith("9.")).Page);
        Assert.EndsWith("將不獲受理。", passages.Single(passage => passage.Text.StartsWith("8.")).Text);
        Assert.Contains("（d）", passages.Single(passage => passage.Text.StartsWith("3.")).Text);

        var legco = Chunker.Split(Documents.Load(Documents.Fixture("published/legco.pdf"))).ToList();
        Assert.Contains(legco, passage => passage.Text == "行業：生物醫藥｜獲批項目數目：6｜資助額（百萬港元）：72.5");
        Assert.Equal(3, legco.Single(passage => passage.Text.StartsWith("13.")).Page);
    }

    [Fact]
    public void AnOlderPageOfBoldLinesAndLineBreaksGivesItsSectionsAndParagraphs()
    {
        var document = Documents.Load(Documents.Fixture("published/esp-notes.htm"));
        var passages = Chunker.Split(document).ToList();
        Assert.Equal(["申請資格", "遞交申請", "評審時間"], passages.Select(passage => passage.Section).Distinct().Skip(1));
        Assert.StartsWith("申請企業必須為在香港註冊成立的公司", passages.First(passage => passage.Section == "申請資格").Text);
        Assert.Contains(passages, passage => passage.Text == "初步審查｜約四個星期");
        Assert.Equal("2024-11-05", document.Metadata.Updated);
    }

    [Fact]
    public void AQuestionAndItsAnswerInADefinitionListAreOnePassage()
    {
        var passages = Chunker.Split(Documents.Load(Documents.Fixture("published/techvoucher-faq.html"))).ToList();
        Assert.Contains(passages, passage => passage.Text.StartsWith("Q5. How long does the vetting take? Generally about three months"));
        Assert.DoesNotContain(passages, passage => passage.Text.StartsWith("Last revision date"));
    }

    [Fact]
    public void APressReleasesTableRowsNameTheirColumnsAndItsClosingMarkIsNoPassage()
    {
        var passages = Chunker.Split(Documents.Load(Documents.Fixture("published/press-ai-subsidy.html"))).ToList();
        Assert.Contains(passages, passage => passage.Text == "範疇：大型語言模型｜項目數目：5｜資助額（百萬元）：310");
        Assert.DoesNotContain(passages, passage => passage.Text.Length < 2);
        Assert.DoesNotContain(passages, passage => passage.Text.StartsWith("範疇｜"));
    }

    [Fact]
    public void TablesGiveAPassagePerRowAndNestedListsTheirOwnItems()
    {
        var document = Documents.Load("schemes.html", """
            <html lang="zh-HK"><head><title>資助計劃一覽 | 創新科技署</title><link rel="canonical" href="https://www.itc.gov.hk/schemes.html"></head>
            <body><nav><a href="/">首頁</a></nav><main>
            <h2 id="table">資助計劃</h2>
            <table><tr><th>計劃</th><th>上限</th></tr><tr><td>科技券</td><td>60 萬元</td></tr></table>
            <ul><li>研究人才庫<ul><li>每間公司最多四名</li></ul></li></ul>
            </main></body></html>
            """);
        Assert.Equal(["計劃：科技券｜上限：60 萬元", "研究人才庫", "每間公司最多四名"], Chunker.Split(document).Select(passage => passage.Text));
        Assert.Equal(("資助計劃一覽", "https://www.itc.gov.hk/schemes.html"), (document.Metadata.Title, document.Metadata.Url));
    }

    [Fact]
    public void ASidecarOverridesWhatTheFileSaysAndMayAddItsAddress()
    {
        var corpus = Documents.Corpus(Documents.Fixture("factsheet.docx"));
        File.WriteAllText(Path.Combine(corpus, "factsheet.meta.json"),
            """{ "title": "創新及科技（概覽）", "url": "https://www.gov.hk/factsheet.pdf" }""");
        var document = CorpusDocument.LoadAll(corpus, long.MaxValue).Documents.Single();
        Assert.Equal(("創新及科技（概覽）", "2024-07-25", "https://www.gov.hk/factsheet.pdf"),
            (document.Metadata.Title, document.Metadata.Updated, document.Metadata.Url));
    }

    [Fact]
    public void WithoutAnyMetadataADocumentIsCitedByItsFileNameAndDate()
    {
        var path = Path.Combine(TempFolder.Create("document"), "notes.txt");
        File.WriteAllText(path, "- 香港共有近 4,300 間初創企業。\n");
        File.SetLastWriteTimeUtc(path, new DateTime(2023, 5, 6, 12, 0, 0, DateTimeKind.Utc));
        var document = Documents.Load(path);
        Assert.Equal(("notes", "2023-05-06"), (document.Metadata.Title, document.Metadata.Updated));
    }
}

/// <summary>Word files written with the OpenXml SDK, as Word writes them: a localised copy of Word names its styles
/// "1", "2"… and keeps "heading 1" as the style's name; templates hold text in content controls.</summary>
internal static class WordFile
{
    public static void Write(string path, string title, DateTime modified, params (string? StyleId, string? StyleName, string Text)[] paragraphs)
    {
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(path, DocumentFormat.OpenXml.WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        var styles = main.AddNewPart<DocumentFormat.OpenXml.Packaging.StyleDefinitionsPart>();
        styles.Styles = new W.Styles(paragraphs.Where(p => p.StyleId is not null).Select(p =>
            new W.Style(new W.StyleName { Val = p.StyleName }) { StyleId = p.StyleId, Type = W.StyleValues.Paragraph }));
        var body = new W.Body(paragraphs.Select(p => new W.Paragraph(
            new W.ParagraphProperties(p.StyleId is null ? [] : [new W.ParagraphStyleId { Val = p.StyleId }]),
            new W.Run(new W.Text(p.Text)))));
        // Templates put text in content controls: the last paragraph stands in one.
        var last = body.Elements<W.Paragraph>().Last();
        last.Remove();
        body.Append(new W.SdtBlock(new W.SdtContentBlock(last)));
        body.Append(new W.Table(
            new W.TableRow(Cell("計劃"), Cell("上限")),
            new W.TableRow(Cell("科技券"), Cell("60 萬元"))));
        main.Document = new W.Document(body);
        word.PackageProperties.Title = title;
        word.PackageProperties.Modified = modified;
    }

    private static W.TableCell Cell(string text) => new(new W.Paragraph(new W.Run(new W.Text(text))));
}

/// <summary>Files a build cannot read are skipped, one line each, and the rest is indexed.</summary>
public sealed class UnreadableDocumentTests : IDisposable
{
    private readonly string corpus = Documents.Corpus(Documents.FactSheetText);
    private readonly SearchSettings settings;

    public UnreadableDocumentTests() => settings = new SearchSettings { CorpusPath = corpus, IndexPath = TempFolder.Create("index") };

    public static TheoryData<string, string> Cases => new()
    {
        { "encrypted.pdf", "encrypted" },
        { "truncated.pdf", "cannot be read" },
        { "empty.pdf", "empty" },
        { "scanned.pdf", "without a text layer" },
        { "huge.pdf", "over the 50 MB limit" },
        { "menu-only.html", "without main content" },
        { "header-only.pdf", "only text is its running headers and footers" },
        { "not-a-word-file.docx", "cannot be read" },
    };

    private string Add(string name)
    {
        var path = Path.Combine(corpus, name);
        switch (name)
        {
            case "encrypted.pdf" or "scanned.pdf" or "header-only.pdf":
                File.Copy(Documents.Fixture(Path.Combine("unreadable", name)), path);
                break;
            case "truncated.pdf":
                File.WriteAllBytes(path, File.ReadAllBytes(Documents.Fixture("factsheet.pdf"))[..600_000]);
                break;
            case "empty.pdf":
                File.WriteAllBytes(path, []);
                break;
            case "huge.pdf":
                using (var stream = File.Create(path))
                    stream.SetLength(200_000_000);
                break;
            case "menu-only.html":
                File.WriteAllText(path, "<html><body><header><nav><ul><li><a href='/'>首頁</a></li></ul></nav></header><script>track()</script><footer><p>私隱政策</p></footer></body></html>");
                break;
            case "not-a-word-file.docx":
                File.WriteAllText(path, "這不是 Word 檔案");
                break;
        }
        return path;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void AnUnreadableFileIsSkippedWithItsReasonAndTheRestIsIndexed(string name, string reason)
    {
        Add(name);
        var summary = PassageIndex.Build(settings, NullLogger.Instance);

        Assert.Equal((1, 98), (summary.Documents, summary.Passages));
        var skipped = Assert.Single(summary.Skipped);
        Assert.Equal(name, skipped.File);
        Assert.Contains(reason, skipped.Reason);
        using var answerer = Answerer.OpenExisting(settings);
        Assert.Equal([skipped.ToString()], answerer.Describe()!.Value.Commit.Skipped);
    }

    [Fact]
    public void WhenNothingReadableIsLeftThePreviousIndexKeepsServingAndSaysWhy()
    {
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        File.Delete(Path.Combine(corpus, "innovation-and-technology.zh-Hant.txt"));
        Add("encrypted.pdf");
        Add("scanned.pdf");

        var failure = PassageIndex.BuildIfNeeded(settings, NullLogger.Instance);

        Assert.Contains("encrypted.pdf: an encrypted PDF", failure);
        Assert.Contains("scanned.pdf: a PDF without a text layer", failure);
        Assert.Equal(PassageIndex.Status.Stale, PassageIndex.Check(settings).Status);
        answerer.Refresh(watchCorpus: false);
        Assert.Contains("4,300", answerer.Ask("香港有幾多間初創企業？", 1).ShortAnswer);
    }

    public void Dispose()
    {
        Directory.Delete(corpus, recursive: true);
        Directory.Delete(settings.IndexPath, recursive: true);
    }
}

/// <summary>
/// Each published form of the fact sheet, alone in a corpus (with the seed's synonyms), answers the question bank's test
/// split as the text does: every figure of the evaluation within 0.02.
/// </summary>
public class DocumentFormQualityTests
{
    private static readonly QuestionBank Bank = QuestionBank.Load(Path.Combine(AppContext.BaseDirectory, "data", "bank"));

    private static IReadOnlyList<(string Name, Share Share)> FiguresFor(string document)
    {
        var settings = new SearchSettings
        {
            CorpusPath = Documents.Corpus(document, Path.Combine(TestCorpora.Shipped, "synonyms.txt")),
            IndexPath = TempFolder.Create("index"),
        };
        try
        {
            using var answerer = Answerer.Open(settings, NullLogger.Instance);
            return [.. Figures.Of(Evaluator.Run(answerer, Bank.Test)).Rows()];
        }
        finally
        {
            Directory.Delete(settings.CorpusPath, recursive: true);
            Directory.Delete(settings.IndexPath, recursive: true);
        }
    }

    private static readonly Lazy<IReadOnlyList<(string Name, Share Share)>> OfTheText = new(() => FiguresFor(Documents.FactSheetText));

    [Theory]
    [Trait("Speed", "Slow")]
    [InlineData("factsheet.pdf")]
    [InlineData("factsheet-two-columns.pdf")]
    [InlineData("factsheet.html")]
    [InlineData("factsheet.docx")]
    public void AnswersTheBanksTestSplitAsTheTextDoes(string file)
    {
        foreach (var ((name, text), (_, form)) in OfTheText.Value.Zip(FiguresFor(Documents.Fixture(file))))
            Assert.True(Math.Abs(text.Value - form.Value) <= 0.02, $"{name}: text {text}, {file} {form}");
    }
}

/// <summary>The fact sheet and a newer version of it with five figures changed (tests/data/updates): the newer figure
/// comes first, with its date, unless the question asks for the year only the older gives.</summary>
public class UpdatedDocumentTests : IDisposable
{
    private static readonly string Updates = Path.Combine(AppContext.BaseDirectory, "data", "updates");
    private readonly SearchSettings settings = new()
    {
        CorpusPath = Documents.Corpus(Documents.FactSheetText, Path.Combine(TestCorpora.Shipped, "synonyms.txt"),
            Path.Combine(Updates, "updated-factsheet.zh-Hant.txt")),
        IndexPath = TempFolder.Create("index"),
    };

    [Fact]
    public void TheEvalCaseIsAnsweredFromTheNewestVersionThatGivesWhatIsAsked()
    {
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        var outcomes = Evaluator.Run(answerer, EvalQuestion.Load(Path.Combine(Updates, "questions.jsonl")));
        var figures = Figures.Of(outcomes);
        Assert.Equal(1.0, figures.RecallAt1.Value);
        Assert.Equal(1.0, figures.ShortHoldsGold.Value);
    }

    [Theory]
    [InlineData("科技券批出了多少宗申請？", "38,000", "2025-03-31")]
    [InlineData("香港有幾多間初創企業？", "4,700", "2025-03-31")]
    [InlineData("根據 2023 年的調查，香港共有多少間初創企業？", "4,300", "2024-07-25")]
    public void TheReplyGivesTheFigureAndTheDateOfTheVersionItIsFrom(string question, string figure, string date)
    {
        using var answerer = Answerer.Open(settings, NullLogger.Instance);
        var answer = answerer.Ask(question, 3);
        Assert.Contains(figure, answer.ShortAnswer);
        Assert.Equal(date, answer.Hits[0].Updated);
        // The older version is not lost: it comes after the others.
        var all = answerer.Ask(question, 10).Hits;
        Assert.Single(all, hit => hit.Updated != date && Evaluator.Squash(hit.Text).Contains(Evaluator.Squash(answer.Hits[0].Text)[..10]));
    }

    public void Dispose()
    {
        Directory.Delete(settings.CorpusPath, recursive: true);
        Directory.Delete(settings.IndexPath, recursive: true);
    }
}
