using System.Globalization;
using System.Text;

namespace Airgap.Inference.Grammar;

/// <summary>GBNF string literals: text quoted and escaped the way llama.cpp's grammar parser reads it back.</summary>
internal static class GbnfLiteral
{
    public static string Quoted(string text)
    {
        var s = new StringBuilder("\"");
        foreach (var c in text)
        {
            s.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 => $"\\x{(int)c:X2}",
                _ => c.ToString(CultureInfo.InvariantCulture),
            });
        }
        return s.Append('"').ToString();
    }
}
