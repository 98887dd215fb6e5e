using System.Text.Json;
using System.Text.Json.Serialization;
using Airgap.Models.Catalog;
using Airgap.Models.Gguf;
using Airgap.Models.Packs;
using Airgap.Models.Signing;
using Airgap.Models.Validation;
using Spectre.Console;

namespace Airgap.Cli.Output;

/// <summary>The CLI's only way to print: people get tables and lines, scripts get JSON, errors get one line on stderr.</summary>
public static class CliOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Templates and log lines are full of < > & ': escaped, a script's reader sees \u003C where the log had <.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static void Line(string text) => Console.Out.WriteLine(text);

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        // Redirected output (a pipe, a log) has no width; don't wrap it at 80 columns.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var h in headers) table.AddColumn(new TableColumn(Markup.Escape(h)));
        foreach (var row in rows) table.AddRow(row.Select(c => new Text(c)).ToArray<Spectre.Console.Rendering.IRenderable>());
        AnsiConsole.Write(table);
    }

    /// <summary>Runs a command body, turning the errors a user can cause into one line on stderr and exit code 1.</summary>
    public static async Task<int> Guard(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception e) when (e is PackException or SigningException or RegistryException or ModelValidationException
                                       or GgufFormatException or ArgumentException or IOException or UnauthorizedAccessException
                                       or Airgap.Inference.Errors.InvalidRequestException or Airgap.Analytics.LogAnalysis.LogRulesException
                                       or InvalidDataException or System.Text.Json.JsonException or Microsoft.Data.Sqlite.SqliteException or Bundling.BundleException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException e)
        {
            Console.Error.WriteLine($"error: settings: {string.Join("; ", e.Failures)}");
            return 1;
        }
    }

    /// <summary>Bytes for people, in binary units everywhere: 926.8 KiB, 2.9 MiB, 1.2 GiB.</summary>
    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 40 => $"{bytes / (double)(1L << 40):0.0} TiB",
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.0} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.0} MiB",
        >= 1L << 10 => $"{bytes / 1024.0:0.0} KiB",
        _ => $"{bytes} B",
    };
}
