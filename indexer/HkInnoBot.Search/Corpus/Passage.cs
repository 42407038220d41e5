namespace HkInnoBot.Search.Corpus;

/// <summary>One answer-sized unit of a document: a bullet or a paragraph under its section heading.</summary>
/// <param name="Id">Stable citation id: document id + ordinal, e.g. "innovation-and-technology.zh-Hant#012".</param>
/// <param name="Text">Display text: page breaks repaired, markdown bold markers removed.</param>
public sealed record Passage(string Id, string Section, string Text, CorpusDocument Document);
