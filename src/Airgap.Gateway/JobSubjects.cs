using System.Security.Cryptography;
using System.Text;
using Airgap.Inference.Errors;
using Airgap.Models.Naming;

namespace Airgap.Gateway;

/// <summary>
/// The names on NATS: stream AIRGAP_JOBS holds <c>airgap.jobs.&lt;model&gt;.p&lt;0-9&gt;</c>; replies, cancellations and
/// worker heartbeats are plain NATS subjects beside it.
/// </summary>
public static class JobSubjects
{
    public const string Stream = "AIRGAP_JOBS";
    public const string AllJobs = "airgap.jobs.>";
    public const string AllCancels = "airgap.cancel.*";
    public const string AllHeartbeats = "airgap.workers.*";
    public const int Priorities = 10;

    /// <summary>The model as its queue knows it: family:tag, the version left to the job (a worker may hold several).</summary>
    public static string QueueModel(string model)
    {
        var at = model.IndexOf('@');
        var name = at < 0 ? model : model[..at];
        if (!ModelName.TryParse(name, out var parsed, out var error)) throw new InvalidRequestException("model", error);
        return parsed.ToString();
    }

    /// <summary>The subject of a job for <paramref name="model"/> at <paramref name="priority"/> (9 most urgent).</summary>
    public static string Job(string model, int priority) => $"airgap.jobs.{Token(QueueModel(model))}.p{Math.Clamp(priority, 0, Priorities - 1)}";

    /// <summary>Every job subject of one model: what a worker listens on to wake when work arrives.</summary>
    public static string ModelJobs(string model) => $"airgap.jobs.{Token(QueueModel(model))}.*";

    /// <summary>The durable pull consumer the workers of <paramref name="model"/> share for one priority.</summary>
    public static string Consumer(string model, int priority) =>
        $"jobs-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(QueueModel(model))))[..16]}-p{priority}";

    public static string Reply(string jobId) => $"airgap.replies.{jobId}";
    public static string Cancel(string jobId) => $"airgap.cancel.{jobId}";
    public static string Heartbeat(string workerId) => $"airgap.workers.{workerId}";

    /// <summary>Model and priority of a job subject; null for anything else.</summary>
    public static (string Model, int Priority)? Parse(string subject)
    {
        var parts = subject.Split('.');
        if (parts.Length != 4 || parts[0] != "airgap" || parts[1] != "jobs" || parts[3].Length != 2 || parts[3][0] != 'p' || !char.IsAsciiDigit(parts[3][1]))
            return null;
        return (parts[2].Replace("%2E", ".", StringComparison.Ordinal), parts[3][1] - '0');
    }

    // Model names may hold '.', which NATS reads as a token separator; '%' never occurs in a model name.
    private static string Token(string queueModel) => queueModel.Replace(".", "%2E", StringComparison.Ordinal);
}
