using Airgap.Analytics.Logs;

namespace Airgap.Analytics.Tests.Logs;

public class LogFormatParsesLoghubSyntax
{
    [Fact]
    public void Fields_are_split_lazily_and_content_takes_the_rest()
    {
        var format = LogFormat.Parse("<Date> <Time> <Level> <Component>: <Content>");
        var line = format.ParseLine("17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi");
        Assert.True(line.Matched);
        Assert.Equal(["Date", "Time", "Level", "Component"], format.Fields);
        Assert.Equal(["17/06/09", "20:10:40", "INFO", "spark.SecurityManager"], line.Fields);
        Assert.Equal("Changing view acls to: yarn,curi", line.Content);
    }

    [Fact]
    public void Escaped_brackets_are_literal()
    {
        var format = LogFormat.Parse(@"\[<Time>\] \[<Level>\] <Content>");
        var line = format.ParseLine("[Sun Dec 04 04:47:44 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties");
        Assert.Equal(["Sun Dec 04 04:47:44 2005", "notice"], line.Fields);
        Assert.Equal("workerEnv.init() ok /etc/httpd/conf/workers2.properties", line.Content);
    }

    [Fact]
    public void An_optional_group_matches_with_and_without_its_part()
    {
        var format = LogFormat.Parse(@"<Month> <Day> <Time> <Host> <Component>(\[<PID>\])?: <Content>");
        var with = format.ParseLine("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; logname=");
        Assert.Equal(["Jun", "14", "15:16:01", "combo", "sshd(pam_unix)", "19939"], with.Fields);
        Assert.Equal("authentication failure; logname=", with.Content);
        var without = format.ParseLine("Jun 15 04:06:18 combo su: session opened for user cyrus");
        Assert.True(without.Matched);
        Assert.Equal("su", without.Fields[4]);
        Assert.Equal("", without.Fields[5]);
        Assert.Equal("session opened for user cyrus", without.Content);
    }

    [Fact]
    public void A_run_of_spaces_matches_any_whitespace()
    {
        var format = LogFormat.Parse("<Date> <Time> - <Level>  \\[<Node>:<Component>@<Id>\\] - <Content>");
        var line = format.ParseLine("2015-07-29 17:41:44,747 - INFO \t [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@774] - Notification time out: 3200");
        Assert.True(line.Matched);
        // Lazy fields, as Loghub's own regular expressions split it.
        Assert.Equal(["2015-07-29", "17:41:44,747", "INFO", "QuorumPeer[myid=1]/0", "0:0:0:0:0:0:0:2181:FastLeaderElection", "774"], line.Fields);
        Assert.Equal("Notification time out: 3200", line.Content);
    }

    [Fact]
    public void A_line_that_does_not_match_keeps_the_whole_line_as_content()
    {
        var format = LogFormat.Parse("<Date> <Time> <Level> <Component>: <Content>");
        var line = format.ParseLine("\tat org.apache.Foo.bar(Foo.java:42)");
        Assert.False(line.Matched);
        Assert.Equal("\tat org.apache.Foo.bar(Foo.java:42)", line.Content);
        Assert.All(line.Fields, Assert.Null);
    }

    [Fact]
    public void A_long_line_that_almost_matches_is_refused_quickly_not_backtracked_forever()
    {
        var format = LogFormat.Parse("<A> <B> <C> <D> <E> <F>: <Content>");
        var line = string.Join(' ', Enumerable.Repeat("word", 2000));
        Assert.False(format.ParseLine(line).Matched);
    }

    [Theory]
    [InlineData("<Date> <Time> <Level>", "no <Content>")]
    [InlineData("<Date> <Content> <Content>", "more than once")]
    [InlineData("<Date> <Date> <Content>", "<Date> more than once")]
    [InlineData("<Date> (<Level> <Content>", "never closed")]
    [InlineData("<Date> <Level>) <Content>", "unbalanced ')'")]
    [InlineData("<Da te> <Content>", "is not a <Name>")]
    [InlineData("<Date>.* <Content>", "regular-expression operator")]
    public void A_format_it_cannot_use_is_refused_naming_the_problem(string format, string problem)
    {
        var e = Assert.Throws<ArgumentException>(() => LogFormat.Parse(format));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Detect_finds_a_common_header_and_falls_back_to_the_whole_line()
    {
        string[] spark = ["17/06/09 20:10:40 INFO spark.SecurityManager: Changing view acls to: yarn,curi",
            "17/06/09 20:10:41 WARN storage.BlockManager: Block rdd_2_3 already exists"];
        var detected = LogFormat.Detect(spark);
        Assert.Equal(["Date", "Time", "Level", "Component"], detected.Fields);
        Assert.Equal("Block rdd_2_3 already exists", detected.ParseLine(spark[1]).Content);

        string[] plain = ["pump 3 started", "valve V12 opened at 40%"];
        Assert.Same(LogFormat.ContentOnly, LogFormat.Detect(plain));
    }
}
