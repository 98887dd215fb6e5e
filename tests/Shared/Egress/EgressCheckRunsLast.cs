using Xunit;
using Xunit.Abstractions;

namespace Airgap.Tests.Egress;

/// <summary>Keeps xunit's own order of test collections but puts the egress check last, even where collections run one by one.</summary>
public sealed class EgressCheckRunsLast : ITestCollectionOrderer
{
    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName.Contains(EgressCheckCollection.Name, StringComparison.Ordinal) ? 1 : 0);
}
