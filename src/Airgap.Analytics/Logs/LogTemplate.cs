namespace Airgap.Analytics.Logs;

/// <summary>A mined template: its stable id, its text with `&lt;*&gt;` for the variable parts, and how often and where it was seen.</summary>
/// <param name="Id">Stable id (1, 2, …); printed as E1, E2, … in Loghub's shape.</param>
/// <param name="Text">The template, e.g. `Received block blk_&lt;*&gt; of size &lt;*&gt; from /&lt;*&gt;`.</param>
/// <param name="Count">Lines of this template.</param>
/// <param name="FirstSeen">Line number (from 1, across every line the miner was given) of the first line of it.</param>
/// <param name="LastSeen">Line number of the latest line of it.</param>
/// <param name="Example">The content of its first line.</param>
public sealed record LogTemplate(int Id, string Text, long Count, long FirstSeen, long LastSeen, string Example);
