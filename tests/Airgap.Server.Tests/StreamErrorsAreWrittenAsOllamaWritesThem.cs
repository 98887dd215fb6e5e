using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Airgap.Server.Observability;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Airgap.Server.Tests;

public sealed class StreamErrorsAreWrittenAsOllamaWritesThem
{
    private static async IAsyncEnumerable<string> FailingAfterOneLine([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return "first";
        await Task.Yield();
        throw new InvalidOperationException("the engine's step failed");
    }

    [Fact]
    public async Task An_error_after_the_first_line_is_one_error_object_and_nothing_else()
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext
        {
            Response = { Body = body },
            RequestServices = new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).BuildServiceProvider(),
        };
        var type = (JsonTypeInfo<string>)JsonSerializerOptions.Default.GetTypeInfo(typeof(string));
        var record = new RequestRecord { Time = DateTimeOffset.UtcNow, Method = "POST" };
        context.Features.Set(record);

        await new NdjsonResult<string>(FailingAfterOneLine(), type).ExecuteAsync(context);

        var lines = Encoding.UTF8.GetString(body.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["\"first\"", """{"error":"the engine's step failed"}"""], lines);
        // The status line said 200; the request log and the metrics still count it as failed.
        Assert.Equal("the engine's step failed", record.Refusal?.Message);
    }
}
