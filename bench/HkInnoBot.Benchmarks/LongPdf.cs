using System.Diagnostics;
using System.Net;
using System.Text;
using HkInnoBot.Search;
using HkInnoBot.Search.Corpus;
using HkInnoBot.Search.Index;
using Microsoft.Extensions.Logging.Abstractions;

namespace HkInnoBot.Benchmarks;

/// <summary>
/// `long-pdf`: the 100× corpus (<see cref="LargeCorpusBenchmark.Generate"/>) set as one web page and printed to PDF by
/// headless Chromium (several hundred pages), then built alone into an index, as a maintainer dropping a long report into
/// corpus/ would. Prints the PDF's size and the build's time; needs chromium (apt-get install chromium fonts-wqy-microhei).
/// </summary>
public static class LongPdf
{
    public static void Run()
    {
        var (sheets, corpus, index) = (Questions.TempFolder("sheets"), Questions.TempFolder("corpus"), Questions.TempFolder("index"));
        try
        {
            LargeCorpusBenchmark.Generate(sheets);
            var pdf = Path.Combine(corpus, "long-report.pdf");
            var clock = Stopwatch.StartNew();
            Print(AsOnePage(CorpusDocument.LoadAll(sheets, long.MaxValue).Documents), pdf);
            using (var printed = UglyToad.PdfPig.PdfDocument.Open(pdf))
                Console.WriteLine($"printed {printed.NumberOfPages} pages, {new FileInfo(pdf).Length / 1_000_000.0:F1} MB, in {clock.Elapsed.TotalSeconds:F1} s");

            var settings = new SearchSettings { CorpusPath = corpus, IndexPath = index };
            var first = PassageIndex.Build(settings, NullLogger.Instance);
            var second = PassageIndex.Build(settings, NullLogger.Instance);
            Console.WriteLine($"built: {first.Passages} passages (the 100 sheets have 9,800); {first.Elapsed.TotalSeconds:F1} s, then {second.Elapsed.TotalSeconds:F1} s warm");
        }
        finally
        {
            foreach (var folder in new[] { sheets, corpus, index })
                Directory.Delete(folder, recursive: true);
        }
    }

    private static string AsOnePage(IEnumerable<CorpusDocument> documents)
    {
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"zh-HK\"><head><meta charset=\"utf-8\"><title>創新及科技彙編</title></head><body><main>");
        foreach (var document in documents)
        {
            html.Append($"<h1>{WebUtility.HtmlEncode(document.Metadata.Title)}</h1>");
            foreach (var section in document.Sections)
            {
                html.Append($"<h2>{WebUtility.HtmlEncode(section.Heading)}</h2><ul>");
                foreach (var paragraph in section.Paragraphs)
                    html.Append($"<li>{WebUtility.HtmlEncode(paragraph.Text)}</li>");
                html.Append("</ul>");
            }
        }
        return html.Append("</main></body></html>").ToString();
    }

    private static void Print(string html, string pdf)
    {
        var page = Path.ChangeExtension(pdf, ".html");
        File.WriteAllText(page, html);
        using var chromium = Process.Start(new ProcessStartInfo("chromium",
            ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", $"--user-data-dir={Path.GetDirectoryName(pdf)}/chromium",
             $"--print-to-pdf={pdf}", $"file://{page}"]) { RedirectStandardError = true })!;
        chromium.StandardError.ReadToEnd();
        chromium.WaitForExit();
        File.Delete(page);
        Directory.Delete(Path.Combine(Path.GetDirectoryName(pdf)!, "chromium"), recursive: true);
    }
}
