namespace Airgap.Analytics.Vision.Reading;

/// <summary>
/// Where two detected lines overlap on one number ("26.8" and "3Hz", the tail of the 8 read again with the unit), the
/// smaller is a fragment: it is dropped, and a unit it carried goes to the number it overlapped. A number inside a
/// unit's box is a sign of that unit read alone (the ring of °C as 0).
/// </summary>
public static class NumberFragments
{
    public static void Drop(List<Piece> pieces)
    {
        var values = pieces.Where(p => p.Kind == PieceKind.Value).OrderByDescending(p => p.Box.Width * p.Box.Height).ToList();
        foreach (var degreeRing in values.Where(v => pieces.Any(u => u.Kind == PieceKind.Unit && u.Box.Height > v.Box.Height && u.Box.Containment(v.Box) > 0.8f)))
            degreeRing.Kind = PieceKind.Ignored;
        foreach (var small in values.AsEnumerable().Reverse().Where(v => v.Kind == PieceKind.Value))
        {
            var whole = values.FirstOrDefault(v => v != small && v.Kind == PieceKind.Value && v.Box.Width * v.Box.Height > small.Box.Width * small.Box.Height
                && v.Box.VerticalOverlap(small.Box) > 0.5f && v.Box.HorizontalOverlap(small.Box) > 0.2f);
            if (whole is null) continue;
            // The unlit digits of a meter read as 8s beside its lit ones (which stick out past them, unlike a fragment of
            // the number's own tail): the ghosts go, the reading stays.
            if (SegmentMerge.AllEights(whole.Shown) && !SegmentMerge.AllEights(small.Shown) && (small.Box.X1 > whole.Box.X1 || small.Box.X0 < whole.Box.X0))
            {
                whole.Kind = PieceKind.Ignored;
                if (small.Unit.Length == 0) small.Unit = whole.Unit;
                continue;
            }
            if (whole.Unit.Length == 0) whole.Unit = small.Unit;
            small.Kind = PieceKind.Ignored;
        }
    }
}
