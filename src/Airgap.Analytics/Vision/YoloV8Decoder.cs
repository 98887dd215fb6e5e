namespace Airgap.Analytics.Vision;

/// <summary>
/// Decodes the standard YOLOv8 detection output, [1, 4 + classes, anchors]: per anchor the box centre, width and
/// height in input pixels, then one score per class. Keeps anchors whose best class scores at least the confidence
/// threshold, maps boxes back through the letterbox, and removes overlaps per class by non-maximum suppression.
/// </summary>
public static class YoloV8Decoder
{
    public static IReadOnlyList<Detection> Decode(float[] output, IReadOnlyList<long> shape, IReadOnlyList<string> labels, Letterbox letterbox,
        float confidence = 0.25f, float iou = 0.45f, int maxDetections = 300)
    {
        if (shape.Count != 3 || shape[0] != 1 || shape[1] < 5)
            throw new ArgumentException($"a YOLOv8 output is [1, 4 + classes, anchors]; this one is [{string.Join(", ", shape)}]");
        var classes = (int)shape[1] - 4;
        var anchors = (int)shape[2];
        if (output.Length != (4 + classes) * anchors) throw new ArgumentException("the output holds fewer values than its shape");
        if (labels.Count != 0 && labels.Count != classes)
            throw new ArgumentException($"the model scores {classes} classes; its labels name {labels.Count}");
        var candidates = new List<Detection>();
        for (var a = 0; a < anchors; a++)
        {
            var best = -1;
            var score = float.MinValue;
            for (var c = 0; c < classes; c++)
            {
                var s = output[(4 + c) * anchors + a];
                if (s > score) (best, score) = (c, s);
            }
            if (score < confidence) continue;
            float cx = output[a], cy = output[anchors + a], w = output[2 * anchors + a], h = output[3 * anchors + a];
            var (x0, y0) = letterbox.ToImage(cx - w / 2, cy - h / 2);
            var (x1, y1) = letterbox.ToImage(cx + w / 2, cy + h / 2);
            candidates.Add(new Detection(best, labels.Count > 0 ? labels[best] : best.ToString(), score, x0, y0, x1, y1));
        }
        return NonMaximumSuppression.Apply(candidates, iou, maxDetections);
    }
}
