using Airgap.Analytics.Anomaly;
using Airgap.Analytics.Autocomplete;
using Airgap.Analytics.Search;
using Airgap.Analytics.Classification;
using Airgap.Inference.Chat;
using Airgap.Inference.Tensors;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Engines.LlamaCpp;
using Airgap.Inference.Scheduling;
using Airgap.Models.Catalog;
using Airgap.Models.Import;
using Airgap.Models.Storage;
using Airgap.Models.Validation;
using Airgap.Server.Documentation;
using Airgap.Server.Endpoints;
using Airgap.Server.Grpc;
using Airgap.Server.Jobs;
using Airgap.Server.Observability;
using Airgap.Server.Tasks;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Airgap.Server.Hosting;

/// <summary>Builds the Airgap HTTP server over a data home; the CLI's `serve` runs it.</summary>
public static class AirgapServer
{
    /// <summary>Creates the web application: services, endpoints, and the drop-folder watcher when asked.</summary>
    public static WebApplication Build(AirgapHome home, ServerOptions options, IModelValidator validator, string[]? args = null)
    {
        // Kestrel reads a host:port it cannot parse as "every interface, port 80"; refuse before it sees one.
        var urls = string.Join(';', ListenAddresses.Parse(options.Urls));
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls(GrpcHosting.WithGrpcAddress(urls, options.Grpc));
        builder.WebHost.UseGrpcAddress(options.Grpc);
        // Under systemd (Type=notify) or as a Windows service, the host tells the service manager when it is ready and
        // stopping; run anywhere else, both do nothing.
        builder.Host.UseSystemd();
        builder.Host.UseWindowsService();
        var clients = options.Tls.ClientCertificates ? new ClientCertificateIdentity(options.Tls) : null;
        if (options.Tls.Enabled) builder.WebHost.UseTls(options.Tls, clients);
        if (clients is not null) builder.Services.AddSingleton(clients);
        builder.Logging.AddAirgapConsole(options.LogFormat);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("NATS", LogLevel.Warning);
        // "Hosting failed to start" repeats, with a stack trace, the exception StartAsync throws to its caller (a port in
        // use); the caller reports it in one line. A faulted background service still logs at Critical.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddSingleton<IValidateOptions<AirgapOptions>, AirgapOptionsValidator>();
        builder.Services.AddOptions<AirgapOptions>().Configure(o =>
        {
            o.Urls = urls;
            o.WatchInterval = options.WatchInterval;
            o.Inference = options.Inference;
            o.Analytics = options.Analytics;
            o.Jobs = options.Jobs;
            o.Gateway = options.Gateway;
            o.Fairness = options.Fairness;
            o.Tls = options.Tls;
            o.Grpc = options.Grpc;
        }).ValidateOnStart();
        builder.Services.AddSingleton(home);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        // A registry.db that is missing while blobs remain, corrupt or not this home's is refused here, in one line,
        // before the host starts (the host would log a stack trace for a failing hosted service).
        var registry = new ModelRegistry(home.RegistryPath);
        registry.EnsureUsable();
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(validator);
        builder.Services.AddSingleton<ModelImporter>(sp => new ModelImporter(home, sp.GetRequiredService<ModelRegistry>(), validator));
        builder.Services.AddSingleton<ServerState>();
        builder.Services.AddSingleton(new PackSources(options.WatchFolders.Concat(options.PackSources).Distinct().ToList()));
        builder.Services.AddSingleton(options.Inference);
        builder.Services.AddSingleton(options.Analytics);
        builder.Services.AddSingleton<IModelRunnerFactory>(sp => new LlamaRunnerFactory(sp.GetRequiredService<ILoggerFactory>(), TimeProvider.System));
        builder.Services.AddSingleton(sp => new ModelHost(sp.GetRequiredService<ModelRegistry>(), home,
            sp.GetRequiredService<IModelRunnerFactory>(), options.Inference, TimeProvider.System, sp.GetRequiredService<ILogger<ModelHost>>()));
        builder.Services.AddObservability();
        builder.Services.AddSingleton(sp => new InferenceScheduler(sp.GetRequiredService<ModelHost>(), TimeProvider.System));
        // At a gateway the one chat path runs on the workers, through the job stream; otherwise on this machine's engine.
        if (options.Gateway.Enabled) builder.Services.AddGateway(options.Gateway, options.Inference.RequestTimeout);
        else builder.Services.AddChatClient(sp => new AirgapChatClient(sp.GetRequiredService<InferenceScheduler>())).UseObservation().UseResponseCache();
        builder.Services.AddSingleton(sp => new SentenceEncoderCatalog(sp.GetRequiredService<ModelRegistry>(), home, options.Inference));
        builder.Services.AddEmbeddingGenerator(sp => new AirgapEmbeddingGenerator(sp.GetRequiredService<InferenceScheduler>()))
            .UseObservation().UseSentenceEncoders();
        builder.Services.AddLogAnalysis(home, options.Analytics, remoteModels: options.Gateway.Enabled);
        builder.Services.AddSingleton(sp => new TextClassifier(sp.GetRequiredService<IChatClient>(),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), options.Analytics));
        builder.Services.AddSingleton(sp => new Autocompleter(
            new AutocompleteStore(Path.Combine(home.AnalyticsDirectory, "autocomplete.db"), options.Analytics.AutocompleteMaxEntries),
            sp.GetRequiredService<IChatClient>(), sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), options.Analytics));
        builder.Services.AddSingleton(sp => new SemanticSearch(
            new SearchStore(Path.Combine(home.AnalyticsDirectory, "search.db"), options.Analytics.MaxSearchTexts),
            sp.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>(), options.Analytics));
        builder.Services.AddSingleton(new DetectorDefinitions(Path.Combine(home.AnalyticsDirectory, "anomaly.db")));
        builder.Services.AddSingleton(sp => new DetectorRegistry(home, sp.GetRequiredService<ModelRegistry>(), sp.GetRequiredService<ModelImporter>()));
        builder.Services.AddSingleton<AlertBroadcaster>();
        builder.Services.AddSingleton(new TelemetryStore(Path.Combine(home.AnalyticsDirectory, "telemetry.db"), options.Analytics.TelemetryMaxReadings));
        builder.Services.AddSingleton(sp => new TelemetryIngest(sp.GetRequiredService<DetectorRegistry>(), sp.GetRequiredService<TelemetryStore>(),
            sp.GetRequiredService<AlertBroadcaster>()));
        builder.Services.AddSingleton(sp => new DetectorRetraining(sp.GetRequiredService<DetectorRegistry>(), sp.GetRequiredService<TelemetryStore>()));
        if (!string.IsNullOrWhiteSpace(options.Analytics.MqttBroker))
        {
            MqttBridge.Broker(options.Analytics.MqttBroker); // a malformed address is refused at start, in one line
            builder.Services.AddHostedService<MqttBridge>();
        }
        builder.Services.AddSingleton<ScheduledRetraining>();
        if (options.Analytics.AnomalyRetrainInterval > TimeSpan.Zero)
            builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledRetraining>());
        builder.Services.AddSingleton(sp => new OnnxModelCatalog(sp.GetRequiredService<ModelRegistry>(), home, options.Inference));
        // The OCR models load on the first display read, not at start.
        builder.Services.AddSingleton(_ => Analytics.Vision.Reading.DisplayReader.OpenBuiltIn(options.Inference.Threads));
        builder.Services.AddSingleton(sp => new Analytics.Vision.Reading.ReconcilingDisplayReader(
            sp.GetRequiredService<Analytics.Vision.Reading.DisplayReader>(),
            string.IsNullOrWhiteSpace(options.Analytics.DisplayReaderModel) ? null
                : new Analytics.Vision.Reading.VlmDisplayReading(sp.GetRequiredService<IChatClient>(), options.Analytics),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<Analytics.Vision.Reading.ReconcilingDisplayReader>()));
        builder.Services.AddCallerLimits(options.Fairness);
        builder.Services.AddHostedService<StartupRecovery>();
        builder.Services.AddJobs(home, options.Gateway.Enabled && options.Jobs.Parallel is null
            ? options.Jobs with { Parallel = Jobs.JobOptions.GatewayParallel } : options.Jobs);
        if (options.WatchFolders.Count > 0) builder.Services.AddHostedService<DropFolderWatcher>();
        builder.Services.AddApiDocumentation();
        builder.Services.AddAirgapGrpc();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ServerJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(1, Ollama.OllamaJsonContext.Default);
            o.SerializerOptions.TypeInfoResolverChain.Insert(2, OpenAi.OpenAiJsonContext.Default);
        });

        builder.Services.AddSingleton(sp => new ApiKeyRing(options.ApiKeys, new ApiKeyFile(Path.Combine(home.Root, ApiKeyFile.FileName)), TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ApiKeyRing>()));

        var app = builder.Build();
        var keys = app.Services.GetRequiredService<ApiKeyRing>();
        var listening = GrpcHosting.WithGrpcAddress(options.Urls, options.Grpc);
        if (!keys.Required && clients is null && !LoopbackOnly(listening))
            app.Logger.LogWarning("Listening on {Urls} without API keys: anyone who can reach it can run and change models; set --api-key", listening);
        // A job is replayed through everything after UseJobReplay (error fallback, routing, API keys, the endpoint), so
        // it is answered as the synchronous call would be; routing is explicit so that submission, after the API keys,
        // knows the endpoint and its caller.
        app.UseJobReplay();
        app.UseRequestRecords();
        app.UseDialectFallback();
        app.UseApiReference();
        app.UseRouting();
        app.UseApiKeys(keys, clients);
        app.UseAuditActor();
        app.UseCallerLimits(options.Fairness);
        app.UseJobSubmission();
        app.MapHealth();
        app.MapOllamaApi();
        app.MapOpenAiApi();
        app.MapLogAnalysis();
        app.MapClassify();
        app.MapAutocomplete();
        app.MapSearch();
        app.MapAnomaly();
        app.MapTelemetry();
        app.MapKServe();
        app.MapVision();
        app.MapJobs();
        app.MapRegistryApi();
        app.MapAirgapGrpc();
        app.MapDashboard();
        app.MapApiDocument();
        app.MapObservability();
        app.LogStartupBanner(home, options);
        return app;
    }

    /// <summary>True when every listen address is a loopback one (127.0.0.0/8, ::1, localhost).</summary>
    public static bool LoopbackOnly(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(url =>
            Uri.TryCreate(url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0"), UriKind.Absolute, out var uri)
            && (uri.IsLoopback || (System.Net.IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip))));
}
