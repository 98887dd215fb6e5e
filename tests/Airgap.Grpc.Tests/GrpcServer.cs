using Airgap.Tests.Shared;
using System.Net.Http.Json;
using System.Text.Json;
using Airgap.Inference.Scheduling;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Hosting;
using Airgap.Server.Tests;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;

namespace Airgap.Grpc.Tests;

/// <summary>
/// The real server on free loopback ports, serving the tiny synthetic model as tiny:test: REST on its listen address,
/// gRPC on its HTTP/2-only address, and a client generated from airgap.proto.
/// </summary>
public class GrpcServer : IAsyncLifetime
{
    public const string Model = "tiny:test";

    private WebApplication? _app;

    public string Root { get; } = Directory.CreateTempSubdirectory("airgap-grpc-").FullName;
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];
    public FairnessOptions Fairness { get; init; } = new();
    public Uri RestAddress { get; private set; } = null!;
    public Uri GrpcAddress { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public AirgapClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Client and server share this process's thread pool; on 2 cores a stream's continuations could keep the
        // client's callbacks waiting, which separate processes never do.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        var home = new AirgapHome(Path.Combine(Root, "home"));
        await TinyModel.ImportAsync(Root, home, Model);
        var (rest, grpc) = TwoFreePorts();
        RestAddress = new Uri($"http://127.0.0.1:{rest}");
        GrpcAddress = new Uri($"http://127.0.0.1:{grpc}");
        _app = AirgapServer.Build(home, new ServerOptions
        {
            Urls = RestAddress.ToString().TrimEnd('/'),
            Grpc = new GrpcOptions { Url = GrpcAddress.ToString().TrimEnd('/') },
            // Greedy, the tiny model runs to the end of its context: long enough to cancel a stream in the middle.
            Inference = new InferenceOptions { ContextLength = 4096, Threads = 2 },
            ApiKeys = ApiKeys,
            Fairness = Fairness,
        }, new HeaderValidator());
        await _app.StartAsync();
        Http = new HttpClient { BaseAddress = RestAddress, Timeout = TimeSpan.FromMinutes(2) };
        Channel = GrpcChannel.ForAddress(GrpcAddress);
        Client = new AirgapClient(Channel);
    }

    /// <summary>Reads a whole server stream.</summary>
    public static async Task<List<T>> ReadAllAsync<T>(AsyncServerStreamingCall<T> call)
    {
        var messages = new List<T>();
        await foreach (var message in call.ResponseStream.ReadAllAsync()) messages.Add(message);
        return messages;
    }

    /// <summary>The first model of GET /api/ps: its running, completed and cancelled generations.</summary>
    public async Task<JsonElement> RunningModelAsync()
    {
        var ps = await Http.GetFromJsonAsync<JsonElement>("/api/ps");
        return ps.GetProperty("models")[0];
    }

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        Directory.Delete(Root, recursive: true);
    }

    private static (int, int) TwoFreePorts()
    {
        var first = LoopbackPort.Free();
        var second = LoopbackPort.Free();
        while (second == first) second = LoopbackPort.Free();
        return (first, second);
    }
}

/// <summary>The same server with API keys: one of inference scope, one admin.</summary>
public sealed class KeyedGrpcServer : GrpcServer
{
    public const string InferenceKey = "grpc-inference-key-0123456789";
    public const string AdminKey = "grpc-admin-key-0123456789";

    public KeyedGrpcServer() => ApiKeys = [ApiKey.Parse(InferenceKey), ApiKey.Parse(AdminKey + ":admin")];
}

/// <summary>The keyed server with a token bucket of one request per caller, refilled once in 1000 s.</summary>
public sealed class LimitedGrpcServer : GrpcServer
{
    public LimitedGrpcServer()
    {
        ApiKeys = [ApiKey.Parse(KeyedGrpcServer.InferenceKey), ApiKey.Parse(KeyedGrpcServer.AdminKey)];
        Fairness = new FairnessOptions { RequestsPerSecond = 0.001, Burst = 1 };
    }
}
