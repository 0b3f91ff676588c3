using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace QSLM.Cli.Tests;

/// <summary>What ships: every project under <c>src/</c> but the benchmarks is a product assembly, and none
/// carries test or benchmark scaffolding. The assemblies are read from the test's folder (the CLI references
/// every one of them, directly or not) as metadata, without loading them.</summary>
public sealed partial class ProductAssembliesTests
{
    /// <summary>The one project that holds scaffolding: what <c>qslm bench</c> measures with.</summary>
    private const string Benchmarks = "QSLM.Benchmarks";

    private static readonly string[] ScaffoldingTypes =
        ["LoopbackSshd", "DeployBenchmark", "SerialEfficiency", "TraceSensor", "ReportComparison", "ManualTimeProvider", "MonotonicTime"];

    private static readonly string[] ScaffoldingMethods = ["PlainUploadAsync", "PreparePlainUploadAsync", "ForgetModelAsync"];

    public static TheoryData<string> ProductAssemblies() => [.. ProductAssemblyNames()];

    private static List<string> ProductAssemblyNames()
    {
        var names = new List<string>();
        foreach (var project in Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            if (name == Benchmarks) continue;
            var declared = AssemblyNamePattern().Match(File.ReadAllText(project));
            names.Add(declared.Success ? declared.Groups[1].Value : name);
        }
        return names;
    }

    [Fact]
    public void Every_source_project_but_the_benchmarks_is_checked()
    {
        var names = ProductAssemblyNames();
        Assert.Contains("qslm", names);
        Assert.Contains("qslm-agent", names);
        Assert.Contains("QSLM.Boards", names);
        Assert.DoesNotContain(Benchmarks, names);
    }

    [Theory]
    [MemberData(nameof(ProductAssemblies))]
    public void A_product_assembly_holds_no_test_or_benchmark_scaffolding(string assembly)
    {
        var path = Path.Combine(AppContext.BaseDirectory, assembly + ".dll");
        Assert.True(File.Exists(path), $"{path} is missing: the CLI's tests must see every product assembly");
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var types = metadata.TypeDefinitions.Select(h => metadata.GetString(metadata.GetTypeDefinition(h).Name).Split('`')[0]);
        Assert.Empty(types.Intersect(ScaffoldingTypes));
        var methods = metadata.MethodDefinitions
            .Select(metadata.GetMethodDefinition)
            .Where(m => (m.Attributes & MethodAttributes.MemberAccessMask) is MethodAttributes.Public or MethodAttributes.Assembly or MethodAttributes.FamORAssem)
            .Select(m => metadata.GetString(m.Name));
        Assert.Empty(methods.Intersect(ScaffoldingMethods));
    }

    [GeneratedRegex("<AssemblyName>([^<]+)</AssemblyName>")]
    private static partial Regex AssemblyNamePattern();
}
