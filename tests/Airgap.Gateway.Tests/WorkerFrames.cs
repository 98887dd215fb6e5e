using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

/// <summary>
/// The frames one attempt of a job sends, numbered as <c>FrameWriter</c> numbers them and passed through the wire's
/// JSON, so a reply stream reads exactly what it would read from NATS.
/// </summary>
internal sealed class WorkerFrames(int attempt)
{
    private int _seq;

    public static GatewayJob Job(string model = "tiny") =>
        new() { Id = "job-1", Model = model, Reply = JobSubjects.Reply("job-1") };

    public JobFrame Started() => Next(FrameKind.Started);

    public JobFrame Alive() => Next(FrameKind.Alive);

    public JobFrame Text(string text) => Next(FrameKind.Update, new ChatResponseUpdate(ChatRole.Assistant, text));

    /// <summary>The final update, with <paramref name="text"/> as its last piece of text when there is one.</summary>
    public JobFrame Done(string text = "") => Next(FrameKind.Done,
        new ChatResponseUpdate(ChatRole.Assistant, text.Length > 0 ? [new TextContent(text)] : []) { FinishReason = ChatFinishReason.Stop });

    public JobFrame Failed(Exception e) => Next(FrameKind.Failed, failure: JobFailure.From(e));

    public JobFrame FailedWithoutReason() => Next(FrameKind.Failed);

    /// <summary>Numbers a frame that never arrives (lost on the way).</summary>
    public void Lose() => _seq++;

    private JobFrame Next(string kind, ChatResponseUpdate? update = null, JobFailure? failure = null)
    {
        var frame = new JobFrame
        {
            Kind = kind, Seq = _seq++, Attempt = attempt, Worker = $"worker-{attempt}",
            Update = update is null ? null : ChatWire.Update(update), Failure = failure,
        };
        return JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(frame, GatewayJsonContext.Default.JobFrame), GatewayJsonContext.Default.JobFrame)!;
    }
}

/// <summary>What a caller of a reply stream has seen so far.</summary>
internal sealed class Caller(JobReplyStream stream)
{
    public List<ChatResponseUpdate> Updates { get; } = [];

    public bool Finished { get; private set; }

    public string Text => string.Concat(Updates.Select(u => u.Text));

    /// <summary>Feeds the frames; returns the text each gave the caller, "" for none.</summary>
    public List<string> Receive(params JobFrame[] frames)
    {
        var texts = new List<string>();
        foreach (var frame in frames)
        {
            var updates = stream.Accept(frame, out var finished);
            Finished |= finished;
            Updates.AddRange(updates);
            texts.Add(string.Concat(updates.Select(u => u.Text)));
        }
        return texts;
    }
}
