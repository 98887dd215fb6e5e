namespace Airgap.Analytics.Search;

/// <summary>Adding the texts would take a collection past Analytics:MaxSearchTexts; nothing was stored.</summary>
public sealed class SearchCollectionFullException(string collection, int max)
    : Exception($"collection '{collection}' would hold more than Analytics:MaxSearchTexts ({max}) texts; nothing was stored")
{
    public string Collection { get; } = collection;
}
