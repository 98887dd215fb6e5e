using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Airgap.Server.Hosting;

namespace Airgap.Cli.Output;

/// <summary>
/// A command line that does not parse, said in one line for people: the first problem, the nearest option for a typo,
/// and no .NET type names (System.CommandLine's own text says "expected type 'System.Int32'" and prints the whole help).
/// </summary>
public static partial class UsageError
{
    /// <summary>The exit code of a command line that does not parse (1 is a refusal or a failure, 0 success).</summary>
    public const int ExitCode = 2;

    /// <summary>One line describing the first parse error of <paramref name="parse"/>.</summary>
    public static string Describe(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = string.Join(' ', Ancestry(parse.CommandResult).Reverse());
        // "improt x" gives "command not provided" first; the unrecognized word is the mistake to name.
        var message = Whitespace().Replace((parse.Errors.FirstOrDefault(e => Unrecognized().IsMatch(e.Message)) ?? parse.Errors[0]).Message, " ");
        var hint = $"run '{path} --help'";
        if (Unrecognized().Match(message) is { Success: true } unknown)
        {
            var token = unknown.Groups[1].Value;
            var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name))
                .Concat(command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            var nearest = names.Select(n => (Name: n, Distance: SettingCatalog.Distance(token, n)))
                .Where(x => x.Distance <= 2).OrderBy(x => x.Distance).FirstOrDefault().Name;
            var what = token.StartsWith('-') ? "unknown option" : command.Subcommands.Count > 0 ? "unknown command" : "unexpected argument";
            return nearest is null ? $"{what} '{token}' for '{path}'; {hint}" : $"{what} '{token}' for '{path}'; did you mean '{nearest}'?";
        }
        if (CannotParse().Match(message) is { Success: true } value)
        {
            var kind = value.Groups[3].Value.Contains("Int", StringComparison.Ordinal) ? " (a whole number)" : "";
            return $"'{value.Groups[1].Value}' is not a valid value for {value.Groups[2].Value}{kind}";
        }
        if (MissingArgument().IsMatch(message) && command.Arguments.FirstOrDefault(a => a.Arity.MinimumNumberOfValues > 0) is { } argument)
            return $"missing {argument.Name} for '{path}'; {hint}";
        return $"{message.TrimEnd('.')}; {hint}";
    }

    /// <summary>Refuses a value of <paramref name="argument"/> that looks like an option (`airgap pull --bogus`): an unknown option, not a bad name.</summary>
    public static T RefusingOptions<T>(this T argument) where T : Argument
    {
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => t.Value.Length > 1 && t.Value[0] == '-' && (char.IsLetter(t.Value[1]) || t.Value[1] == '-')) is { } token)
                result.AddError($"Unrecognized command or argument '{token.Value}'.");
        });
        return argument;
    }

    private static IEnumerable<string> Ancestry(SymbolResult? result)
    {
        for (; result is not null; result = result.Parent)
        {
            if (result is CommandResult c) yield return c.Command is RootCommand ? "airgap" : c.Command.Name;
        }
    }

    [GeneratedRegex("^Unrecognized command or argument '(.*)'\\.?$")]
    private static partial Regex Unrecognized();

    // "Must be one of:\n\t'json'": one line.
    [GeneratedRegex("\\s*\\n\\s*")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^Required argument missing for command: '.*'\\.?$")]
    private static partial Regex MissingArgument();

    [GeneratedRegex("^Cannot parse argument '(.*)' for (?:option|command) '(.*)' as expected type '(.*)'\\.?$")]
    private static partial Regex CannotParse();
}
