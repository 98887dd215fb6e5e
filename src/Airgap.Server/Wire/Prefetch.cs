namespace Airgap.Server.Wire;

/// <summary>Starts a stream before the response does, so errors that happen before the first item get a real status.</summary>
public static class Prefetch
{
    /// <summary>Fetches the first item (running everything before it); returns it and the whole stream.</summary>
    public static async Task<(T? First, IAsyncEnumerable<T> All)> FirstAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            var has = await enumerator.MoveNextAsync();
            return (has ? enumerator.Current : default, Rest(enumerator, has));
        }
        catch
        {
            await enumerator.DisposeAsync();
            throw;
        }
    }

    private static async IAsyncEnumerable<T> Rest<T>(IAsyncEnumerator<T> enumerator, bool has)
    {
        await using (enumerator)
        {
            while (has)
            {
                yield return enumerator.Current;
                has = await enumerator.MoveNextAsync();
            }
        }
    }
}
