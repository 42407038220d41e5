namespace HkInnoBot.Search.Corpus;

/// <summary>One answer-sized unit of a document: a bullet or a paragraph under its section heading.</summary>
/// <param name="Id">Stable citation id: document id + a fingerprint of the text, e.g.
/// "innovation-and-technology.zh-Hant#3f9a0c1b2d".</param>
/// <param name="Text">Display text: page breaks repaired, markdown bold markers removed.</param>
/// <param name="Page">The PDF page it starts on; null for other formats.</param>
/// <param name="Anchor">The id of the web page's element it stands under, for a link to it; null when there is none.</param>
public sealed record Passage(string Id, string Section, string Text, CorpusDocument Document, int? Page = null, string? Anchor = null);
