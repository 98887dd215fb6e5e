using Airgap.Analytics.LogAnalysis;

namespace Airgap.Analytics.Tests;

public sealed class LogRulesAreOrderedAndChecked : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("airgap-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RulesFile(string json)
    {
        var path = Path.Combine(_dir, "rules.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Theory]
    [InlineData("2024-03-01 10:00:01 ERROR write failed: No space left on device", "critical", "software")]
    [InlineData("Out of memory: Killed process 1234 (java)", "critical", "software")]
    [InlineData("app[77]: segfault at 0 ip 00007f sp 00007ffd error 4", "critical", "software")]
    [InlineData("open /var/lib/x: permission denied", "warning", "user")]
    [InlineData("dial tcp 10.0.0.5:502: connect: connection refused", "warning", "network")]
    [InlineData("read tcp 10.0.0.5:502: connection reset by peer", "warning", "network")]
    [InlineData("lookup historian.local: Temporary failure in name resolution", "warning", "network")]
    [InlineData("TLS handshake error from 10.1.1.1: x509: certificate has expired", "warning", "network")]
    [InlineData("Modbus read timed out after 3000 ms", "warning", "network")]
    [InlineData("Transaction (Process ID 52) was deadlocked on lock resources", "warning", "software")]
    [InlineData("Timeout expired. The timeout period elapsed prior to obtaining a connection from the pool", "warning", "software")]
    [InlineData("ERROR: duplicate key value violates unique constraint \"batch_pkey\"", "warning", "software")]
    [InlineData("Line 3: E-STOP pressed at station 4", "critical", "hardware")]
    [InlineData("Furnace 2 temperature 412C exceeds limit 400C", "critical", "hardware")]
    [InlineData("Hydraulic pressure below limit: 12 bar", "critical", "hardware")]
    [InlineData("Pump P-101 dry run detected", "critical", "hardware")]
    [InlineData("Conveyor motor M3 overload trip", "critical", "hardware")]
    [InlineData("PLC 192.168.0.10 watchdog timeout, CPU in STOP", "critical", "hardware")]
    [InlineData("Sensor TT-204 open circuit", "warning", "hardware")]
    [InlineData("FATAL main thread exited", "critical", "software")]
    [InlineData("WARN queue is 80% full", "warning", "software")]
    [InlineData("INFO batch 42 started", "info", "software")]
    public void Shipped_rules_read_common_equipment_os_network_and_database_errors(string line, string severity, string category)
    {
        var analysis = LogRuleSet.Shipped.Analyze(line, line);

        Assert.Equal((severity, category), (analysis.Severity, analysis.Category));
        Assert.Equal("rules", analysis.Source);
    }

    [Fact]
    public void A_line_no_rule_knows_is_info_and_says_no_rule_matched()
    {
        var analysis = LogRuleSet.Shipped.Analyze("batch 42 of recipe <*> loaded", "batch 42 of recipe 7 loaded");

        Assert.Same(LogRuleSet.NoMatch, analysis);
    }

    [Fact]
    public void A_sites_rules_come_before_the_shipped_ones()
    {
        var path = RulesFile("""
            [ { "pattern": "connection refused", "severity": "info", "category": "user",
                "likely_cause": "the test bench is switched off at night", "suggested_action": "nothing" } ]
            """);

        var rules = LogRuleSet.Load(path);
        var analysis = rules.Analyze("x", "connect to bench-7: connection refused");

        Assert.Equal(1, rules.UserRuleCount);
        Assert.Equal(LogRuleSet.Shipped.Rules.Count + 1, rules.Rules.Count);
        Assert.Equal(("info", "user", "the test bench is switched off at night"), (analysis.Severity, analysis.Category, analysis.LikelyCause));
        Assert.Equal("warning", LogRuleSet.Shipped.Analyze("x", "connect to bench-7: connection refused").Severity);
    }

    [Fact]
    public void An_object_with_a_rules_list_and_comments_is_accepted()
    {
        var rules = LogRuleSet.Load(RulesFile("""
            // our rules
            { "rules": [ { "pattern": "^CAL", "severity": "warning", "category": "hardware", "likely_cause": "c", "suggested_action": "a" }, ] }
            """));

        Assert.Equal("hardware", rules.Analyze("x", "cal due on TT-1").Category);
    }

    [Theory]
    [InlineData("""[ {"pattern": "ok", "severity": "info", "category": "user", "likely_cause": "c", "suggested_action": "a"}, {"pattern": "(unclosed", "severity": "info", "category": "user", "likely_cause": "c", "suggested_action": "a"} ]""",
        "rule [1]: pattern is not a valid regular expression")]
    [InlineData("""[ {"pattern": "x", "severity": "severe", "category": "user", "likely_cause": "c", "suggested_action": "a"} ]""",
        "rule [0]: severity 'severe' is not one of critical, warning, info")]
    [InlineData("""[ {"pattern": "x", "severity": "info", "category": "plant", "likely_cause": "c", "suggested_action": "a"} ]""",
        "rule [0]: category 'plant' is not one of hardware, software, network, user")]
    [InlineData("""[ {"pattern": "x", "severity": "info", "category": "user", "suggested_action": "a"} ]""",
        "rule [0]: likely_cause is missing")]
    [InlineData("""[ {"pattern": "x", "severity": "info", "category": "user", "likely_cause": "", "suggested_action": "a"} ]""",
        "rule [0]: likely_cause must be a non-empty string")]
    [InlineData("""[ {"pattern": "x", "severity": "info", "category": "user", "likely_cause": "c", "suggested_action": "a", "level": 3} ]""",
        "rule [0]: unknown field 'level'")]
    [InlineData("""[ "x" ]""", "rule [0]: must be an object")]
    [InlineData("""{ "pattern": "x" }""", "must be a JSON list of rules")]
    [InlineData("""[ {"pattern": "x",""", "is not valid JSON")]
    public void A_bad_rules_file_is_refused_naming_the_rule_and_the_problem(string json, string problem)
    {
        var path = RulesFile(json);

        var error = Assert.Throws<LogRulesException>(() => LogRuleSet.Load(path));

        Assert.StartsWith($"rules file {path}: ", error.Message);
        Assert.Contains(problem, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_rules_file_is_refused_in_one_line()
    {
        var error = Assert.Throws<LogRulesException>(() => LogRuleSet.Load(Path.Combine(_dir, "absent.json")));

        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void A_pattern_that_runs_past_its_timeout_does_not_match()
    {
        var rules = LogRuleSet.Load(RulesFile("""
            [ { "pattern": "^(a+)+$", "severity": "critical", "category": "user", "likely_cause": "c", "suggested_action": "a" } ]
            """));

        var analysis = rules.Analyze("x", new string('a', 5000) + "!");

        Assert.Equal("info", analysis.Severity);
    }
}
