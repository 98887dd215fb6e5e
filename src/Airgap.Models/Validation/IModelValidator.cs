namespace Airgap.Models.Validation;

/// <summary>What validating a model file found.</summary>
public sealed record ModelValidation(string? Quantization, long? ParameterCount, string MetadataJson, string Summary);

/// <summary>A check that a model file is usable; throws <see cref="ModelValidationException"/> when it is not.</summary>
public interface IModelValidator
{
    /// <summary>Validates the file at <paramref name="path"/> of the given format.</summary>
    Task<ModelValidation> ValidateAsync(string path, string format, CancellationToken cancellationToken);

    /// <summary>
    /// Validates a GGUF language model together with its vision projector at <paramref name="projectorPath"/> (the
    /// pair must load and see an image); without a projector, the same as the check above.
    /// </summary>
    Task<ModelValidation> ValidateAsync(string path, string format, string? projectorPath, CancellationToken cancellationToken) =>
        projectorPath is null
            ? ValidateAsync(path, format, cancellationToken)
            : throw new ModelValidationException("this validator cannot check a vision projector");
}

/// <summary>A model file failed validation; the message says which check and why.</summary>
public sealed class ModelValidationException(string message) : Exception(message);
