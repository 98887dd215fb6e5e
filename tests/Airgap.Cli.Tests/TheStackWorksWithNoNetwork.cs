using System.Diagnostics;

namespace Airgap.Cli.Tests;

/// <summary>
/// Zero egress, shown rather than promised: in a network namespace that has only loopback, the real `airgap` makes a
/// model, imports it, serves it, answers a generation and an embedding. A step that reached for a network would fail here.
/// </summary>
public sealed class TheStackWorksWithNoNetwork : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [SkippableFact]
    public async Task Synth_import_serve_generate_and_embed_inside_a_namespace_with_only_loopback()
    {
        Skip.IfNot(await NamespacesWorkAsync(), "unshare -rn is not available here (no user namespaces): the zero-egress run needs it");
        var airgap = $"dotnet '{AirgapProcess.Dll}'";
        var script = $$$"""
            set -e
            ip link set lo up
            if ip -o addr | grep -v ' lo ' | grep -q inet; then echo "NOT ISOLATED"; exit 3; fi
            {{{airgap}}} synth --preset tiny --out tiny.gguf >/dev/null
            {{{airgap}}} import tiny.gguf --name tiny:test --version 1.0.0 --allow-unsigned >/dev/null
            {{{airgap}}} serve --urls http://127.0.0.1:18080 > serve.log 2>&1 &
            server=$!
            for i in $(seq 1 600); do curl -sf http://127.0.0.1:18080/health >/dev/null && break; sleep 0.1; done
            curl -sf http://127.0.0.1:18080/api/generate -d '{"model":"tiny:test","prompt":"pump","stream":false,"options":{"num_predict":3,"ignore_eos":true}}'; echo
            curl -sf http://127.0.0.1:18080/api/embed -d '{"model":"all-minilm","input":["pump pressure high"]}' | head -c 200; echo
            kill $server
            wait $server || true # its shutdown still writes in the home, which the test then deletes
            """;
        var start = new ProcessStartInfo("unshare") { WorkingDirectory = _airgap.Root };
        foreach (var arg in new[] { "-rn", "sh", "-c", script }) start.ArgumentList.Add(arg);
        start.Environment["AIRGAP_HOME"] = _airgap.Home;

        var (code, output, error) = await AirgapProcess.RunAsync(start, TimeSpan.FromMinutes(3));

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"done\":true") && l.Contains("\"eval_count\":3"));
        Assert.Contains(lines, l => l.StartsWith("{\"model\":\"all-minilm\",\"embeddings\":[[", StringComparison.Ordinal));
    }

    private static async Task<bool> NamespacesWorkAsync()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("unshare", ["-rn", "true"]) { RedirectStandardError = true })!;
            await probe.WaitForExitAsync();
            return probe.ExitCode == 0 && File.Exists("/usr/sbin/ip") | File.Exists("/sbin/ip") && File.Exists("/usr/bin/curl");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
