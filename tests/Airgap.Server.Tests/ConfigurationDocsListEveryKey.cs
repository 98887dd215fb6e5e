using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class ConfigurationDocsListEveryKey
{
    [Fact]
    public void Every_key_of_AirgapOptions_has_a_row_with_its_environment_form_in_docs_configuration_md()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Airgap.slnx"))) root = root.Parent;
        Assert.NotNull(root);
        var rows = File.ReadAllLines(Path.Combine(root.FullName, "docs", "configuration.md")).Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();

        var missing = SettingCatalog.Instance.Keys.Keys
            .Where(key => !rows.Any(row => row.StartsWith($"| `{key}` | `AIRGAP_{key.Replace(":", "__", StringComparison.Ordinal)}", StringComparison.Ordinal)))
            .ToList();

        Assert.True(missing.Count == 0, "docs/configuration.md has no row for: " + string.Join(", ", missing));
        Assert.Contains("Inference:RequestTimeout", SettingCatalog.Instance.Keys.Keys);
    }
}
