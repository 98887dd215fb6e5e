using System.Text.RegularExpressions;
using Airgap.Cli.Output;

namespace Airgap.Cli.Tests;

public sealed partial class SizesAreBinaryUnits : IDisposable
{
    private readonly AirgapProcess _airgap = new();

    public void Dispose() => _airgap.Dispose();

    [Theory]
    [InlineData(512L, "512 B")]
    [InlineData(949_024L, "926.8 KiB")]
    [InlineData(3L << 20, "3.0 MiB")]
    [InlineData(5L << 30, "5.0 GiB")]
    public void Bytes_are_printed_in_binary_units(long bytes, string printed) =>
        Assert.Equal(printed, CliOutput.Bytes(bytes).Replace(',', '.'));

    [Fact]
    public async Task Synth_import_list_and_show_print_no_decimal_units()
    {
        var pack = await _airgap.SignedPackAsync();
        var printed = await _airgap.OkAsync("import", pack) + await _airgap.OkAsync("models", "list") + await _airgap.OkAsync("models", "show", "tiny:test");

        Assert.Contains("KiB", printed);
        Assert.DoesNotMatch(DecimalUnit(), printed);
    }

    [GeneratedRegex(@"\d (KB|MB|GB|TB)\b")]
    private static partial Regex DecimalUnit();
}
