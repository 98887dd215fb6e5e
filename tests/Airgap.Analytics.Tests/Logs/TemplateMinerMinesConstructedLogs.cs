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
    public void A_few_distinct_words_at_one_place_are_separate_events()
    {
        var miner = new TemplateMiner();
        var error = miner.Add("Link error on port 3");
        var ok = miner.Add("Link ok on port 4");
        Assert.NotEqual(error.Id, ok.Id);
        Assert.Equal("Link ok on port <*>", ok.Text);
        Assert.Equal(error.Id, miner.Add("Link error on port 9").Id);
        Assert.Equal(["Link error on port <*>", "Link ok on port <*>"], miner.Templates.Select(t => t.Text));
    }

    [Fact]
    public void Many_distinct_words_at_one_place_make_it_a_variable_and_the_oldest_id_stays()
    {
        var miner = new TemplateMiner();
        string[] users = ["admin", "oracle", "guest", "test", "webmaster", "pi"];
        var ids = users.Select(u => miner.Add($"Invalid user {u} from 10.0.0.1").Id).ToArray();

        Assert.Equal(TemplateMiner.ConstantValues, ids.Take(TemplateMiner.ConstantValues).Distinct().Count());
        Assert.Equal(ids[0], ids[TemplateMiner.ConstantValues]);
        Assert.All(ids, id => Assert.Equal(ids[0], miner.Resolve(id)));
        var template = Assert.Single(miner.Templates);
        Assert.Equal(("Invalid user <*> from <*>", (long)users.Length, 1L, "Invalid user admin from 10.0.0.1"),
            (template.Text, template.Count, template.FirstSeen, template.Example));
    }

    [Fact]
    public void A_value_where_words_stood_makes_the_place_a_variable_at_once()
    {
        var miner = new TemplateMiner();
        var named = miner.Add("session opened for user alice");
        var numbered = miner.Add("session opened for user 1001");
        Assert.Equal(named.Id, numbered.Id);
        Assert.Equal("session opened for user <*>", numbered.Text);
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
