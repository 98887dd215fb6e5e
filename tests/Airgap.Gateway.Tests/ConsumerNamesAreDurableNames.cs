namespace Airgap.Gateway.Tests;

public sealed class ConsumerNamesAreDurableNames
{
    private static readonly string[] Models = ["tiny", "qwen2.5:0.5b", "qwen2.5:1.5b", "llama3.2:3b", "a-b_c.d:e.f"];

    [Fact]
    public void Every_consumer_name_is_a_valid_nats_durable_name()
    {
        foreach (var model in Models)
            for (var priority = 0; priority < JobSubjects.Priorities; priority++)
            {
                var name = JobSubjects.Consumer(model, priority);
                // NATS forbids '.', '*', '>', whitespace and path separators in durable names; letters, digits, '-' and '_' are safe everywhere.
                Assert.Matches("^[A-Za-z0-9_-]+$", name);
            }
    }

    [Fact]
    public void Consumer_names_differ_per_model_and_per_priority()
    {
        var names = Models.SelectMany(m => Enumerable.Range(0, JobSubjects.Priorities).Select(p => JobSubjects.Consumer(m, p))).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Names_of_the_same_queue_model_share_their_consumers()
    {
        Assert.Equal(JobSubjects.Consumer("tiny:latest", 4), JobSubjects.Consumer("tiny", 4));
        Assert.Equal(JobSubjects.Consumer("qwen2.5:0.5b", 4), JobSubjects.Consumer("Qwen2.5:0.5B@1.2.3", 4));
    }
}
