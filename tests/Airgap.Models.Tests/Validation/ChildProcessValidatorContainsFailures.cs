using Airgap.Models.Validation;

namespace Airgap.Models.Tests.Validation;

/// <summary>The validator's child process stands in for llama.cpp: a shell script that hangs, crashes or passes.</summary>
public sealed class ChildProcessValidatorContainsFailures : IDisposable
{
    private readonly SiteFixture _site = new();

    public void Dispose() => _site.Dispose();

    private ChildProcessValidator Validator(string script, TimeSpan timeout) =>
        new("/bin/sh", ["-c", script, "validator"], timeout, new HeaderValidator());

    [Fact]
    public async Task A_child_that_hangs_is_killed_at_the_timeout_and_the_model_refused()
    {
        Assert.True(File.Exists("/bin/sh"), "these tests need /bin/sh");
        var pidFile = Path.Combine(_site.Root, "child.pid");
        var validator = Validator($"echo $$ > '{pidFile}'; exec sleep 60", TimeSpan.FromSeconds(1));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ModelValidationException>(() => validator.ValidateAsync(_site.ModelPath, "gguf", default));

        Assert.Equal("load-and-generate test did not finish within 1 s", error.Message);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(30));
        var pid = int.Parse(File.ReadAllText(pidFile).Trim());
        Assert.True(await GoneAsync(pid), $"the hung child {pid} is still running");
    }

    // The kill is a signal; the child is gone (or a zombie awaiting its reaper) moments later.
    private static async Task<bool> GoneAsync(int pid)
    {
        for (var i = 0; i < 50; i++)
        {
            try
            {
                if (!File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ")) { await Task.Delay(100); continue; }
            }
            catch (IOException) { }
            return true;
        }
        return false;
    }

    [Fact]
    public async Task A_child_that_dies_of_a_signal_is_reported_as_a_crash()
    {
        var validator = Validator("echo 'loading model' >&2; kill -SEGV $$", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ModelValidationException>(() => validator.ValidateAsync(_site.ModelPath, "gguf", default));

        Assert.Equal("load-and-generate test crashed (signal 11, SIGSEGV): loading model", error.Message);
    }

    [Fact]
    public async Task A_child_that_fails_is_refused_with_its_last_line()
    {
        var validator = Validator("echo 'first'; echo 'llama_model_load: bad tensor' >&2; exit 3", TimeSpan.FromSeconds(30));

        var error = await Assert.ThrowsAsync<ModelValidationException>(() => validator.ValidateAsync(_site.ModelPath, "gguf", default));

        Assert.Equal("load-and-generate test failed (exit code 3): llama_model_load: bad tensor", error.Message);
    }

    [Fact]
    public async Task An_import_whose_validator_crashes_leaves_the_registry_unchanged()
    {
        var importer = new Airgap.Models.Import.ModelImporter(_site.Home, _site.Registry, Validator("kill -SEGV $$", TimeSpan.FromSeconds(30)));
        var before = _site.State();

        var error = await Assert.ThrowsAsync<ModelValidationException>(() =>
            importer.ImportPackAsync(_site.Pack("1.0.0"), new Airgap.Models.Import.ImportOptions(), null, default));

        Assert.StartsWith("load-and-generate test crashed (signal 11", error.Message);
        Assert.Equal(before, _site.State());
        Assert.Equal("refuse", _site.Registry.Audit()[^1].Action);
    }
}
