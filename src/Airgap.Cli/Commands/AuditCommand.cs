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
        var expectHead = new Option<string?>("--expect-head")
        {
            Description = "Fail unless this head hash (recorded earlier from `audit verify`) is still in the trail",
        };
        var verify = new Command("verify", "Walk the hash chain, print its head and entry count, and name the first problem") { expectHead, json };
        verify.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var expected = parse.GetValue(expectHead)?.Trim().ToLowerInvariant();
            if (expected is not null && !Models.Storage.Sha256Digest.IsValid(expected))
                throw new ArgumentException($"--expect-head must be a 64-character SHA-256 hex head hash, got '{parse.GetValue(expectHead)}'");
            var report = CliSite.Open(parse).Registry.CheckAudit(expected);
            if (parse.GetValue(json))
                CliOutput.WriteJson(new { Intact = report.IsIntact, report.Entries, report.Head, report.RegisteredVersions, report.BrokenEntryId, report.Problem });
            else if (report.IsIntact)
                CliOutput.Line($"audit trail intact: {report.Entries} entries, head {report.Head}; {report.RegisteredVersions} registered version(s), each with its import entry");
            else
                Console.Error.WriteLine($"error: audit trail: {report.Problem}");
            return Task.FromResult(report.IsIntact ? 0 : 1);
        }));
        return new Command("audit", "The tamper-evident audit trail") { list, verify };
    }

    internal static void Print(IReadOnlyList<AuditEntry> entries, bool json)
    {
        if (json) CliOutput.WriteJson(entries);
        else CliOutput.Table(["ID", "AT", "ACTION", "MODEL", "VERSION", "BY", "DETAIL"],
            entries.Select(e => (IReadOnlyList<string>)[e.Id.ToString(), e.At.ToString("u"), e.Action, e.Name ?? "", e.Version ?? "", e.Actor ?? "", e.Detail]));
    }
}
