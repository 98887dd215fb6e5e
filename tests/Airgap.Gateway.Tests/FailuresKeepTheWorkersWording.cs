using Airgap.Inference.Errors;

namespace Airgap.Gateway.Tests;

/// <summary>A failure a worker reports reaches the caller in the words a local server would have used.</summary>
public sealed class FailuresKeepTheWorkersWording
{
    private const string Model = "tiny:latest";

    [Fact]
    public void An_unavailable_model_is_worded_once()
    {
        var original = new ModelUnavailableException(Model, "every slot is busy", TimeSpan.FromSeconds(12));

        var error = Assert.IsType<ModelUnavailableException>(JobFailureCarriesTheTypedError.Carried(original));

        Assert.Equal("model 'tiny:latest' is unavailable: every slot is busy; retry later", error.Message);
    }

    [Fact]
    public void A_load_failure_is_worded_once_and_keeps_its_reason()
    {
        var original = new ModelLoadException(Model, "needs about 900 MiB, more than the memory budget of 512 MiB");

        var error = Assert.IsType<ModelLoadException>(JobFailureCarriesTheTypedError.Carried(original));

        Assert.Equal("model 'tiny:latest' failed to load: needs about 900 MiB, more than the memory budget of 512 MiB", error.Message);
        Assert.Equal(original.Reason, error.Reason);
    }
}
