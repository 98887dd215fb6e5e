using Microsoft.Extensions.Options;

namespace Airgap.Server.Hosting;

/// <summary>The source-generated check of <see cref="AirgapOptions"/>: range attributes, nested inference limits, addresses.</summary>
[OptionsValidator]
public sealed partial class AirgapOptionsValidator : IValidateOptions<AirgapOptions>;
