using System.CommandLine;
using Airgap.Cli.Output;
using Airgap.Inference.Embeddings;
using Airgap.Inference.Engines.Onnx;
using Airgap.Inference.Hardware;
using Airgap.Models.Catalog;
using Airgap.Models.Naming;
using Airgap.Models.Validation;
using Airgap.Server.Endpoints;

namespace Airgap.Cli.Commands;

/// <summary>`airgap models list|show|activate|rollback|remove|verify|history`.</summary>
public static class ModelsCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "Print JSON" };

    public static Command Create()
    {
        var command = new Command("models", "List and manage registered models");
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Activate());
        command.Subcommands.Add(Rollback());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Verify());
        command.Subcommands.Add(History());
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List every registered version, and the built-in all-minilm and ppocr:v4") { Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var versions = BuiltInEmbeddingModel.ListedWith(CliSite.Open(parse).Registry.List());
            if (versions.All(v => v.Name != BuiltInOcrModel.Name)) versions = [.. versions, BuiltInOcrModel.AsVersion()];
            if (parse.GetValue(Json))
                CliOutput.WriteJson(versions.Select(v => new { v.Name, v.Version, v.Format, v.Size, v.Quantization, v.ParameterCount, v.Digest, v.ValidatedAt, Active = v.IsActive,
                    BuiltIn = BuiltInEmbeddingModel.IsBuiltIn(v) || BuiltInOcrModel.IsBuiltIn(v) }));
            else
                CliOutput.Table(["NAME", "VERSION", "FORMAT", "SIZE", "QUANT", "PARAMS", "DIGEST", "VALIDATED", "ACTIVE"],
                    versions.Select(v => (IReadOnlyList<string>)[v.Name, v.Version, v.Format, CliOutput.Bytes(v.Size), v.Quantization ?? "",
                        ParameterSize.Format(v.ParameterCount), v.Digest[..12], BuiltInEmbeddingModel.IsBuiltIn(v) || BuiltInOcrModel.IsBuiltIn(v) ? "built-in" : v.ValidatedAt.ToString("u"), v.IsActive ? "*" : ""]));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Show()
    {
        var reference = new Argument<string>("NAME[@VERSION]");
        var command = new Command("show", "Show a version's metadata and estimated RAM need") { reference, Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var site = CliSite.Open(parse);
            var registry = site.Registry;
            var name = parse.GetValue(reference)!;
            var v = BuiltInOcrModel.Matches(name) && !registry.List().Any(r => r.Name == BuiltInOcrModel.Name) ? BuiltInOcrModel.AsVersion() : BuiltInEmbeddingModel.Resolve(registry, name);
            var served = site.ServedInference(out var _);
            var capacity = ModelCapacity.Of(v.MetadataJson, v.Size, served, HardwareProfile.Probe(site.Home.Root).AvailableMemoryBytes);
            var ram = capacity.LoadedBytes;
            var info = ModelMetadataJson.ReadGguf(v.MetadataJson);
            if (parse.GetValue(Json))
            {
                CliOutput.WriteJson(new { v.Name, v.Version, v.Format, v.Digest, v.Size, v.Files, Projector = v.Projector?.Path, v.Quantization, v.ParameterCount, v.SignerKeyId,
                    v.Source, v.ValidatedAt, v.ImportedAt, v.Description, v.License, Active = v.IsActive, Metadata = info,
                    EstimatedRamBytes = ram, EstimateContextLength = served.ContextLength, EstimateParallel = served.Parallel,
                    capacity.WeightsBytes, capacity.KvCacheBytes, capacity.AvailableBytes, capacity.Fits, capacity.StreamsThatFit, capacity.ContextThatFits });
                return Task.FromResult(0);
            }
            var rows = new List<IReadOnlyList<string>>
            {
                new[] { "name", v.Name }, new[] { "version", v.Version + (v.IsActive ? " (active)" : "") },
                new[] { "format", v.Format }, new[] { "digest", "sha256:" + v.Digest }, new[] { "size", CliOutput.Bytes(v.Size) },
                new[] { "files", string.Join(", ", v.Files.Select(f => f.Path)) },
                new[] { "vision projector", v.Projector is { } projector ? $"{projector.Path} (sha256:{projector.Sha256})" : "none: reads text only" },
                new[] { "signer", v.SignerKeyId ?? "unsigned" }, new[] { "source", v.Source },
                new[] { "validated", v.ValidatedAt.ToString("u") }, new[] { "description", v.Description ?? "" }, new[] { "license", v.License ?? "" },
            };
            if (info is not null)
            {
                rows.Add(["architecture", info.Architecture]);
                rows.Add(["parameters", ParameterSize.Format((long)info.ParameterCount)]);
                rows.Add(["quantization", info.Quantization]);
                rows.Add(["context length", $"{info.ContextLength}"]);
                rows.Add(["embedding length", $"{info.EmbeddingLength}"]);
                rows.Add(["layers", $"{info.BlockCount}"]);
                rows.Add(["heads / kv heads", $"{info.HeadCount} / {info.HeadCountKv}"]);
                rows.Add(["vocabulary", $"{info.VocabularySize}"]);
                rows.Add(["chat template", info.HasChatTemplate ? "yes" : "no"]);
            }
            rows.Add(["estimated RAM", $"{CliOutput.Bytes(ram)} (weights {CliOutput.Bytes(capacity.WeightsBytes)} + f16 KV cache {CliOutput.Bytes(capacity.KvCacheBytes)} "
                          + $"for num_parallel {served.Parallel} × num_ctx {served.ContextLength})"]);
            if (capacity.StreamsThatFit is { } streams)
                rows.Add(["fits in free RAM", $"{(capacity.Fits ? "yes" : "no")} ({CliOutput.Bytes(capacity.AvailableBytes)} free): {streams} stream(s) at num_ctx {served.ContextLength}, "
                          + $"or num_ctx {capacity.ContextThatFits} for each of {served.Parallel}"]);
            CliOutput.Table(["FIELD", "VALUE"], rows);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Activate()
    {
        var reference = new Argument<string>("NAME@VERSION");
        var command = new Command("activate", "Make a version the active one") { reference, Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var (name, version) = Pinned(parse.GetValue(reference)!);
            CliSite.Open(parse).Registry.Activate(name, version);
            if (parse.GetValue(Json)) CliOutput.WriteJson(new { Name = name.ToString(), Version = version, Active = true });
            else CliOutput.Line($"{name}@{version} is now active");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Rollback()
    {
        var nameArgument = new Argument<string>("NAME");
        var command = new Command("rollback", "Re-activate the version that was active before") { nameArgument, Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var name = ModelName.Parse(parse.GetValue(nameArgument)!);
            var version = CliSite.Open(parse).Registry.Rollback(name);
            if (parse.GetValue(Json)) CliOutput.WriteJson(new { Name = name.ToString(), Version = version.ToString(), Active = true });
            else CliOutput.Line($"rolled back {name} to {version}");
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command Remove()
    {
        var reference = new Argument<string>("NAME@VERSION");
        var force = new Option<bool>("--force") { Description = "Remove even the active version" };
        var command = new Command("remove", "Remove a version (and blobs no other version uses)") { reference, force, Json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var (name, version) = Pinned(parse.GetValue(reference)!);
            var deleted = await CliSite.Open(parse).Importer.RemoveAsync(name, version, parse.GetValue(force), cancellationToken);
            if (parse.GetValue(Json)) CliOutput.WriteJson(new { Name = name.ToString(), Version = version, Removed = true, BlobsDeleted = deleted });
            else CliOutput.Line($"removed {name}@{version}; {deleted} blob(s) deleted");
            return 0;
        }));
        return command;
    }

    private static Command Verify()
    {
        var nameArgument = new Argument<string?>("NAME") { Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("verify", "Re-hash every blob and name the corrupt ones") { nameArgument, Json };
        command.SetAction((parse, cancellationToken) => CliOutput.Guard(async () =>
        {
            var site = CliSite.Open(parse);
            var name = parse.GetValue(nameArgument) is { } text ? ModelName.Parse(text).ToString() : null;
            var (count, corrupt) = await new BlobVerifier(site.Home, site.Registry).VerifyAsync(name, cancellationToken);
            if (parse.GetValue(Json)) CliOutput.WriteJson(new { Checked = count, Corrupt = corrupt });
            else
            {
                foreach (var c in corrupt) Console.Error.WriteLine($"corrupt: {c.Reference} {c.Path} (sha256:{c.Digest}): {c.Problem}");
                CliOutput.Line($"{count} file(s) checked, {corrupt.Count} corrupt");
            }
            return corrupt.Count == 0 ? 0 : 1;
        }));
        return command;
    }

    private static Command History()
    {
        var nameArgument = new Argument<string>("NAME");
        var command = new Command("history", "The audit trail of one model") { nameArgument, Json };
        command.SetAction((parse, _) => CliOutput.Guard(() =>
        {
            var name = ModelName.Parse(parse.GetValue(nameArgument)!).ToString();
            AuditCommand.Print(CliSite.Open(parse).Registry.Audit(name), parse.GetValue(Json));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static (ModelName Name, string Version) Pinned(string reference)
    {
        var at = reference.IndexOf('@');
        if (at < 0) throw new ArgumentException($"'{reference}' needs a version: NAME@VERSION");
        var version = reference[(at + 1)..];
        if (!SemanticVersion.TryParse(version, out _, out var error)) throw new ArgumentException(error);
        return (ModelName.Parse(reference[..at]), version);
    }
}
