using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Gateway;

/// <summary>
/// What a layer above adds to a worker: services (the server's metrics and their endpoint) and the outer stages of its
/// chat pipeline (observation), in front of the response cache as on a server.
/// </summary>
public sealed record WorkerExtensions(Action<IServiceCollection> Services, Func<ChatClientBuilder, ChatClientBuilder> Pipeline);
