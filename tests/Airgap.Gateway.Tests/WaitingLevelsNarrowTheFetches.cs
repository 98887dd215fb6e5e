namespace Airgap.Gateway.Tests;

public sealed class WaitingLevelsNarrowTheFetches
{
    [Fact]
    public void Every_level_may_hold_jobs_until_a_fetch_finds_it_empty()
    {
        var levels = new WaitingLevels();

        Assert.All(Enumerable.Range(0, 10), p => Assert.True(levels.May(p)));
        levels.Empty(3);
        Assert.False(levels.May(3));
        Assert.True(levels.May(4));
    }

    [Fact]
    public void A_job_published_at_a_level_marks_only_that_level_of_its_model()
    {
        var levels = new WaitingLevels();
        for (var p = 0; p < 10; p++) levels.Empty(p);

        levels.Arrived(JobSubjects.Job("qwen2.5:0.5b", 7));
        levels.Arrived("airgap.replies.0123");

        Assert.Equal([7], Enumerable.Range(0, 10).Where(levels.May));
    }

    [Fact]
    public void A_quiet_poll_marks_every_level_again_for_jobs_handed_back_without_a_new_publish()
    {
        var levels = new WaitingLevels();
        for (var p = 0; p < 10; p++) levels.Empty(p);

        levels.All();

        Assert.All(Enumerable.Range(0, 10), p => Assert.True(levels.May(p)));
    }
}
