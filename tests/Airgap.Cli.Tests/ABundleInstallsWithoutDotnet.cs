using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Airgap.Cli.Tests;

/// <summary>`airgap bundle` from the source tree, installed by its install.sh into a throw-away root, run with no .NET.</summary>
public sealed class ABundleInstallsWithoutDotnet(BundledInstallation bundle) : IClassFixture<BundledInstallation>, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-root-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_bundle_holds_the_build_the_signed_pack_the_key_the_scripts_and_their_checksums()
    {
        Assert.True(File.Exists(Path.Combine(bundle.Bundle, "linux-x64", "airgap")));
        Assert.False(File.Exists(Path.Combine(bundle.Bundle, "linux-x64", "airgap.dll")), "a single-file build has no airgap.dll beside it");
        Assert.False(Directory.Exists(Path.Combine(bundle.Bundle, "linux-x64", "runtimes", "win-x64")), "other platforms' native libraries were kept");
        Assert.True(File.Exists(Path.Combine(bundle.Bundle, "packs", "tiny-test-1.0.0", "manifest.json")));
        Assert.True(File.Exists(Path.Combine(bundle.Bundle, "keys", "vendor.pub")));
        foreach (var script in new[] { "install.sh", "install.ps1", "README.md", "airgap.json" }) Assert.True(File.Exists(Path.Combine(bundle.Bundle, script)), script);
        var listed = File.ReadAllLines(Path.Combine(bundle.Bundle, "SHA256SUMS")).Select(l => l[66..]).ToHashSet();
        var files = Directory.EnumerateFiles(bundle.Bundle, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bundle.Bundle, f)).Where(f => f != "SHA256SUMS").ToHashSet();
        Assert.Equal(files.Order(), listed.Order());
        Assert.Equal(files.Count, bundle.Summary.GetProperty("files").GetInt32());
    }

    [Fact]
    public async Task The_installed_program_runs_doctor_and_answers_a_generation_with_no_dotnet_on_the_path()
    {
        var (code, output, error) = await bundle.InstallAsync("--root", _root);
        Assert.True(code == 0, $"install.sh exited {code}: {error}{output}");
        Assert.Contains("importing tiny-test-1.0.0", output);
        var unit = await File.ReadAllTextAsync(Path.Combine(_root, "etc", "systemd", "system", "airgap.service"));
        Assert.Contains("Type=notify", unit);
        Assert.Contains("ExecStart=/opt/airgap/airgap serve", unit);
        Assert.Contains("Environment=AIRGAP_CONFIG=/etc/airgap/airgap.json", unit);

        var doctor = await AirgapProcess.RunAsync(bundle.Installed(_root, "doctor"), TimeSpan.FromMinutes(1));
        Assert.True(doctor.Code == 0, $"doctor exited {doctor.Code}: {doctor.Err}");
        Assert.Contains("CPU cores", doctor.Out);

        var port = ServeProcess.FreePort();
        using var serve = Process.Start(bundle.Installed(_root, "serve", "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(1) };
            await WaitForHealthAsync(http, serve);
            var answer = await http.PostAsJsonAsync("/api/generate", new { model = "tiny:test", prompt = "pump pressure", stream = false, options = new { num_predict = 4, ignore_eos = true } });
            var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.True(body.GetProperty("done").GetBoolean());
            Assert.Equal(4, body.GetProperty("eval_count").GetInt32());
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Installing_again_upgrades_in_place_keeping_settings_and_models_and_uninstall_keeps_the_data_home()
    {
        Assert.Equal(0, (await bundle.InstallAsync("--root", _root)).Code);
        var settings = Path.Combine(_root, "etc", "airgap", "airgap.json");
        await File.WriteAllTextAsync(settings, """{ "urls": "http://127.0.0.1:8181" }""");

        var (code, output, error) = await bundle.InstallAsync("--root", _root);

        Assert.True(code == 0, $"install.sh exited {code}: {error}{output}");
        Assert.Contains("kept the settings", output);
        Assert.Contains("already registered", output);
        Assert.Equal("""{ "urls": "http://127.0.0.1:8181" }""", await File.ReadAllTextAsync(settings));
        Assert.False(Directory.Exists(Path.Combine(_root, "opt", "airgap.old")));
        var list = await AirgapProcess.RunAsync(bundle.Installed(_root, "models", "list", "--json"), TimeSpan.FromMinutes(1));
        Assert.Contains("tiny:test", list.Out);

        Assert.Equal(0, (await bundle.InstallAsync("--root", _root, "--uninstall")).Code);
        Assert.False(Directory.Exists(Path.Combine(_root, "opt", "airgap")));
        Assert.True(File.Exists(Path.Combine(_root, "var", "lib", "airgap", "registry.db")));
        Assert.True(File.Exists(settings));
    }

    [Fact]
    public async Task A_changed_file_in_the_bundle_stops_the_install_before_anything_is_written()
    {
        var readme = Path.Combine(bundle.Bundle, "README.md");
        var original = await File.ReadAllBytesAsync(readme);
        try
        {
            await File.AppendAllTextAsync(readme, "tampered");
            var (code, _, error) = await bundle.InstallAsync("--root", _root);

            Assert.Equal(1, code);
            Assert.Contains("does not match SHA256SUMS", error);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        }
        finally
        {
            await File.WriteAllBytesAsync(readme, original);
        }
    }

    [Fact]
    public async Task A_key_added_to_the_bundle_after_it_was_written_stops_the_install()
    {
        var planted = Path.Combine(bundle.Bundle, "keys", "planted.pub");
        File.Copy(Path.Combine(bundle.Bundle, "keys", "vendor.pub"), planted);
        try
        {
            var (code, _, error) = await bundle.InstallAsync("--root", _root);

            Assert.Equal(1, code);
            Assert.Contains("SHA256SUMS does not list (keys/planted.pub", error);
            Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        }
        finally
        {
            File.Delete(planted);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var (code, _, error) = await bundle.InstallAsync("--frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("unknown option '--frobnicate'", error);
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process serve)
    {
        for (var i = 0; i < 600; i++)
        {
            if (serve.HasExited) Assert.Fail($"serve exited {serve.ExitCode}: {await serve.StandardError.ReadToEndAsync()}");
            try
            {
                if ((await http.GetAsync("/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        Assert.Fail("the installed server did not answer /health within a minute");
    }
}
