using System.Text.Json;

namespace Airgap.Cli.Tests;

public sealed class ApiKeysAreMadeOnceAndRevoked : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Fact]
    public async Task A_key_is_printed_once_kept_as_a_digest_listed_by_id_revoked_and_audited()
    {
        var made = JsonDocument.Parse(await _airgap.OkAsync("keys", "api", "create", "--scope", "admin", "--name", "line 3", "--json")).RootElement;
        var secret = made.GetProperty("key").GetString()!;
        var id = made.GetProperty("id").GetString()!;

        Assert.StartsWith("ag_", secret);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(Path.Combine(_airgap.Home, "api-keys")));
        var listed = await _airgap.OkAsync("keys", "api", "list");
        Assert.Contains(id, listed);
        Assert.Contains("admin", listed);
        Assert.DoesNotContain(secret, listed);

        Assert.Contains($"removed {id}", await _airgap.OkAsync("keys", "api", "remove", id));
        Assert.DoesNotContain(id, await _airgap.OkAsync("keys", "api", "list"));
        var audit = await _airgap.OkAsync("audit", "list");
        Assert.Contains("create-api-key", audit);
        Assert.Contains("remove-api-key", audit);
        Assert.Contains(Environment.UserName, audit);
    }

    [Fact]
    public async Task Removing_a_key_that_is_not_there_is_one_line_and_exit_1()
    {
        var (code, _, error) = await _airgap.RunAsync("keys", "api", "remove", "key:000000000000");

        Assert.Equal(1, code);
        Assert.StartsWith("error: no API key key:000000000000", error.Trim());
    }

    [Fact]
    public async Task A_scope_that_is_not_inference_or_admin_is_a_usage_error()
    {
        var (code, _, error) = await _airgap.RunAsync("keys", "api", "create", "--scope", "root");

        Assert.NotEqual(0, code);
        Assert.Contains("root", error);
    }

    [Fact]
    public async Task A_name_of_more_than_one_line_is_refused_and_no_key_is_made()
    {
        var (code, output, error) = await _airgap.RunAsync("keys", "api", "create", "--name", "x\nsha256:" + new string('0', 64) + ":admin");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Equal("error: --name must be one line of text (no control characters)", error.Trim());
        Assert.False(File.Exists(Path.Combine(_airgap.Home, "api-keys")));
    }
}
