using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Models.Catalog;

namespace Airgap.Cli.Commands;

/// <summary>`airgap audit list|verify`: the tamper-evident audit trail.</summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON" };
        var list = new Command("list", "Print the whole audit trail") { json };
        list.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            Print(CliSite.Open(parse).Registry.Audit(), parse.GetValue(json));
            return Task.FromResult(0);
        }));
        var verify = new Command("verify", "Walk the hash chain and name the first broken entry");
        verify.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var registry = CliSite.Open(parse).Registry;
            if (registry.VerifyAudit() is { } broken)
            {
                Console.Error.WriteLine($"error: audit entry {broken.Entry.Id} ({broken.Entry.Action} at {broken.Entry.At:u}) is broken: {broken.Reason}");
                return Task.FromResult(1);
            }
            CliOutput.Line($"audit trail intact: {registry.Audit().Count} entries");
            return Task.FromResult(0);
        }));
        return new Command("audit", "The tamper-evident audit trail") { list, verify };
    }

    internal static void Print(IReadOnlyList<AuditEntry> entries, bool json)
    {
        if (json) CliOutput.WriteJson(entries);
        else CliOutput.Table(["ID", "AT", "ACTION", "MODEL", "VERSION", "DETAIL"],
            entries.Select(e => (IReadOnlyList<string>)[e.Id.ToString(), e.At.ToString("u"), e.Action, e.Name ?? "", e.Version ?? "", e.Detail]));
    }
}
