using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Airgap.Cli.Tests;

public sealed class AuditVerifyAnchorsTheTrail : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task Verify_prints_the_head_and_count_and_fails_when_entries_up_to_a_recorded_head_were_removed()
    {
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync("1.0.0"));
        await _airgap.OkAsync("import", await _airgap.SignedPackAsync("1.1.0"));
        var report = JsonDocument.Parse(await _airgap.OkAsync("audit", "verify", "--json")).RootElement;
        var head = report.GetProperty("head").GetString()!;
        var entries = report.GetProperty("entries").GetInt32();
        Assert.True(report.GetProperty("intact").GetBoolean());
        Assert.Equal(2, report.GetProperty("registered_versions").GetInt32());
        Assert.Contains($"audit trail intact: {entries} entries, head {head}", await _airgap.OkAsync("audit", "verify", "--expect-head", head));

        // Someone with the files removes the newest entries and this home's record of them.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_airgap.Home, "registry.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM audit WHERE id >= {entries - 1}";
            command.ExecuteNonQuery();
        }
        File.Delete(Path.Combine(_airgap.Home, "registry.id"));

        var (code, _, error) = await _airgap.RunAsync("audit", "verify", "--expect-head", head);

        Assert.Equal(1, code);
        Assert.StartsWith($"error: audit trail: the recorded head {head} is not in the trail", error.Trim());
    }

    [Fact]
    public async Task An_expected_head_that_is_not_a_hash_is_one_line()
    {
        var (code, _, error) = await _airgap.RunAsync("audit", "verify", "--expect-head", "abc");

        Assert.Equal(1, code);
        Assert.Equal("error: --expect-head must be a 64-character SHA-256 hex head hash, got 'abc'", error.Trim());
    }
}
