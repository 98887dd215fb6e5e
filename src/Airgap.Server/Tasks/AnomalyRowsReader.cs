using System.Text.Json;
using Airgap.Analytics.Anomaly;
using Airgap.Inference.Errors;
using Airgap.Server.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Airgap.Server.Tasks;

/// <summary>
/// Readings from a request: JSON `{"rows": [...]}` with each row an object by feature name or a list in feature order,
/// or a CSV body (text/csv) with a header. A missing or non-numeric value is a 400 naming the row and feature (JSON)
/// or the data row and column (CSV).
/// </summary>
internal static class AnomalyRowsReader
{
    public static async Task<double[][]> ReadAsync(HttpRequest request, IReadOnlyList<string> features, CancellationToken cancellationToken)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        if (mediaType is "text/csv" or "application/csv")
        {
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync(cancellationToken);
            try
            {
                return TelemetryTable.Read(new StringReader(text), "body").Features(features, "body");
            }
            catch (ArgumentException e)
            {
                throw new InvalidRequestException("body", e.Message.StartsWith("body: ", StringComparison.Ordinal) ? e.Message[6..] : e.Message);
            }
        }
        var body = await RequestBody.ReadAsync(request, AnomalyJsonContext.Plain.AnomalyRowsRequest, cancellationToken);
        return FromJson(body.Rows, features);
    }

    /// <summary>The readings of a `rows` list; errors name the row and feature.</summary>
    public static double[][] FromJson(JsonElement? list, IReadOnlyList<string> features)
    {
        if (list is not { ValueKind: JsonValueKind.Array } rows) throw new InvalidRequestException("rows", "is required: a list of readings");
        var result = new double[rows.GetArrayLength()][];
        var i = 0;
        foreach (var row in rows.EnumerateArray())
        {
            var values = new double[features.Count];
            if (row.ValueKind == JsonValueKind.Object)
            {
                for (var f = 0; f < features.Count; f++)
                    values[f] = row.TryGetProperty(features[f], out var v)
                        ? Number(v, $"rows[{i}].{features[f]}")
                        : throw new InvalidRequestException($"rows[{i}].{features[f]}", "is missing");
            }
            else if (row.ValueKind == JsonValueKind.Array)
            {
                if (row.GetArrayLength() != features.Count)
                    throw new InvalidRequestException($"rows[{i}]", $"has {row.GetArrayLength()} values; the detector's features are {string.Join(", ", features)}");
                var f = 0;
                foreach (var v in row.EnumerateArray()) { values[f] = Number(v, $"rows[{i}].{features[f]}"); f++; }
            }
            else throw new InvalidRequestException($"rows[{i}]", "must be an object by feature name or a list in feature order");
            result[i++] = values;
        }
        if (result.Length == 0) throw new InvalidRequestException("rows", "holds no readings");
        return result;
    }

    private static double Number(JsonElement value, string field) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d)
            ? d : throw new InvalidRequestException(field, $"must be a number, not {value.GetRawText()}");
}
