using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Airgap.Gateway.Tests;

public sealed class ChatWireCarriesMessages
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 250, 251, 0];

    /// <summary>The messages as a worker reads them from a job that went over the wire.</summary>
    private static List<ChatMessage> Carried(params ChatMessage[] messages)
    {
        var job = new GatewayJob { Id = "j", Model = "tiny", Reply = JobSubjects.Reply("j"), Messages = ChatWire.Messages(messages) };
        var back = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(job, GatewayJsonContext.Default.GatewayJob), GatewayJsonContext.Default.GatewayJob)!;
        return ChatWire.Messages(back.Messages);
    }

    [Fact]
    public void Roles_and_texts_come_back_in_order()
    {
        var back = Carried(new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, "Hi"),
            new ChatMessage(ChatRole.Assistant, "Hello."), new ChatMessage(ChatRole.User, "Again, with \"quotes\" and ünïcode ✓"));

        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User], back.Select(m => m.Role));
        Assert.Equal(["You are terse.", "Hi", "Hello.", "Again, with \"quotes\" and ünïcode ✓"], back.Select(m => m.Text));
    }

    [Fact]
    public void An_image_comes_back_with_its_bytes_and_media_type_beside_the_text()
    {
        var back = Carried(new ChatMessage(ChatRole.User, [new TextContent("What is this?"), new DataContent(Png, "image/png")]));

        var contents = Assert.Single(back).Contents;
        Assert.Equal("What is this?", Assert.IsType<TextContent>(contents[0]).Text);
        var image = Assert.IsType<DataContent>(contents[1]);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(Png, image.Data.ToArray());
    }

    [Fact]
    public void A_function_call_and_its_result_come_back_with_call_id_name_and_arguments()
    {
        var back = Carried(
            new ChatMessage(ChatRole.User, "Weather in Oslo?"),
            new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-1", "get_weather", new Dictionary<string, object?> { ["city"] = "Oslo", ["days"] = 3 })]),
            new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-1", "sunny, 4 °C")]));

        var call = Assert.IsType<FunctionCallContent>(Assert.Single(back[1].Contents));
        Assert.Equal(ChatRole.Assistant, back[1].Role);
        Assert.Equal(("call-1", "get_weather"), (call.CallId, call.Name));
        Assert.Equal("Oslo", call.Arguments!["city"]?.ToString());
        Assert.Equal("3", call.Arguments["days"]?.ToString());
        var result = Assert.IsType<FunctionResultContent>(Assert.Single(back[2].Contents));
        Assert.Equal(ChatRole.Tool, back[2].Role);
        Assert.Equal("call-1", result.CallId);
        Assert.Equal("sunny, 4 °C", result.Result?.ToString());
    }
}
