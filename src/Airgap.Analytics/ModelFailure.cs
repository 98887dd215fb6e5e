using Airgap.Inference.Errors;
using Airgap.Models.Catalog;

namespace Airgap.Analytics;

/// <summary>Why an assistant's model gave no answer, in one line for the notes of a response that fell back.</summary>
internal static class ModelFailure
{
    /// <summary>True when no later call to the same model can succeed either: not worth asking for the other inputs.</summary>
    public static bool IsModelWide(Exception e) => e is ModelNotFoundException or ModelLoadException or RegistryException
        or QueueFullException or ShuttingDownException or RequestTimeoutException or ModelUnavailableException;

    /// <summary>The note for <paramref name="e"/>, thrown by <paramref name="model"/> asked as the <paramref name="role"/> model.</summary>
    public static string Describe(string role, string model, Exception e, ModelDeadline deadline) => e switch
    {
        OperationCanceledException when deadline.Expired =>
            $"{role} model '{model}' did not answer within {deadline.Timeout.TotalSeconds:0.###} s (setting Analytics:ModelTimeout)",
        RequestTimeoutException => $"{role} model '{model}' did not answer within the request timeout (setting Inference:RequestTimeout)",
        ModelNotFoundException => $"{role} model '{model}' is not in the registry",
        _ => $"{role} model '{model}' failed: {e.Message}",
    };
}
