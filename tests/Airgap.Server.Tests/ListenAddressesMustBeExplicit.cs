using Airgap.Server.Hosting;

namespace Airgap.Server.Tests;

public sealed class ListenAddressesMustBeExplicit
{
    [Theory]
    [InlineData("http://0.0.0.0:8080x", "'http://0.0.0.0:8080x' is not a listen address: the port must be a number from 1 to 65535, got '8080x'")]
    [InlineData("http://0.0.0.0:8080:80", "the port must be a number")]
    [InlineData("http://0.0.0.0", "it needs an explicit port")]
    [InlineData("http://127.0.0.1:0", "the port must be a number from 1 to 65535")]
    [InlineData("http://127.0.0.1:70000", "the port must be a number from 1 to 65535")]
    [InlineData("0.0.0.0:8080", "it needs a scheme")]
    [InlineData("ftp://127.0.0.1:21", "the scheme must be http or https")]
    [InlineData("http://myhost:8080", "the host must be an IP address")]
    [InlineData("http://010.0.0.1:8080", "the host must be an IP address")]
    [InlineData("http://[::g]:8080", "the host is not an IPv6 address")]
    [InlineData("http://127.0.0.1:8080/api", "it must not have a path")]
    [InlineData("http://127.0.0.1:8080;http://0.0.0.0:80x", "'http://0.0.0.0:80x' is not a listen address")]
    [InlineData(";", "no listen address given")]
    public void A_malformed_or_implicit_address_is_refused_naming_it(string urls, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => ListenAddresses.Parse(urls));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("http://0.0.0.0:8080")]
    [InlineData("http://localhost:8080/")]
    [InlineData("https://[::1]:8443")]
    [InlineData("http://*:8080")]
    [InlineData("http://+:8080")]
    [InlineData("http://127.0.0.1:8080; http://10.1.2.3:9000")]
    public void An_explicit_address_is_taken(string urls) =>
        Assert.NotEmpty(ListenAddresses.Parse(urls));
}
