using Airgap.Analytics.Vision.Reading;

namespace Airgap.Analytics.Tests.Vision.Reading;

public class ProfilesCheckLimitsAndNames
{
    private static readonly DisplayProfile Boiler = new([
        new ExpectedParameter("Steam Pressure", "bar", Max: 10.5),
        new ExpectedParameter("Drum Level", "%", Min: 20, Max: 80, Aliases: ["LT-102"]),
    ]);

    private static DisplayValue Value(string name, double value, string unit) => new(name, value, unit, value.ToString(System.Globalization.CultureInfo.InvariantCulture), 0.9, [0, 0, 1, 1]);

    [Fact]
    public void A_value_outside_its_limit_becomes_a_warning_that_says_which_limit()
    {
        var (_, warnings) = ProfileCheck.Apply(Boiler, [Value("Steam Pressure", 11.2, "bar"), Value("Drum Level", 12.5, "%")]);

        Assert.Equal(["Steam Pressure 11.2 bar above limit 10.5", "Drum Level 12.5 % below limit 20"], warnings);
    }

    [Fact]
    public void A_limit_is_compared_only_with_a_reading_in_the_same_unit()
    {
        var (_, warnings) = ProfileCheck.Apply(Boiler, [Value("Steam Pressure", 150, "psi"), Value("Drum Level", 85, "")]);

        Assert.Equal(["Drum Level 85 % above limit 80"], warnings);
    }

    [Fact]
    public void A_name_read_close_to_an_expected_one_or_its_alias_takes_the_expected_spelling_and_unit()
    {
        var (values, warnings) = ProfileCheck.Apply(Boiler, [Value("Steam Pressurc", 9.8, ""), Value("LT-102", 50, "%"), Value("Flue Gas Temp", 170, "°C")]);

        Assert.Equal([("Steam Pressure", "bar"), ("Drum Level", "%"), ("Flue Gas Temp", "°C")], values.Select(v => (v.Name, v.Unit)));
        Assert.Empty(warnings);
    }

    [Fact]
    public void A_profile_without_names_or_with_limits_the_wrong_way_round_is_refused_by_field()
    {
        var unnamed = Assert.Throws<InvalidDataException>(() => DisplayProfile.Validate(new DisplayProfile([new ExpectedParameter("")]), "profile"));
        var reversed = Assert.Throws<InvalidDataException>(() => DisplayProfile.Validate(new DisplayProfile([new ExpectedParameter("Level", Min: 90, Max: 10)]), "profile"));

        var emptyAlias = Assert.Throws<InvalidDataException>(() => DisplayProfile.Validate(new DisplayProfile([new ExpectedParameter("Level", Aliases: [null!])]), "profile"));
        var tooMany = Assert.Throws<InvalidDataException>(() => DisplayProfile.Validate(new DisplayProfile(
            [.. Enumerable.Range(0, DisplayProfile.MaxParameters + 1).Select(i => new ExpectedParameter($"P{i}"))]), "profile"));

        Assert.Equal("profile: parameters[0] (Level): an alias is empty", emptyAlias.Message);
        Assert.Equal($"profile: {DisplayProfile.MaxParameters + 1} parameters, more than {DisplayProfile.MaxParameters}", tooMany.Message);
        Assert.Equal("profile: parameters[0].name is missing", unnamed.Message);
        Assert.Equal("profile: parameters[0] (Level): min 90 is above max 10", reversed.Message);
    }
}
