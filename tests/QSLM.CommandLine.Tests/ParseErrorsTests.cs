using System.CommandLine;

namespace QSLM.CommandLine.Tests;

public sealed class ParseErrorsTests
{
    private enum Kernel { Scalar, Vector128 }

    private static RootCommand Root()
    {
        var generate = new Command("generate")
        {
            new Option<int>("--top-k").InRange(0, 1_000_000),
            new Option<int?>("--tokens"),
            new Option<Kernel?>("--kernel"),
        };
        generate.SetAction(_ => 0);
        return new RootCommand { generate };
    }

    private static string Line(params string[] args)
    {
        var parse = Root().Parse(args);
        Assert.True(ParseErrors.Failed(parse));
        using var error = new StringWriter();
        Assert.Equal(ExitCodes.BadInput, ParseErrors.Report(parse, "qslm", error));
        return Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_range_error_is_one_line_with_the_command_to_ask_for_help()
    {
        Assert.Equal("qslm: error: --top-k must be at least 0 and at most 1000000, got -3 (see qslm generate --help)", Line("generate", "--top-k", "-3"));
    }

    [Fact]
    public void A_token_of_the_wrong_type_names_the_option_and_the_range_and_no_dotnet_type()
    {
        Assert.Equal("qslm: error: --top-k must be a whole number at least 0 and at most 1000000, got '1e308' (see qslm generate --help)", Line("generate", "--top-k", "1e308"));
        var nullable = Line("generate", "--tokens", "many");
        Assert.Equal("qslm: error: --tokens must be a whole number from -2147483648 to 2147483647, got 'many' (see qslm generate --help)", nullable);
        Assert.DoesNotContain("System.", nullable);
        Assert.Equal("qslm: error: --kernel must be one of Scalar, Vector128, got 'avx' (see qslm generate --help)", Line("generate", "--kernel", "avx"));
    }

    [Fact]
    public void An_unknown_word_is_named_before_the_missing_command_it_causes()
    {
        Assert.Equal("qslm: error: Unrecognized command or argument 'frob'. (see qslm --help)", Line("frob"));
    }

    [Fact]
    public void Help_is_not_a_failure()
    {
        Assert.False(ParseErrors.Failed(Root().Parse(["generate", "--help"])));
        Assert.False(ParseErrors.Failed(Root().Parse(["generate", "--top-k", "3"])));
    }
}
