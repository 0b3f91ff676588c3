using QSLM.Errors;
using QSLM.Farm.Lava;
using YamlDotNet.RepresentationModel;

namespace QSLM.Farm.Tests.Lava;

/// <summary>Job definitions written from the template of their device type.</summary>
public sealed class JobDefinitionTests : IDisposable
{
    private readonly TemporaryFolder _temp = new("qslm-lava-templates-");

    public void Dispose() => _temp.Dispose();

    private static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Scalar(YamlNode node, params string[] path)
    {
        foreach (var key in path) node = ((YamlMappingNode)node)[key];
        return ((YamlScalarNode)node).Value!;
    }

    [Fact]
    public void The_ssh_template_gives_a_job_with_its_name_type_tags_timeouts_and_every_step_as_written()
    {
        string[] steps = ["QSLM_WORK=$(mktemp -d)", "sh \"$QSLM_WORK/qslm-board.sh\" 'http://127.0.0.1:1/x' \"$QSLM_WORK\" 'a.qslm' 0f fraction"];

        var job = Parse(JobDefinition.Write("ssh", "qslm qualify a.qslm, it's b", ["qslm-ssh-02"], 7, steps));

        Assert.Equal("ssh", Scalar(job, "device_type"));
        Assert.Equal("qslm qualify a.qslm, it's b", Scalar(job, "job_name"));
        Assert.Equal(["qslm-ssh-02"], ((YamlSequenceNode)job["tags"]).Select(n => ((YamlScalarNode)n).Value));
        Assert.Equal("17", Scalar(job, "timeouts", "job", "minutes"));
        var actions = (YamlSequenceNode)job["actions"];
        Assert.Equal("ssh", Scalar(actions[0], "deploy", "to"));
        Assert.Equal("ssh", Scalar(actions[1], "boot", "method"));
        var test = (YamlMappingNode)((YamlMappingNode)actions[2])["test"];
        Assert.Equal("7", Scalar(test, "timeout", "minutes"));
        var definition = (YamlMappingNode)((YamlSequenceNode)test["definitions"])[0];
        var written = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)definition["repository"])["run"])["steps"];
        Assert.Equal(steps, written.Select(n => ((YamlScalarNode)n).Value));
    }

    [Fact]
    public void A_job_carries_no_secret_only_what_it_was_given()
    {
        var yaml = JobDefinition.Write("ssh", "name", [], 5, ["true"]);

        Assert.DoesNotContain("token", yaml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("{{", yaml);
    }

    [Fact]
    public void A_device_type_without_a_template_is_refused_naming_the_ones_there_are()
    {
        var e = Assert.Throws<InputException>(() => JobDefinition.Write("jetson-orin-nano", "n", [], 5, ["true"]));

        Assert.Contains("no LAVA job template for device type 'jetson-orin-nano'", e.Message);
        Assert.Contains("built in: ssh", e.Message);
    }

    [Fact]
    public void A_templates_folder_overrides_the_built_in_one_and_a_template_lacking_a_placeholder_is_refused()
    {
        var builtIn = JobDefinition.Template("ssh");
        File.WriteAllText(_temp.File("ssh.yaml"), builtIn.Replace("priority: medium", "priority: high", StringComparison.Ordinal));
        Assert.Contains("priority: high", JobDefinition.Write("ssh", "n", [], 5, ["true"], _temp.Path));

        File.WriteAllText(_temp.File("ssh.yaml"), builtIn.Replace("{{tags}}", "[]", StringComparison.Ordinal));
        var e = Assert.Throws<InputException>(() => JobDefinition.Write("ssh", "n", [], 5, ["true"], _temp.Path));
        Assert.Contains("lacks {{tags}}", e.Message);
    }

    [Fact]
    public void A_step_with_a_line_break_is_refused_since_it_would_end_the_step()
    {
        Assert.Throws<ArgumentException>(() => JobDefinition.Write("ssh", "n", [], 5, ["echo a\necho b"]));
    }
}
