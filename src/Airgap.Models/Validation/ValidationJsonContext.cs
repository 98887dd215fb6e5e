using System.Text.Json.Serialization;
using Airgap.Models.Gguf;

namespace Airgap.Models.Validation;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(GgufModelInfo))]
internal sealed partial class ValidationJsonContext : JsonSerializerContext;
