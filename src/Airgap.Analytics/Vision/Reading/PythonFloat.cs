using System.Globalization;
using System.Numerics;
using System.Text;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Python's float behaviour where the display scorer depends on it: <c>repr</c>, <c>round(x, n)</c> and <c>f"{x:.nf}"</c>
/// round half to even on the exact binary value, where .NET's Math.Round scales first and formats ties away from zero.
/// </summary>
public static class PythonFloat
{
    // CPython's NDIGITS_MAX: beyond it round() returns x itself.
    private const int MaxDigits = 323;

    /// <summary>Python's <c>round(x, digits)</c> for digits ≥ 0: the decimal nearest the exact value, ties to even.</summary>
    public static double Round(double x, int digits)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        if (!double.IsFinite(x) || x == 0 || digits > MaxDigits) return x;
        var bits = BitConverter.DoubleToInt64Bits(x);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent = 1; else mantissa |= 1L << 52;
        exponent -= 1075;
        // |x| = mantissa · 2^exponent exactly; scaled = |x| · 10^digits as a fraction, rounded half to even.
        var numerator = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        BigInteger scaled;
        if (exponent >= 0) scaled = numerator << exponent;
        else
        {
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            var twice = remainder * 2;
            if (twice > denominator || (twice == denominator && !scaled.IsEven)) scaled += 1;
        }
        var value = double.Parse($"{scaled}E-{digits}", NumberStyles.Float, CultureInfo.InvariantCulture);
        return x < 0 ? -value : value;
    }

    /// <summary>Python's <c>f"{x:.{digits}f}"</c>.</summary>
    public static string Fixed(double x, int digits) =>
        Round(x, digits).ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>Python's <c>repr(x)</c>: the shortest digits that read back as x, fixed between 1e-4 and 1e16, else 1.5e-05 style.</summary>
    public static string Repr(double x)
    {
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        var sign = x < 0 || (x == 0 && double.IsNegative(x)) ? "-" : "";
        if (x == 0) return sign + "0.0";
        var (digits, point) = ShortestDigits(Math.Abs(x));
        var text = new StringBuilder(sign);
        if (point <= -4 || point > 16)
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            var e = point - 1;
            text.Append(e < 0 ? "e-" : "e+").Append(Math.Abs(e).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (point <= 0) text.Append("0.").Append('0', -point).Append(digits);
        else if (point >= digits.Length) text.Append(digits).Append('0', point - digits.Length).Append(".0");
        else text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        return text.ToString();
    }

    /// <summary>Python's <c>str()</c> of a number json.load read from this JSON text: an int as written, a float as its repr.</summary>
    public static string Str(string jsonNumber, double value) =>
        jsonNumber.IndexOfAny(['.', 'e', 'E']) >= 0 ? Repr(value) : jsonNumber == "-0" ? "0" : jsonNumber;

    /// <summary>The shortest round-trip digits of a positive finite x, and where the point goes: x = 0.DIGITS × 10^point.</summary>
    private static (string Digits, int Point) ShortestDigits(double x)
    {
        var r = x.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E');
        var exponent = e < 0 ? 0 : int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? r : r[..e];
        var dot = mantissa.IndexOf('.');
        var whole = dot < 0 ? mantissa : mantissa[..dot];
        var digits = whole + (dot < 0 ? "" : mantissa[(dot + 1)..]);
        var point = whole.Length + exponent;
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits[lead..].TrimEnd('0');
        return (digits, point - lead);
    }
}
