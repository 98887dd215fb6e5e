using System.Diagnostics;

namespace Airgap.Models.Validation;

/// <summary>
/// Runs a validation command in a child process with a timeout, so a native crash or hang on a bad file takes
/// down only the child. The command gets the model path as its last argument and exits 0 when the model works.
/// </summary>
public sealed class ChildProcessValidator(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout, IModelValidator headerValidator)
    : IModelValidator
{
    /// <summary>The option that hands the child a vision projector to load beside the model.</summary>
    public const string ProjectorOption = "--projector";

    /// <inheritdoc />
    public Task<ModelValidation> ValidateAsync(string path, string format, CancellationToken cancellationToken) =>
        ValidateAsync(path, format, null, cancellationToken);

    /// <inheritdoc />
    public async Task<ModelValidation> ValidateAsync(string path, string format, string? projectorPath, CancellationToken cancellationToken)
    {
        var header = await headerValidator.ValidateAsync(path, format, projectorPath, cancellationToken);
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.ArgumentList.Add(format);
        start.ArgumentList.Add(path);
        if (projectorPath is not null)
        {
            start.ArgumentList.Add(ProjectorOption);
            start.ArgumentList.Add(projectorPath);
        }

        using var process = Process.Start(start) ?? throw new ModelValidationException($"could not start {fileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new ModelValidationException($"load-and-generate test did not finish within {timeout.TotalSeconds:0} s");
        }
        var output = (await stdout).Trim();
        var error = (await stderr).Trim();
        if (process.ExitCode != 0)
        {
            var reason = LastLine(error) ?? LastLine(output) ?? "no output";
            // .NET reports a child killed by a signal as 128 + the signal number on Unix.
            if (!OperatingSystem.IsWindows() && process.ExitCode is > 128 and < 160)
            {
                var signal = process.ExitCode - 128;
                throw new ModelValidationException($"load-and-generate test crashed (signal {signal}{SignalName(signal)}): {reason}");
            }
            throw new ModelValidationException($"load-and-generate test failed (exit code {process.ExitCode}): {reason}");
        }
        return header with { Summary = $"{header.Summary}; {LastLine(output) ?? "loaded and generated"}" };
    }

    private static string SignalName(int signal) => signal switch
    {
        4 => ", SIGILL",
        6 => ", SIGABRT",
        7 => ", SIGBUS",
        8 => ", SIGFPE",
        9 => ", SIGKILL",
        11 => ", SIGSEGV",
        _ => "",
    };

    private static string? LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
}
