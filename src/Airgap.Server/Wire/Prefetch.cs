namespace Airgap.Server.Wire;

/// <summary>Starts a stream before the response does, so errors that happen before the first item get a real status.</summary>
public static class Prefetch
{
    public static async Task<IAsyncEnumerable<T>> FirstAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken)
    {
        var enumerator = source.GetAsyncEnumerator(cancellationToken);
        try
        {
            var has = await enumerator.MoveNextAsync();
            return Rest(enumerator, has);
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
