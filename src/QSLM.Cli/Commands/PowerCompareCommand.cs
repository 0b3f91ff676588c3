using System.CommandLine;
using QSLM.Cli.Rendering;
using QSLM.CommandLine;
using QSLM.Errors;
using QSLM.Sensors.Export;
using QSLM.Sensors.Statistics;

namespace QSLM.Cli.Commands;

/// <summary><c>qslm power compare A.csv B.csv</c>: per-window means compared with a bootstrap confidence interval.</summary>
internal static class PowerCompareCommand
{
    public static Command Create()
    {
        var a = new Argument<string>("a") { Description = "Sample CSV of candidate A (the reference)." }.NotAFolder();
        var b = new Argument<string>("b") { Description = "Sample CSV of candidate B." }.NotAFolder();
        var window = new Option<double>("--window-seconds") { Description = "Window length; each complete window's mean power is one value (MLPerf Tiny: at least 10 s).", DefaultValueFactory = _ => 10 }.AboveZero(86_400.0, "s");
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => 6 };
        var resamples = new Option<int>("--resamples") { Description = "Bootstrap resamples.", DefaultValueFactory = _ => 10_000 }.InRange(100, 1_000_000);
        var claim = new Option<string?>("--claim") { Description = "A claimed difference of B against A to test, e.g. -20% (B draws at least 20% less): supported only when the whole 95% interval lies beyond it." };
        claim.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0) return;
            try
            {
                ParseRelative(result.Tokens[^1].Value);
            }
            catch (InputException e)
            {
                result.AddError(e.Message);
            }
        });
        var command = new Command("compare", "Compare two candidates' power: mean and median per window, the 95% confidence interval of the relative difference, or 'not distinguishable'; with --claim, whether the measurements support a claimed saving.") { a, b, window, seed, resamples, claim };
        command.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var seconds = parse.GetValue(window);
            if (!(seconds > 0)) throw new InputException("--window-seconds must be positive");
            var pathA = parse.GetValue(a)!;
            var pathB = parse.GetValue(b)!;
            var result = WindowedComparison.Compare(Path.GetFileName(pathA), ReadCsv(pathA), Path.GetFileName(pathB), ReadCsv(pathB), TimeSpan.FromSeconds(seconds),
                new ComparisonOptions { Seed = parse.GetValue(seed), Resamples = parse.GetValue(resamples), Claim = parse.GetValue(claim) is { } c ? ParseRelative(c) : null });
            Terminal.WriteLine(result.Summary());
            return CommandRunner.Success;
        }, usesTorch: false));
        return command;
    }

    /// <summary>The largest relative difference a claim may state: +1000% (B draws eleven times A).
    /// Below, a claim cannot go past −100% (B drawing nothing).</summary>
    public const double MaxClaim = 10;

    /// <summary>"-20%" or "-0.2" as −0.2; a difference outside −100%..+1000% (exclusive of −100%) or of zero is refused.</summary>
    internal static double ParseRelative(string text)
    {
        var t = text.Trim();
        var percent = t.EndsWith('%');
        if (!double.TryParse(percent ? t[..^1] : t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value == 0)
            throw new InputException($"--claim '{text}' is not a non-zero relative difference such as -20% or -0.2");
        var relative = percent ? value / 100 : value;
        if (!(relative > -1 && relative <= MaxClaim))
            throw new InputException($"--claim '{text}' is outside -100%..+1000%: a candidate cannot draw less than nothing, and a claim above +1000% is a typo");
        return relative;
    }

    private static IReadOnlyList<QSLM.Sensors.Board.PowerReading> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        try
        {
            return SampleCsv.Read(reader, path);
        }
        catch (FormatException e)
        {
            throw new InputException(e.Message, e);
        }
    }
}
