namespace Airgap.Gateway.Tests;

public sealed class NatsAddressesAcceptOnlyNatsUrlsWithPorts
{
    [Theory]
    [InlineData("nats://127.0.0.1:4222")]
    [InlineData("tls://nats.site.local:4443")]
    [InlineData("nats://[::1]:4222")]
    [InlineData("nats://user:secret@10.0.0.5:4222")]
    public void A_single_address_is_taken_as_it_is(string address)
    {
        Assert.Equal([address], NatsAddresses.Parse(address));
    }

    [Fact]
    public void A_comma_separated_cluster_gives_every_address_trimmed()
    {
        Assert.Equal(["nats://a:4222", "nats://b:4223", "tls://c:4443"], NatsAddresses.Parse(" nats://a:4222, nats://b:4223 ,tls://c:4443 "));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void No_address_is_refused_naming_the_setting(string? text)
    {
        var error = Assert.Throws<ArgumentException>(() => NatsAddresses.Parse(text));

        Assert.Equal("the gateway needs a NATS address: --nats nats://HOST:PORT (setting Gateway:Nats)", error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:4222")]
    [InlineData("nats://127.0.0.1")]
    [InlineData("nats://127.0.0.1:4222/jobs")]
    [InlineData("nats://127.0.0.1:4222?token=x")]
    [InlineData("127.0.0.1:4222")]
    [InlineData("localhost")]
    [InlineData("nats://:4222")]
    public void A_wrong_address_is_refused_naming_it(string address)
    {
        var error = Assert.Throws<ArgumentException>(() => NatsAddresses.Parse(address));

        Assert.Equal($"'{address}' is not a NATS address: write nats://HOST:PORT (tls://HOST:PORT with TLS), comma-separated for several", error.Message);
    }

    [Fact]
    public void One_wrong_address_in_a_cluster_is_named_alone()
    {
        var error = Assert.Throws<ArgumentException>(() => NatsAddresses.Parse("nats://a:4222,nats://b,nats://c:4222"));

        Assert.StartsWith("'nats://b' is not a NATS address", error.Message);
    }

    [Fact]
    public void Connection_options_name_every_address_and_reconnect_for_ever()
    {
        var options = NatsAddresses.ConnectionOptions(new GatewayOptions { Nats = "nats://a:4222, nats://b:4223" }, "airgap-gateway", Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);

        Assert.Equal("nats://a:4222,nats://b:4223", options.Url);
        Assert.Equal("airgap-gateway", options.Name);
        Assert.Equal(-1, options.MaxReconnectRetry);
        Assert.True(options.RetryOnInitialConnect);
    }
}
