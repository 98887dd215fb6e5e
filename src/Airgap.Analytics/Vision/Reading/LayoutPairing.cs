using Airgap.Analytics.Vision.Ocr;

namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Gives values without an inline unit or label the ones the layout puts beside them: a unit right of the number on
/// its row or centred under it; a label to its left on its row (unless another reading sits between), else the
/// nearest label above it in its column (tiles, gauges), looking past scales but never past another reading.
/// </summary>
public static class LayoutPairing
{
    public static void Pair(IReadOnlyList<Piece> pieces, int imageWidth, float slope)
    {
        foreach (var value in pieces.Where(p => p.Kind == PieceKind.Value && p.LabelFrom == "inline")) ExtendInlineLabel(value, pieces);
        var values = pieces.Where(p => p.Kind == PieceKind.Value).OrderByDescending(p => p.Box.Height).ToList();
        // Every unit beside its number first: a unit right of a smaller reading is that reading's, even where it also sits
        // under the bigger one (a meter's PV over its SV).
        foreach (var value in values.Where(v => v.Unit.Length == 0)) AttachUnitBeside(value, pieces);
        foreach (var value in values.Where(v => v.Unit.Length == 0)) AttachUnitBelow(value, pieces, values);
        foreach (var value in values.Where(v => v.Label.Length == 0)) AttachLabel(value, pieces, imageWidth, slope);
    }

    /// <summary>A label the detector cut in two ("Total" | "Power: 780.8 kW") is whole again.</summary>
    private static void ExtendInlineLabel(Piece value, IReadOnlyList<Piece> pieces)
    {
        if (value.LabelBox is not { } inline) return;
        var before = pieces.Where(p => p.Kind == PieceKind.Label && !p.Used && p.Line != value.Line && p.Box.X1 <= inline.X0 + 2 && inline.VerticalOverlap(p.Box) > 0.6f)
            .OrderByDescending(p => p.Box.X1).FirstOrDefault();
        if (before is null || inline.X0 - before.Box.X1 > inline.Height) return;
        value.Label = $"{before.Text} {value.Label}";
        value.LabelBox = before.Box.Union(inline);
        before.Used = true;
    }

    private static bool Beside(Piece value, Piece other) =>
        other.Box.X0 >= value.Box.X1 - 0.2f * value.Box.Height && value.Box.VerticalOverlap(other.Box) >= 0.4f;

    private static void AttachUnitBeside(Piece value, IReadOnlyList<Piece> pieces)
    {
        var h = value.Box.Height;
        var right = pieces.Where(p => p != value && Beside(value, p)).OrderBy(p => p.Box.X0).FirstOrDefault();
        if (right is { Kind: PieceKind.Unit, Used: false } && right.Box.X0 - value.Box.X1 < 3 * h)
        {
            Use(value, right);
            return;
        }
        // A small unit the recogniser misspelt ("ps" for psi, a lone F for °F) is read as one only hard against a number.
        if (right is not null && SmallFreeWord(right, h) && right.Box.X0 - value.Box.X1 < 0.8f * h && UnitProbe.Unit(right.Text) is { } misspelt)
            UseMisspelt(value, right, misspelt);
    }

    /// <summary>
    /// A unit centred under the number (tiles, gauges), unless it is hard against another reading of about its size; else
    /// a single small word there that spells a unit with its sign lost (F for °F).
    /// </summary>
    private static void AttachUnitBelow(Piece value, IReadOnlyList<Piece> pieces, IReadOnlyList<Piece> values)
    {
        var h = value.Box.Height;
        var below = pieces.Where(p => p.Kind == PieceKind.Unit && !p.Used && p.Box.Y0 >= value.Box.CenterY && Centred(value, p))
            .Where(p => !values.Any(other => other != value && other.Unit.Length == 0 && other.Box.Height >= 0.6f * h && Beside(other, p) && p.Box.X0 - other.Box.X1 < 0.5f * other.Box.Height))
            .OrderBy(p => p.Box.Y0).FirstOrDefault();
        if (below is not null && below.Box.Y0 - value.Box.Y1 < 1.5f * h && below.Box.Height < h)
        {
            Use(value, below);
            return;
        }
        // A small unit misspelt under the number (a lone F for °F, its degree sign lost) when it is the next text there.
        var next = pieces.Where(p => p != value && p.Box.Y0 >= value.Box.CenterY && Centred(value, p)).OrderBy(p => p.Box.Y0).FirstOrDefault();
        if (next is not null && SmallFreeWord(next, h) && !next.Text.Contains(' ') && next.Box.Y0 - value.Box.Y1 < 0.8f * h
            && UnitProbe.Unit(next.Text, fuzzy: false) is { } misspelt)
            UseMisspelt(value, next, misspelt);
    }

    /// <summary>Text not yet given to a reading and smaller than its digits: where a misspelt unit can be.</summary>
    private static bool SmallFreeWord(Piece word, float valueHeight) =>
        word is { Kind: PieceKind.Label or PieceKind.Ignored, Used: false } && word.Box.Height < valueHeight;

    /// <summary>A word the layout places as the value's unit, which the recogniser misspelt, becomes that unit.</summary>
    private static void UseMisspelt(Piece value, Piece word, string unit)
    {
        word.Kind = PieceKind.Unit;
        word.Unit = unit;
        Use(value, word);
    }

    private static bool Centred(Piece value, Piece under) =>
        under.Box.HorizontalOverlap(value.Box) > 0.3f && MathF.Abs(under.Box.CenterX - value.Box.CenterX) < value.Box.Width * 0.6f;

    private static void Use(Piece value, Piece unit)
    {
        value.Unit = unit.Unit;
        unit.Used = true;
    }

    private static void AttachLabel(Piece value, IReadOnlyList<Piece> pieces, int imageWidth, float slope)
    {
        var h = value.Box.Height;
        // A unit read unsurely on the row (a dotted trace as "s........") is no text between a label and its value.
        var left = pieces.Where(p => p != value && p.Kind != PieceKind.Ignored && !(p.Kind == PieceKind.Unit && p.Confidence < 0.5)
                                     && p.Box.X1 <= value.Box.X0 + 0.3f * h && SameRow(value, p, slope))
            .OrderByDescending(p => p.Box.X1).FirstOrDefault();
        // A meter's channel caption can be a unit's name ("kW" left of "244.7 kW"): small beside the big digits of a reading
        // that has its unit, it names it.
        var namesIt = left is { Kind: PieceKind.Label }
                      || left is { Kind: PieceKind.Unit, Used: false, Confidence: >= 0.8 } && value.Unit.Length > 0 && left.Box.Height < 0.6f * h;
        if (namesIt && value.Box.X0 - left!.Box.X1 < 0.9f * imageWidth && !CaptionOfAnother(left, value, pieces))
        {
            Name(value, left, "left", pieces);
            return;
        }
        foreach (var above in pieces.Where(p => p != value && p.Box.Y1 <= value.Box.CenterY && Aligned(value, Upright(p.Box, value, slope))).OrderByDescending(p => p.Box.Y1))
        {
            // Bar graphs put their caption a whole bar above the number; anything in between that is a reading stops the walk.
            if (value.Box.Y0 - above.Box.Y1 > 25 * h) break;
            // A much smaller bare number is a scale tick the scale finder missed (misread), not a reading in the way.
            if (above.Kind == PieceKind.Value && above.Box.Height < 0.6f * h && above.Unit.Length == 0 && above.Label.Length == 0) continue;
            if (above.Kind == PieceKind.Value) break;
            if (above.Kind != PieceKind.Label || Speck(above, value)) continue;
            Name(value, above, "above", pieces);
            return;
        }
    }

    /// <summary>
    /// A label far left of the value that sits right on top of another reading is that reading's caption (tag boxes on a
    /// process mimic, a tile's title), not a label across the row for this one.
    /// </summary>
    private static bool CaptionOfAnother(Piece label, Piece value, IReadOnlyList<Piece> pieces) =>
        value.Box.X0 - label.Box.X1 > 2 * value.Box.Height
        && pieces.Any(other => other != value && other.Kind == PieceKind.Value && other.Box.Y0 >= label.Box.CenterY
                               && other.Box.Y0 - label.Box.Y1 < 0.6f * other.Box.Height
                               && (other.Box.HorizontalOverlap(label.Box) > 0.5f || MathF.Abs(other.Box.X0 - label.Box.X0) < 0.5f * other.Box.Height));

    /// <summary>
    /// A few letters the recogniser was unsure of, far smaller than the digits and well above them: grain or a bar's edge,
    /// not a caption (a meter's small PV legend sits close to its digits).
    /// </summary>
    private static bool Speck(Piece label, Piece value) =>
        label.Confidence < 0.8 && label.Text.Length <= 3 && label.Box.Height < 0.35f * value.Box.Height && value.Box.Y0 - label.Box.Y1 > 1.5f * value.Box.Height;

    /// <summary>A slope under this (about 1.7°) is a level screen or a slope too small to tell from level.</summary>
    private const float LevelSlope = 0.03f;

    /// <summary>On one row, allowing for a photo's slope: the other box is moved along the image's text slope to the value's x first.</summary>
    private static bool SameRow(Piece value, Piece other, float slope)
    {
        // Perspective bends rows differently across a photo: a long line's own slope is the better guide where there is one.
        var own = other.Box.Width >= 4 * other.Box.Height ? other.Angle : slope;
        // A small caption beside big digits sits anywhere along their height (top-aligned, centred).
        var caption = other.Box.Height < 0.6f * value.Box.Height && other.Box.CenterY > value.Box.Y0 && other.Box.CenterY < value.Box.Y1;
        // On a photo taken at an angle a row is level only along the slope: a label a row lower, level with the value in
        // the image's own axes, is the next row's.
        return caption || (MathF.Abs(slope) < LevelSlope && Overlaps(0)) || Overlaps(slope) || Overlaps(own);

        bool Overlaps(float angle)
        {
            var shift = (value.Box.CenterX - other.Box.CenterX) * MathF.Tan(angle);
            return value.Box.VerticalOverlap(other.Box with { Y0 = other.Box.Y0 + shift, Y1 = other.Box.Y1 + shift }) >= 0.5f;
        }
    }

    /// <summary>
    /// The box of text above a value moved along the column as the photo's tilt runs it: on a screen photographed at an
    /// angle a caption a whole bar graph above its number sits off to one side of it in the image's own axes.
    /// </summary>
    private static PixelBox Upright(PixelBox above, Piece value, float slope)
    {
        if (MathF.Abs(slope) < LevelSlope) return above;
        var shift = -(value.Box.CenterY - above.CenterY) * MathF.Tan(slope);
        return above with { X0 = above.X0 + shift, X1 = above.X1 + shift };
    }

    private static bool Aligned(Piece value, PixelBox above) =>
        above.HorizontalOverlap(value.Box) > 0.5f || MathF.Abs(above.CenterX - value.Box.CenterX) < MathF.Max(above.Width, value.Box.Width) / 2
        || CornerCaption(value, above) || TileTitle(value, above);

    /// <summary>
    /// A tile's title in its top-left corner over the number centred under it: it starts a little left of the digits
    /// and reaches at least close to them, within a few digit heights above, and is smaller than they are (a heading
    /// over a list of numbers its size is none).
    /// </summary>
    private static bool TileTitle(Piece value, PixelBox above)
    {
        var h = value.Box.Height;
        return above.Height < 0.8f * h && above.X0 < value.Box.X0 && value.Box.X0 - above.X0 <= 2 * h && above.X1 >= value.Box.X0 - 0.5f * h
            && value.Box.Y0 - above.Y1 < 3 * h;
    }

    /// <summary>
    /// A panel meter's small caption over the first digits or just left of them, at most half a digit height above
    /// ("POSITION" in the window's corner over "  1699"): smaller than the digits, so same-size lists and tables are
    /// not paired this way.
    /// </summary>
    private static bool CornerCaption(Piece value, PixelBox above)
    {
        var h = value.Box.Height;
        return above.Height < 0.6f * h && above.X0 <= value.Box.X0 + 0.3f * h && above.X1 >= value.Box.X0 - 0.5f * h
            && value.Box.Y0 - above.Y1 < 0.5f * h;
    }

    private static void Name(Piece value, Piece label, string from, IReadOnlyList<Piece> pieces)
    {
        var words = WholeLabel(label, pieces, rightwards: from != "left");
        value.Label = string.Join(' ', words.Select(w => w.Text));
        value.LabelFrom = from;
        foreach (var word in words) word.Used = true;
    }

    /// <summary>
    /// The label with the words the detector boxed apart from it ("Pump" | "Speed"): label pieces on its line a word
    /// gap apart, leftwards (and rightwards when it is a caption above, not a label left of the value).
    /// </summary>
    private static List<Piece> WholeLabel(Piece label, IReadOnlyList<Piece> pieces, bool rightwards)
    {
        var words = new List<Piece> { label };
        var span = label.Box;
        var gap = 0.8f * label.Box.Height;
        while (pieces.FirstOrDefault(p => p.Kind == PieceKind.Label && !p.Used && !words.Contains(p) && span.VerticalOverlap(p.Box) > 0.6f
                   && MathF.Abs(p.Box.Height - label.Box.Height) < 0.4f * label.Box.Height
                   && ((p.Box.X1 <= span.X0 + 2 && span.X0 - p.Box.X1 < gap) || (rightwards && p.Box.X0 >= span.X1 - 2 && p.Box.X0 - span.X1 < gap))) is { } next)
        {
            words.Add(next);
            span = span.Union(next.Box);
        }
        return words.OrderBy(w => w.Box.X0).ToList();
    }
}
