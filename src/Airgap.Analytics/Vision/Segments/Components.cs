namespace Airgap.Analytics.Vision.Segments;

/// <summary>One 8-connected blob of a mask: its bounding box (inclusive) and pixel count.</summary>
internal readonly record struct Blob(int Label, int MinX, int MinY, int MaxX, int MaxY, int Area)
{
    public int Width => MaxX - MinX + 1;
    public int Height => MaxY - MinY + 1;
}

/// <summary>Connected-component labelling of a boolean mask (8-connected, iterative flood fill).</summary>
internal static class Components
{
    /// <summary>The blobs of <paramref name="mask"/>; <paramref name="labels"/> gets each pixel's blob label + 1 (0: background).</summary>
    public static List<Blob> Label(bool[] mask, int width, int height, out int[] labels)
    {
        labels = new int[mask.Length];
        var blobs = new List<Blob>();
        var stack = new Stack<int>();
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || labels[start] != 0) continue;
            var label = blobs.Count + 1;
            int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, area = 0;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                int x = i % width, y = i / width;
                area++;
                if (x < minX) minX = x;
                if (x > maxX) maxX = x;
                if (y < minY) minY = y;
                if (y > maxY) maxY = y;
                for (var dy = -1; dy <= 1; dy++)
                {
                    var ny = y + dy;
                    if (ny < 0 || ny >= height) continue;
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var nx = x + dx;
                        if (nx < 0 || nx >= width) continue;
                        var j = ny * width + nx;
                        if (!mask[j] || labels[j] != 0) continue;
                        labels[j] = label;
                        stack.Push(j);
                    }
                }
            }
            blobs.Add(new Blob(label, minX, minY, maxX, maxY, area));
        }
        return blobs;
    }
}
