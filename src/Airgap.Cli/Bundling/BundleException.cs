namespace Airgap.Cli.Bundling;

/// <summary>A bundle that could not be written (a build that failed); reported in one line.</summary>
public sealed class BundleException(string message) : Exception(message);
