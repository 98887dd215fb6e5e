using System.Text.Encodings.Web;
using System.Text.Json;

namespace Airgap.Server.Wire;

/// <summary>Serializer options that write text as Ollama and OpenAI do: apostrophes, quotes and non-ASCII letters unescaped.</summary>
public static class PlainJson
{
    /// <summary>Fresh options (a source-generated context binds the instance it is given).</summary>
    public static JsonSerializerOptions Options() => new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
