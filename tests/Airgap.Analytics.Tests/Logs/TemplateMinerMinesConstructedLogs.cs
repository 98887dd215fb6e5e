using Airgap.Analytics.Logs;

namespace Airgap.Analytics.Tests.Logs;

public class TemplateMinerMinesConstructedLogs
{
    [Fact]
    public void Lines_that_differ_only_in_values_share_one_template()
    {
        var miner = new TemplateMiner();
        var a = miner.Add("Received block blk_1 of size 67108864 from /10.0.0.1");
        var b = miner.Add("Received block blk_-22 of size 512 from /10.0.0.7");
        var c = miner.Add("Deleting block blk_3 file /data/blk_3");
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.Id, c.Id);
        Assert.Equal("Received block blk_<*> of size <*> from <*>", b.Text);
        Assert.Equal(2, miner.Templates.Count);
        var received = miner.Templates.Single(t => t.Id == a.Id);
        Assert.Equal((2L, 1L, 2L), (received.Count, received.FirstSeen, received.LastSeen));
        Assert.Equal("Received block blk_1 of size 67108864 from /10.0.0.1", received.Example);
    }

    [Fact]
    public void A_template_generalises_over_words_and_keeps_its_id()
    {
        var miner = new TemplateMiner();
        var first = miner.Add("Invalid user admin from host alpha");
        var second = miner.Add("Invalid user oracle from host beta");
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("Invalid user <*> from host <*>", second.Text);
        Assert.Equal(first.Id, miner.Add("Invalid user guest from host gamma").Id);
    }

    [Fact]
    public void Different_messages_get_different_templates()
    {
        var miner = new TemplateMiner();
        var ids = new[]
        {
            miner.Add("Pump P1 started").Id,
            miner.Add("Connection refused by server").Id,
            miner.Add("Disk full on volume data").Id,
        };
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public void An_empty_message_is_a_template_of_its_own()
    {
        var miner = new TemplateMiner();
        var empty = miner.Add("");
        Assert.Equal(empty.Id, miner.Add("   ").Id);
        Assert.NotEqual(empty.Id, miner.Add("something").Id);
    }
}
