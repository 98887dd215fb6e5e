using System.Diagnostics;

namespace Airgap.Models.Tests.Packs;

/// <summary>Makes the file-system objects a hostile pack holds: FIFOs (with the real mkfifo) and symbolic links.</summary>
public static class FileSystemObjects
{
    /// <summary>Replaces <paramref name="path"/> with a FIFO that no one writes to.</summary>
    public static void Fifo(string path)
    {
        File.Delete(path);
        var start = new ProcessStartInfo("mkfifo") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"mkfifo {path} failed: {process.StandardError.ReadToEnd()}");
    }

    /// <summary>Replaces <paramref name="path"/> with a symbolic link to <paramref name="target"/>.</summary>
    public static void Link(string path, string target)
    {
        File.Delete(path);
        File.CreateSymbolicLink(path, target);
    }

    /// <summary>Runs <paramref name="action"/> on another thread and fails when it has not finished in 20 s (a hang).</summary>
    public static async Task<Exception?> WithinDeadline(Func<Task> action)
    {
        try
        {
            await Task.Run(action).WaitAsync(TimeSpan.FromSeconds(20));
            return null;
        }
        catch (TimeoutException)
        {
            Assert.Fail("hung for 20 s");
            throw;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
