using Airgap.Models.Storage;
using Spectre.Console;

namespace Airgap.Cli.Output;

/// <summary>Shows a progress bar (bytes, rate, ETA) while files are copied, when a person is watching a terminal.</summary>
public static class ImportProgress
{
    /// <summary>Runs <paramref name="work"/> with a progress reporter; plain (no bar) when output is redirected or JSON.</summary>
    public static async Task<T> RunAsync<T>(bool json, Func<IProgress<CopyProgress>?, Task<T>> work)
    {
        if (json || Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive) return await work(null);
        T result = default!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn { Base = FileSizeBase.Binary },
                new TransferSpeedColumn { Base = FileSizeBase.Binary }, new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var tasks = new Dictionary<string, ProgressTask>();
                var progress = new Progress<CopyProgress>(p =>
                {
                    if (!tasks.TryGetValue(p.File, out var task))
                        tasks[p.File] = task = context.AddTask(Markup.Escape(Path.GetFileName(p.File)), maxValue: Math.Max(1, p.BytesTotal));
                    task.Value = p.BytesDone;
                });
                result = await work(progress);
            });
        return result;
    }
}
