namespace Airgap.Analytics.Anomaly;

/// <summary>A detector parameter that is unknown or out of range: `parameter NAME: problem`, one line, the name in <see cref="ArgumentException.ParamName"/>.</summary>
public sealed class AnomalyParameterException(string parameter, string problem) : ArgumentException(null, parameter)
{
    public override string Message => $"parameter {ParamName}: {problem}";
}
