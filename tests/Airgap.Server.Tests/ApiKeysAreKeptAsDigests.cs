using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Server.Tests;

public sealed class ApiKeysAreKeptAsDigests : IAsyncDisposable
{
    private const string Secret = "ag_the-line-3-workstation-key";
    private readonly string _root = Directory.CreateTempSubdirectory("airgap-keys-").FullName;
    private WebApplication? _app;

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(_root, recursive: true);
    }

    private AirgapHome Home => new(Path.Combine(_root, "home"));

    private ApiKeyFile KeyFile => new(Path.Combine(Home.Root, ApiKeyFile.FileName));

    private async Task<HttpClient> StartAsync(IReadOnlyList<ApiKey>? configured = null)
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        _app = AirgapServer.Build(Home, new ServerOptions { Urls = url, ApiKeys = configured ?? [] }, new HeaderValidator());
        await _app.StartAsync();
        return new HttpClient { BaseAddress = new Uri(url) };
    }

    private static HttpRequestMessage Tags(string key) =>
        new(HttpMethod.Get, "/api/tags") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) } };

    [Fact]
    public void A_key_and_its_digest_form_are_the_same_key_with_the_same_id()
    {
        var plain = ApiKey.Parse(Secret + ":admin");
        var hashed = ApiKey.Parse($"sha256:{ApiKey.DigestOf(Secret).ToUpperInvariant()}:admin");

        Assert.Equal(plain, hashed);
        Assert.Equal(plain.Id, hashed.Id);
        Assert.True(hashed.Matches(Secret));
        Assert.False(hashed.Matches(Secret + "x"));
        Assert.DoesNotContain(Secret, hashed.ToString());
    }

    [Theory]
    [InlineData("sha256:abc", "64 hex digits")]
    [InlineData("sha256:zz00000000000000000000000000000000000000000000000000000000000000", "64 hex digits")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000:root", "'root' is not inference or admin")]
    public void A_malformed_digest_form_is_refused_saying_why(string text, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => ApiKey.Parse(text));

        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public async Task Keys_added_and_removed_at_the_same_moment_are_none_of_them_lost()
    {
        var keys = Enumerable.Range(0, 16).Select(i => new ApiKey(ApiKey.DigestOf($"{Secret}-{i}"), ApiKey.Inference)).ToList();
        KeyFile.Add(keys[0], "first");

        await Task.WhenAll(keys.Skip(1).Select(k => Task.Run(() => KeyFile.Add(k, "added at once")))
            .Append(Task.Run(() => KeyFile.Remove(keys[0].Id))));

        Assert.Equal(keys.Skip(1).Select(k => k.Id).Order(), KeyFile.Read().Select(e => e.Key.Id).Order());
    }

    [Fact]
    public async Task A_key_in_the_key_file_is_accepted_and_once_removed_is_refused_without_a_restart()
    {
        var key = new ApiKey(ApiKey.DigestOf(Secret), ApiKey.Inference);
        KeyFile.Add(key, "line 3");
        Assert.DoesNotContain(Secret, await File.ReadAllTextAsync(KeyFile.Path));
        using var client = await StartAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tags")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Tags(Secret))).StatusCode);

        Assert.Single(KeyFile.Remove(key.Id));
        HttpStatusCode status;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(200);
            status = (await client.SendAsync(Tags(Secret))).StatusCode;
        } while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task The_first_key_made_on_a_running_open_server_closes_it_and_removing_every_key_does_not_open_it_again()
    {
        using var client = await StartAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tags")).StatusCode);
        var key = new ApiKey(ApiKey.DigestOf(Secret), ApiKey.Inference);

        KeyFile.Add(key, "first");
        Assert.Equal(HttpStatusCode.Unauthorized, await EventuallyAsync(() => client.GetAsync("/api/tags"), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Tags(Secret))).StatusCode);

        KeyFile.Remove(key.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, await EventuallyAsync(() => client.SendAsync(Tags(Secret)), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/tags")).StatusCode);
    }

    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            status = (await send()).StatusCode;
            if (status == wanted) return status;
            await Task.Delay(200);
        } while (DateTime.UtcNow < deadline);
        return status;
    }

    [Fact]
    public void A_line_of_the_key_file_that_does_not_parse_stops_the_start_naming_the_file_and_line()
    {
        Directory.CreateDirectory(Home.Root);
        File.WriteAllLines(KeyFile.Path, ["# keys", $"sha256:{ApiKey.DigestOf(Secret)}:admin", "sha256:short"]);

        var error = Assert.Throws<ArgumentException>(() => AirgapServer.Build(Home, new ServerOptions { Urls = "http://127.0.0.1:9" }, new HeaderValidator()));

        Assert.StartsWith($"{KeyFile.Path}:3:", error.Message);
    }
}
