using System.Globalization;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>Applies a profile to readings: expected names win over close misreadings, and limits become warnings.</summary>
public static class ProfileCheck
{
    public static (List<DisplayValue> Values, List<string> Warnings) Apply(DisplayProfile profile, IReadOnlyList<DisplayValue> values)
    {
        var named = values.Select(v => Match(profile, v.Name) is { } p ? v with { Name = p.Name, Unit = v.Unit.Length == 0 ? p.Unit ?? "" : v.Unit } : v).ToList();
        var warnings = new List<string>();
        foreach (var v in named)
        {
            var p = profile.Parameters.FirstOrDefault(e => e.Name == v.Name);
            // A limit in bar says nothing about a reading shown in psi: only like units are compared.
            if (p is null || p.Unit is { Length: > 0 } expected && v.Unit.Length > 0 && UnitLexicon.Normalize(expected) is { } canonical && canonical != v.Unit) continue;
            var unit = v.Unit.Length > 0 ? $" {v.Unit}" : "";
            if (p.Max is { } max && v.Value > max) warnings.Add($"{v.Name} {v.Shown}{unit} above limit {max.ToString(CultureInfo.InvariantCulture)}");
            else if (p.Min is { } min && v.Value < min) warnings.Add($"{v.Name} {v.Shown}{unit} below limit {min.ToString(CultureInfo.InvariantCulture)}");
        }
        return (named, warnings);
    }

    /// <summary>The expected parameter a read name stands for: equal ignoring case and punctuation, or at most one edit in five.</summary>
    public static ExpectedParameter? Match(DisplayProfile profile, string name)
    {
        var key = Key(name);
        if (key.Length == 0) return null;
        ExpectedParameter? best = null;
        var bestDistance = int.MaxValue;
        foreach (var p in profile.Parameters)
            foreach (var candidate in (p.Aliases ?? []).Prepend(p.Name))
            {
                var c = Key(candidate);
                var d = Distance(key, c);
                if (d <= Math.Max(c.Length, key.Length) / 5 && d < bestDistance)
                {
                    best = p;
                    bestDistance = d;
                }
            }
        return best;
    }

    private static string Key(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
