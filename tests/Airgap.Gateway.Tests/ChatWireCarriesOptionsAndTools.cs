using System.Text.Json;
using Airgap.Inference.Chat;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class ChatWireCarriesOptionsAndTools
{
    private static readonly JsonElement AnswerSchema = JsonDocument.Parse(
        """{"type":"object","properties":{"answer":{"type":"string"},"score":{"type":"integer"}},"required":["answer","score"]}""").RootElement;

    /// <summary>The options a worker runs a job with, the job having gone over the wire.</summary>
    private static ChatOptions Carried(ChatOptions options)
    {
        var job = new GatewayJob
        {
            Id = "j", Model = "tiny", Reply = JobSubjects.Reply("j"), Messages = ChatWire.Messages([new ChatMessage(ChatRole.User, "hi")]),
            Options = ChatWire.Options(options), Tools = ChatWire.Tools(options),
        };
        var back = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(job, GatewayJsonContext.Default.GatewayJob), GatewayJsonContext.Default.GatewayJob)!;
        return ChatWire.Options(back);
    }

    private static ChatOptions Sampling() => new()
    {
        ModelId = "tiny",
        Temperature = 0.3f,
        TopP = 0.85f,
        TopK = 20,
        MaxOutputTokens = 77,
        Seed = 4242,
        StopSequences = ["\n\n", "END"],
        ResponseFormat = ChatResponseFormat.ForJsonSchema(AnswerSchema, "answer"),
        AdditionalProperties = new()
        {
            [AirgapChatProperties.Priority] = 7,
            [AirgapChatProperties.KeepAlive] = TimeSpan.FromMinutes(5),
            [AirgapChatProperties.Raw] = true,
            [AirgapChatProperties.MinP] = 0.1f,
        },
    };

    [Fact]
    public void Sampling_options_read_the_same_on_the_worker()
    {
        var original = ChatOptionsMapping.ToGenerationOptions(Sampling(), null);

        var carried = ChatOptionsMapping.ToGenerationOptions(Carried(Sampling()), null);

        Assert.Equal((original.Temperature, original.TopP, original.TopK, original.MinP), (carried.Temperature, carried.TopP, carried.TopK, carried.MinP));
        Assert.Equal((0.3f, 0.85f, 20, 0.1f), (carried.Temperature, carried.TopP, carried.TopK, carried.MinP));
        Assert.Equal(77, carried.MaxTokens);
        Assert.Equal(4242u, carried.Seed);
        Assert.Equal(["\n\n", "END"], carried.Stop);
    }

    [Fact]
    public void A_json_schema_response_format_gives_the_worker_the_same_grammar()
    {
        var original = ChatOptionsMapping.ToGenerationOptions(Sampling(), null);

        var carried = ChatOptionsMapping.ToGenerationOptions(Carried(Sampling()), null);

        Assert.NotNull(carried.Grammar);
        Assert.Equal(original.Grammar, carried.Grammar);
        Assert.Equal("response_format", carried.GrammarField);
    }

    [Fact]
    public void Priority_keep_alive_and_raw_read_the_same_on_the_worker()
    {
        var carried = Carried(Sampling());

        Assert.Equal(7, ChatOptionsMapping.Priority(carried));
        Assert.Equal(TimeSpan.FromMinutes(5), ChatOptionsMapping.KeepAlive(carried));
        Assert.True(ChatOptionsMapping.IsRaw(carried));
    }

    [Fact]
    public void The_worker_runs_the_model_the_job_names()
    {
        var carried = Carried(new ChatOptions { ModelId = "something-else" });

        Assert.Equal("tiny", carried.ModelId);
    }

    [Fact]
    public void A_request_without_options_runs_with_defaults()
    {
        var job = new GatewayJob { Id = "j", Model = "tiny", Reply = JobSubjects.Reply("j"), Options = ChatWire.Options((ChatOptions?)null), Tools = ChatWire.Tools(null) };

        var carried = ChatWire.Options(job);

        Assert.Equal("tiny", carried.ModelId);
        Assert.Null(carried.Tools);
        Assert.Equal(0, ChatOptionsMapping.Priority(carried));
        Assert.Null(ChatOptionsMapping.KeepAlive(carried));
    }

    [Fact]
    public void A_required_tool_mode_stays_required_and_keeps_its_function_name()
    {
        var any = Carried(new ChatOptions { ToolMode = ChatToolMode.RequireAny });
        var specific = Carried(new ChatOptions { ToolMode = ChatToolMode.RequireSpecific("get_weather") });
        var none = Carried(new ChatOptions { ToolMode = ChatToolMode.None });

        Assert.Null(Assert.IsType<RequiredChatToolMode>(any.ToolMode).RequiredFunctionName);
        Assert.Equal("get_weather", Assert.IsType<RequiredChatToolMode>(specific.ToolMode).RequiredFunctionName);
        Assert.IsType<NoneChatToolMode>(none.ToolMode);
    }

    [Fact]
    public void Tools_come_back_as_declarations_with_the_same_name_description_and_schema()
    {
        var function = AIFunctionFactory.Create((string city, int days) => $"sunny in {city} for {days} days", "get_weather", "Says the weather in a city");

        var carried = Carried(new ChatOptions { Tools = [function] });

        var tool = Assert.Single(carried.Tools!);
        var declaration = Assert.IsAssignableFrom<AIFunctionDeclaration>(tool);
        Assert.IsNotAssignableFrom<AIFunction>(tool);
        Assert.Equal(("get_weather", "Says the weather in a city"), (declaration.Name, declaration.Description));
        Assert.True(JsonElement.DeepEquals(function.JsonSchema, declaration.JsonSchema), declaration.JsonSchema.ToString());
    }

    [Fact]
    public void The_options_on_the_wire_hold_no_tools_and_the_tools_field_holds_their_declarations()
    {
        var function = AIFunctionFactory.Create((string city) => city, "echo", "Echoes");
        var options = new ChatOptions { Tools = [function], Temperature = 0.5f };

        var wire = ChatWire.Options(options)!.Value;
        var tools = ChatWire.Tools(options)!;

        Assert.False(wire.TryGetProperty("tools", out _));
        Assert.Equal("echo", Assert.Single(tools).Name);
        Assert.Single(options.Tools); // the caller's options are left as they were
    }
}
