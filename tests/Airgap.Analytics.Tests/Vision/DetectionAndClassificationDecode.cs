using Airgap.Analytics.Vision;

namespace Airgap.Analytics.Tests.Vision;

public class DetectionAndClassificationDecode
{
    // A YOLOv8 output [1, 4 + 2 classes, 4 anchors], anchor-major rows: cx, cy, w, h, score(class 0), score(class 1).
    private static float[] Output((float Cx, float Cy, float W, float H, float Person, float Valve)[] anchors)
    {
        var n = anchors.Length;
        var output = new float[6 * n];
        for (var a = 0; a < n; a++)
        {
            var (cx, cy, w, h, p, v) = anchors[a];
            output[a] = cx; output[n + a] = cy; output[2 * n + a] = w; output[3 * n + a] = h; output[4 * n + a] = p; output[5 * n + a] = v;
        }
        return output;
    }

    [Fact]
    public void Boxes_come_back_in_image_pixels_overlaps_of_one_class_are_suppressed_and_weak_anchors_dropped()
    {
        var output = Output([
            (320, 320, 100, 200, 0.9f, 0.1f),   // a person
            (325, 318, 100, 200, 0.8f, 0.1f),   // the same person again: suppressed
            (330, 320, 100, 200, 0.1f, 0.7f),   // a valve overlapping the person: another class, kept
            (100, 100, 20, 20, 0.2f, 0.1f),     // below the confidence threshold
        ]);
        // A 1280×640 image letterboxed into 640×640: scale 0.5, 160 px of padding above and below.
        var letterbox = Letterbox.Fit(1280, 640, 640, 640);

        var detections = YoloV8Decoder.Decode(output, [1, 6, 4], ["person", "valve"], letterbox);

        Assert.Equal(["person", "valve"], detections.Select(d => d.Label));
        var person = detections[0];
        Assert.Equal((0.9f, 540f, 120f, 740f, 520f), (person.Confidence, person.X0, person.Y0, person.X1, person.Y1));
    }

    [Fact]
    public void A_wrong_output_layout_or_label_count_is_refused_by_name()
    {
        var letterbox = Letterbox.Fit(640, 640, 640, 640);
        Assert.Contains("[1, 4 + classes, anchors]", Assert.Throws<ArgumentException>(() => YoloV8Decoder.Decode(new float[10], [1, 10], [], letterbox)).Message);
        Assert.Contains("its labels name 3", Assert.Throws<ArgumentException>(() =>
            YoloV8Decoder.Decode(new float[12], [1, 6, 2], ["a", "b", "c"], letterbox)).Message);
    }

    [Fact]
    public void Top_k_softmaxes_logits_and_keeps_probabilities_as_they_are()
    {
        var fromLogits = TopK.From([0.1f, 2.5f, -1f, 0.7f], ["ok", "leak", "fire", "smoke"], 2);
        Assert.Equal(["leak", "smoke"], fromLogits.Select(l => l.Name));
        Assert.InRange(fromLogits[0].Probability, 0.7774f, 0.7776f); // e^2.5 / (e^0.1 + e^2.5 + e^-1 + e^0.7)

        var fromProbabilities = TopK.From([0.2f, 0.5f, 0.3f], [], 3);
        Assert.Equal([(1, 0.5f), (2, 0.3f), (0, 0.2f)], fromProbabilities.Select(l => (l.ClassId, l.Probability)));
    }
}
