namespace Airgap.Gateway.Tests;

public sealed class NatsAddressesRefuseAListWithoutAnAddress
{
    [Theory]
    [InlineData(",")]
    [InlineData(" , ,")]
    public void A_list_of_only_commas_is_refused_like_no_address(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => NatsAddresses.Parse(text));

        Assert.Equal("the gateway needs a NATS address: --nats nats://HOST:PORT (setting Gateway:Nats)", error.Message);
    }
}
