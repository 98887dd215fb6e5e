using Airgap.Models.Import;
using Airgap.Tests.Shared;

namespace Airgap.Compatibility.Tests;

/// <summary>The real server with tiny:test and smol:test, the tiny vision-language pair (language model + projector) imported as a pack.</summary>
public sealed class VisionServer : TinyServer
{
    protected override Task ImportMoreAsync(ModelImporter importer) => TinyVisionPack.ImportAsync(Root, Home, importer);
}
