namespace HkInnoBot.Search.Corpus;

/// <summary>A paragraph of a document as read: its text, and where it stands — the page of a PDF, the anchor of a web
/// page — for citing it.</summary>
public sealed record Paragraph(string Text, int? Page = null, string? Anchor = null);

/// <summary>A section of a document: its heading ("" before the first) and its paragraphs, in order.</summary>
public sealed record Section(string Heading, IReadOnlyList<Paragraph> Paragraphs);

/// <summary>What the file itself says of a document; each may be missing. A <c>NAME.meta.json</c> beside the file
/// overrides it.</summary>
public sealed record FileMetadata(string? Title = null, string? Updated = null, string? Language = null, string? Url = null);

/// <summary>What a reader finds in a file of any format: the same structure for all, which <see cref="Chunker"/> cuts
/// into passages the same way.</summary>
public sealed record DocumentContent(IReadOnlyList<Section> Sections, FileMetadata Metadata);

/// <summary>A file that cannot be read as a document (encrypted, damaged, empty, without a text layer…): it is skipped,
/// and the reason is shown in the build's output and in the health report.</summary>
public sealed class UnreadableDocumentException(string reason) : Exception(reason);
