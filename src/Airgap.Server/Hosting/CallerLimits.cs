using System.Globalization;
using System.Threading.RateLimiting;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Airgap.Server.Hosting;

/// <summary>
/// <see cref="FairnessOptions"/> on ASP.NET Core's rate limiter: a token bucket and an in-flight count per caller, on the
/// requests that run a model (POSTs); a caller over either gets 429 with Retry-After in its API's error shape.
/// </summary>
public static class CallerLimits
{
    public static IServiceCollection AddCallerLimits(this IServiceCollection services, FairnessOptions options)
    {
        if (options.RequestsPerSecond <= 0 && options.MaxInFlight <= 0) return services;
        services.AddRateLimiter(limiter =>
        {
            var limiters = new List<PartitionedRateLimiter<HttpContext>>();
            if (options.RequestsPerSecond > 0)
                limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(http => Limited(http)
                    ? RateLimitPartition.GetTokenBucketLimiter(Caller(http), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1 / options.RequestsPerSecond),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    })
                    : RateLimitPartition.GetNoLimiter("")));
            if (options.MaxInFlight > 0)
                limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(http => Limited(http)
                    ? RateLimitPartition.GetConcurrencyLimiter(Caller(http), _ => new ConcurrencyLimiterOptions { PermitLimit = options.MaxInFlight, QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.GlobalLimiter = limiters.Count == 1 ? limiters[0] : PartitionedRateLimiter.CreateChained([.. limiters]);
            limiter.OnRejected = (context, _) =>
            {
                var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                var message = $"too many requests from {Caller(context.HttpContext)}: at most {Describe(options)} per caller (settings Fairness:*); retry later";
                return new ValueTask(DialectFallback.WriteAsync(context.HttpContext, new ApiErrors.Classified(429, message, "rate_limit_error", null, "rate_limited", retry)));
            };
        });
        return services;
    }

    /// <summary>Adds the limiter after authentication (it partitions by the caller's key) when a limit is set.</summary>
    public static IApplicationBuilder UseCallerLimits(this IApplicationBuilder app, FairnessOptions options) =>
        options.RequestsPerSecond > 0 || options.MaxInFlight > 0 ? app.UseRateLimiter() : app;

    /// <summary>Who a request counts against: its API key's id, or its remote address when the server has no keys.</summary>
    public static string Caller(HttpContext http) =>
        http.Items[typeof(Caller)] is Caller caller ? caller.Identity : $"address:{http.Connection.RemoteIpAddress}";

    // Reading (GET: lists, status, health) is never limited: an operator must see a flood while it happens. A queued job's
    // replay is not either: its submission already counted, and a refusal now would fail a job its caller was promised.
    private static bool Limited(HttpContext http) => HttpMethods.IsPost(http.Request.Method) && http.Features.Get<Jobs.JobReplayFeature>() is null;

    private static string Describe(FairnessOptions options) => string.Join(" and ", new[]
    {
        options.RequestsPerSecond > 0 ? $"{options.RequestsPerSecond:0.###} requests/s (burst {options.Burst})" : null,
        options.MaxInFlight > 0 ? $"{options.MaxInFlight} in flight" : null,
    }.OfType<string>());
}
