using Airgap.Inference.Errors;

namespace Airgap.Gateway.Tests;

public sealed class JobSubjectsNameModelsAndPriorities
{
    [Theory]
    [InlineData("tiny", 3, "airgap.jobs.tiny:latest.p3")]
    [InlineData("tiny:latest", 3, "airgap.jobs.tiny:latest.p3")]
    [InlineData("Tiny:Latest", 3, "airgap.jobs.tiny:latest.p3")]
    [InlineData("qwen2.5:0.5b@1.2.3", 5, "airgap.jobs.qwen2%2E5:0%2E5b.p5")]
    [InlineData("llama3.2:3b", 9, "airgap.jobs.llama3%2E2:3b.p9")]
    public void A_job_subject_names_the_queue_model_with_its_dots_escaped_and_the_priority(string model, int priority, string subject)
    {
        Assert.Equal(subject, JobSubjects.Job(model, priority));
    }

    [Theory]
    [InlineData(-3, "p0")]
    [InlineData(0, "p0")]
    [InlineData(9, "p9")]
    [InlineData(10, "p9")]
    [InlineData(int.MaxValue, "p9")]
    public void The_priority_is_kept_between_0_and_9(int priority, string token)
    {
        Assert.EndsWith("." + token, JobSubjects.Job("tiny", priority));
    }

    [Fact]
    public void A_job_subject_is_four_tokens_under_the_streams_subjects()
    {
        var subject = JobSubjects.Job("qwen2.5:0.5b@1.2.3", 5);

        Assert.Equal(4, subject.Split('.').Length);
        Assert.StartsWith(JobSubjects.AllJobs.TrimEnd('>'), subject);
        Assert.Equal(JobSubjects.ModelJobs("qwen2.5:0.5b")[..^1], subject[..^2]);
    }

    [Theory]
    [InlineData("tiny", 0, "tiny:latest")]
    [InlineData("qwen2.5:0.5b@1.2.3", 5, "qwen2.5:0.5b")]
    [InlineData("a.b.c:d.e", 9, "a.b.c:d.e")]
    public void Parse_gives_back_the_queue_model_and_priority_of_a_job_subject(string model, int priority, string queueModel)
    {
        Assert.Equal((queueModel, priority), JobSubjects.Parse(JobSubjects.Job(model, priority)));
    }

    [Theory]
    [InlineData("airgap.replies.abc")]
    [InlineData("airgap.jobs.tiny:latest")]
    [InlineData("airgap.jobs.tiny:latest.p10")]
    [InlineData("airgap.jobs.tiny:latest.q1")]
    [InlineData("airgap.jobs.tiny:latest.px")]
    [InlineData("other.jobs.tiny:latest.p1")]
    [InlineData("airgap.jobs.tiny.latest.p1")]
    public void Parse_gives_nothing_for_a_subject_that_is_not_a_job_subject(string subject)
    {
        Assert.Null(JobSubjects.Parse(subject));
    }

    [Fact]
    public void A_version_is_left_out_of_the_queue_model()
    {
        Assert.Equal("qwen2.5:0.5b", JobSubjects.QueueModel("qwen2.5:0.5b@1.2.3"));
        Assert.Equal("tiny:latest", JobSubjects.QueueModel("tiny@2"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("@1.2.3")]
    [InlineData("two words")]
    [InlineData("star*")]
    [InlineData("all>")]
    [InlineData("tiny:")]
    [InlineData("-tiny")]
    public void A_bad_model_name_is_an_invalid_request_naming_the_model_field(string model)
    {
        var error = Assert.Throws<InvalidRequestException>(() => JobSubjects.Job(model, 1));

        Assert.Equal("model", error.Field);
        Assert.StartsWith("model: model name", error.Message);
    }

    [Fact]
    public void Replies_cancels_and_heartbeats_fall_under_their_wildcards()
    {
        Assert.Equal("airgap.replies.0123abcd", JobSubjects.Reply("0123abcd"));
        Assert.Equal("airgap.cancel.0123abcd", JobSubjects.Cancel("0123abcd"));
        Assert.Equal(JobSubjects.AllCancels.TrimEnd('*') + "0123abcd", JobSubjects.Cancel("0123abcd"));
        Assert.Equal(JobSubjects.AllHeartbeats.TrimEnd('*') + "host-12-a1b2c3", JobSubjects.Heartbeat("host-12-a1b2c3"));
    }
}
