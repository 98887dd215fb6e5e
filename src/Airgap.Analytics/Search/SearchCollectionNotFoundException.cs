namespace Airgap.Analytics.Search;

/// <summary>A search or removal named a collection that holds no texts.</summary>
public sealed class SearchCollectionNotFoundException(string collection) : Exception($"collection '{collection}' holds no texts")
{
    public string Collection { get; } = collection;
}
