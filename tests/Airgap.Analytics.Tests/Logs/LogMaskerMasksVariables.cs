using Airgap.Analytics.Logs;

namespace Airgap.Analytics.Tests.Logs;

public class LogMaskerMasksVariables
{
    private static string Mask(string content)
    {
        var buffer = new char[4];
        var n = LogMasker.Mask(content, ref buffer);
        return new string(buffer, 0, n);
    }

    [Theory]
    [InlineData("took 42 ms", "took <*>")]
    [InlineData("size 5.2 KB, free 1 MB)", "size <*>, free <*>)")]
    [InlineData("illegal instruction......0", "illegal instruction <*>")]
    [InlineData("via interface eth0 at node-129", "via interface eth0 at node-<*>")]
    [InlineData("waiting... done", "waiting done")]
    [InlineData("from 10.251.73.220:50010 ok", "from <*> ok")]
    [InlineData("addr 0x7f3a2c00 bad", "addr <*> bad")]
    [InlineData("block blk_-6952295868487656571 done", "block blk_<*> done")]
    [InlineData("block blk_38865049064139660 done", "block blk_<*> done")]
    [InlineData("open /var/log/app/x.log failed", "open <*> failed")]
    [InlineData("get http://host/a/b ok", "get <*> ok")]
    [InlineData("waited 250ms for 3.5s", "waited <*> for <*>")]
    [InlineData("wrote 64KB", "wrote <*>")]
    [InlineData("attempt_1445144423722_0020_m_000000_0 started", "attempt_<*>_m_<*> started")]
    [InlineData("state (HWID=1973) now", "state (HWID=<*>) now")]
    [InlineData("port [8080] open", "port <*> open")]
    [InlineData("  spaced \t out  ", "spaced out")]
    public void Each_kind_of_variable_becomes_a_wildcard(string content, string masked) =>
        Assert.Equal(masked, Mask(content));
}
