using Airgap.Analytics.Logs;

namespace Airgap.Analytics.Tests.Logs;

public sealed class TemplateStoreResumesMining : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-templates-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IEnumerable<string> Log()
    {
        var words = new[] { "alpha", "beta", "gamma", "delta" };
        for (var i = 0; i < 400; i++)
        {
            yield return (i % 5) switch
            {
                0 => $"Received block blk_{i * 7919} of size {i * 13} from /10.0.{i % 9}.{i % 200}",
                1 => $"Invalid user {words[i % 4]} from 10.1.1.{i % 250}",
                2 => $"session opened for user {words[(i / 3) % 4]} by (uid={i % 3})",
                3 => $"Connection closed by {i % 7}.{i % 11}.3.4 [preauth]",
                _ => $"PacketResponder {i % 3} for block blk_{i} terminating",
            };
        }
    }

    [Fact]
    public void Mining_half_then_reopening_and_mining_the_rest_gives_the_same_groups_as_one_go()
    {
        var lines = Log().ToArray();
        var oneGo = new TemplateMiner();
        var expected = lines.Select(l => oneGo.Add(l).Id).ToArray();

        var path = Path.Combine(_dir, "t.templates.db");
        var resumed = new List<int>();
        using (var store = TemplateStore.Open(path))
        {
            var miner = store.Load();
            resumed.AddRange(lines.Take(200).Select(l => miner.Add(l).Id));
            store.Save(miner);
        }
        using (var store = TemplateStore.Open(path))
        {
            var miner = store.Load();
            Assert.Equal(200, miner.LineCount);
            resumed.AddRange(lines.Skip(200).Select(l => miner.Add(l).Id));
            store.Save(miner);
        }
        Assert.Equal(expected, resumed);
        using (var store = TemplateStore.Open(path))
        {
            var reloaded = store.Load();
            Assert.Equal(oneGo.Templates, reloaded.Templates);
            Assert.Equal(lines.Length, reloaded.Templates.Sum(t => t.Count));
            Assert.Equal(400, reloaded.LineCount);
        }
    }

    [Fact]
    public void A_store_name_that_is_not_a_plain_name_is_refused()
    {
        var home = new Airgap.Models.Storage.AirgapHome(Path.Combine(_dir, "home"));
        var e = Assert.Throws<ArgumentException>(() => TemplateStore.Open(home, "../escape"));
        Assert.Contains("'../escape'", e.Message);
        using var store = TemplateStore.Open(home, "plant-1");
        Assert.Equal(Path.Combine(home.AnalyticsDirectory, "plant-1.templates.db"), store.Path);
    }
}
