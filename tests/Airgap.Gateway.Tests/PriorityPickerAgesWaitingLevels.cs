using Microsoft.Extensions.Time.Testing;

namespace Airgap.Gateway.Tests;

public sealed class PriorityPickerAgesWaitingLevels
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(3);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-28T00:00:00Z"));
    private readonly PriorityPicker _picker;

    public PriorityPickerAgesWaitingLevels() => _picker = new PriorityPicker(Step, _clock);

    /// <summary>Every level but <paramref name="waiting"/> was just asked.</summary>
    private void ResetAllBut(params int[] waiting)
    {
        foreach (var p in Enumerable.Range(0, JobSubjects.Priorities).Except(waiting)) _picker.Reset(p);
    }

    [Fact]
    public void A_fresh_picker_asks_the_most_urgent_level_first()
    {
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], _picker.Order());
    }

    [Fact]
    public void Levels_that_all_waited_equally_keep_their_order()
    {
        _clock.Advance(Step * 7);

        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], _picker.Order());
    }

    [Fact]
    public void A_level_that_waited_three_steps_rises_three_levels_and_yields_to_the_level_it_ties()
    {
        _clock.Advance(Step * 3);
        ResetAllBut(4);

        Assert.Equal([9, 8, 7, 4, 6, 5, 3, 2, 1, 0], _picker.Order());
    }

    [Fact]
    public void A_level_rises_only_once_a_whole_step_has_passed_over_the_level_above()
    {
        _clock.Advance(Step * 3 + TimeSpan.FromMilliseconds(1));
        ResetAllBut(4);

        Assert.Equal([9, 8, 4, 7, 6, 5, 3, 2, 1, 0], _picker.Order());
    }

    [Fact]
    public void After_ten_steps_p0_comes_before_a_just_reset_p9()
    {
        _clock.Advance(Step * 10);
        ResetAllBut(0);

        Assert.Equal([0, 9, 8, 7, 6, 5, 4, 3, 2, 1], _picker.Order());
    }

    [Fact]
    public void After_nine_steps_p0_ties_a_just_reset_p9_and_still_comes_after_it()
    {
        _clock.Advance(Step * 9);
        ResetAllBut(0);

        Assert.Equal([9, 0, 8, 7, 6, 5, 4, 3, 2, 1], _picker.Order());
    }

    [Fact]
    public void Reset_starts_a_levels_wait_again()
    {
        _clock.Advance(Step * 5);

        _picker.Reset(3);

        // p3 at 3 now; every other level at its own priority plus 5.
        Assert.Equal([9, 8, 7, 6, 5, 4, 2, 1, 0, 3], _picker.Order());
    }

    [Fact]
    public void Under_a_flood_of_p9_jobs_a_waiting_p0_job_is_asked_for_first_after_ten_steps()
    {
        // A worker's loop: ask the levels in order, resetting each empty one, and take from the first that has a job.
        int Take()
        {
            foreach (var p in _picker.Order())
            {
                _picker.Reset(p);
                if (p is 9 or 0) return p;
            }
            throw new InvalidOperationException("no level has a job");
        }

        var taken = new List<int>();
        for (var i = 0; i < 12 && !taken.Contains(0); i++)
        {
            taken.Add(Take());
            _clock.Advance(Step + TimeSpan.FromMilliseconds(1));
        }

        Assert.Equal([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0], taken);
    }
}
