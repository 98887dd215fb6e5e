using System.Text.Json;

namespace Airgap.Models.Packs;

/// <summary>
/// Refuses a manifest in which an object names a key twice: a reviewer's tool shows one of the values, the
/// deserializer keeps the other, so the signed bytes would not say one thing.
/// </summary>
internal static class ManifestKeys
{
    public static void RequireUnique(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        var open = new Stack<HashSet<string>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject: open.Push(new HashSet<string>(StringComparer.Ordinal)); break;
                case JsonTokenType.StartArray: open.Push(null); break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray: open.Pop(); break;
                case JsonTokenType.PropertyName:
                    var key = reader.GetString()!;
                    if (open.Peek() is { } keys && !keys.Add(key))
                        throw new PackException($"{PackManifest.FileName} names the key '{key}' twice in one object (byte {reader.TokenStartIndex})");
                    break;
            }
        }
    }
}
