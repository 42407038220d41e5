using HkInnoBot.Tests;

namespace HkInnoBot.WebChat.Tests;

/// <summary>Every bot these tests start answers from one index of the shipped corpus.</summary>
[CollectionDefinition(Name)]
public sealed class WebChatCollection : ICollectionFixture<ShippedIndex>
{
    public const string Name = "webchat";
}
