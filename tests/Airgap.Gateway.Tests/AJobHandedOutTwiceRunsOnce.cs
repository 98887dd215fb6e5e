using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using NATS.Client.Core;

namespace Airgap.Gateway.Tests;

/// <summary>
/// JetStream hands a job out again when its progress reaches it late (a loaded worker): the worker that already answered it
/// drops the second copy rather than run the model twice.
/// </summary>
public sealed class AJobHandedOutTwiceRunsOnce
{
    [Fact]
    public async Task The_second_delivery_of_an_answered_job_is_dropped_without_running_the_model()
    {
        await using var site = await JobsOnNats.StartAsync(new GatewayOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(200) });
        var engine = new CountingEngine();
        await site.StartWorkerAsync(engine);
        var now = DateTimeOffset.UtcNow;
        var job = new GatewayJob
        {
            Id = "job-twice", Model = JobsOnNats.Model, Reply = JobSubjects.Reply("job-twice"), Created = now,
            StartBy = now.AddMinutes(1), Deadline = now.AddMinutes(2), Messages = JsonSerializer.SerializeToElement(new[] { new { role = "user", content = "hi" } }),
        };
        await using var replies = await site.Connection.SubscribeCoreAsync<byte[]>(job.Reply);

        await site.PublishAsync(job, "first-delivery");
        await site.PublishAsync(job, "second-delivery");

        var kinds = new List<string>();
        using var quiet = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (kinds.Count(k => k == FrameKind.Done) < 1)
            kinds.Add(JsonSerializer.Deserialize((await replies.Msgs.ReadAsync(quiet.Token)).Data, GatewayJsonContext.Default.JobFrame)!.Kind);
        await GatewayClient.EventuallyAsync(async () => (await site.StreamMessagesAsync()) == 0, "both copies settled", TimeSpan.FromSeconds(30));

        Assert.Equal(1, engine.Calls);
        Assert.Equal(1, kinds.Count(k => k == FrameKind.Started));
        Assert.False(replies.Msgs.TryRead(out _), "the second copy sent frames");
    }

    private sealed class CountingEngine : IChatClient
    {
        private int _calls;

        public int Calls => _calls;

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "answered") { FinishReason = ChatFinishReason.Stop };
        }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("workers stream");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
