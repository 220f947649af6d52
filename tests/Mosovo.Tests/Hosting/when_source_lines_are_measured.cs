using System.Globalization;

namespace Mosovo.Tests.Hosting;

/// <summary>
/// Lines are at most 120 characters (.editorconfig). Older files still hold longer ones, rewrapped a few at a time:
/// long-lines-baseline.txt, beside this file, says how many each file may keep (<c>&lt;count&gt; &lt;path&gt;</c>,
/// one line per file; a file not listed may keep none), and its numbers only go down. The files are read from the
/// source tree, not copied to the test's output. After merging branches, regenerate it from the repository root:
/// <code>
/// find src tests build \( -name bin -o -name obj -o -name '.*' -o -path src/Mosovo.Api/Internal/Generated \) \
///   -prune -o -name '*.cs' -print | LC_ALL=C.UTF-8 xargs grep -c -H '.\{121\}' \
///   | awk -F: '$2 > 0 { print $2, $1 }' | LC_ALL=C sort -k2 > tests/Mosovo.Tests/Hosting/long-lines-baseline.txt
/// </code>
/// </summary>
public sealed class when_source_lines_are_measured
{
    private const int MaxLength = 120;
    private const string BaselinePath = "tests/Mosovo.Tests/Hosting/long-lines-baseline.txt";
    private const string Generated = "src/Mosovo.Api/Internal/Generated";
    private static readonly string[] Measured = ["src", "tests", "build"];
    private static readonly string[] SkippedFolders = ["bin", "obj"];

    [Fact]
    public void no_source_file_has_more_lines_over_120_characters_than_its_baseline()
    {
        var root = RepositoryRoot();
        var (baseline, problems) = ReadBaseline(Path.Combine(root, BaselinePath));
        var counts = Measured
            .Select(folder => Path.Combine(root, folder))
            .Where(Directory.Exists)
            .SelectMany(folder => SourceFiles(root, folder))
            .ToDictionary(file => file, file => LongLines(Path.Combine(root, file)), StringComparer.Ordinal);

        foreach (var (file, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var allowed = baseline.GetValueOrDefault(file);
            if (count > allowed)
            {
                problems.Add($"{file} has {Lines(count)} over {MaxLength} characters; {BaselinePath} allows "
                    + $"{allowed}. Wrap the lines you added or changed.");
            }
            else if (count < allowed)
            {
                problems.Add($"{file} has {Lines(count)} over {MaxLength} characters, fewer than the {allowed} in "
                    + $"{BaselinePath}: lower its number to {count}" + (count == 0 ? " (remove its line)." : "."));
            }
        }

        foreach (var file in baseline.Keys.Where(f => !counts.ContainsKey(f)).Order(StringComparer.Ordinal))
            problems.Add($"{file} is listed in {BaselinePath} but is not measured (gone or moved): remove its line.");

        if (problems.Count > 0)
            Assert.Fail(string.Join(Environment.NewLine, problems));
    }

    /// <summary>The folder holding Mosovo.sln, above the test's output folder.</summary>
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Mosovo.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException(
            $"No folder above {AppContext.BaseDirectory} holds Mosovo.sln: the test reads the source tree it was "
            + "built from.");
    }

    /// <summary>Paths relative to the root, with forward slashes, of the .cs files a developer writes.</summary>
    private static IEnumerable<string> SourceFiles(string root, string folder)
    {
        var name = Path.GetFileName(folder);
        if (Relative(root, folder) == Generated || SkippedFolders.Contains(name, StringComparer.Ordinal)
            || name.StartsWith('.'))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.cs")
            .Where(file => !Path.GetFileName(file).StartsWith('.'))
            .Select(file => Relative(root, file))
            .Concat(Directory.EnumerateDirectories(folder).SelectMany(sub => SourceFiles(root, sub)));
    }

    private static string Lines(int count) => count == 1 ? "1 line" : $"{count} lines";

    private static string Relative(string root, string path) =>
        Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>
    /// Lines longer than the limit, in characters (Unicode scalar values, as an editor counts columns).
    /// </summary>
    private static int LongLines(string file) =>
        File.ReadLines(file).Count(line => line.Length > MaxLength && line.EnumerateRunes().Count() > MaxLength);

    private static (Dictionary<string, int> Baseline, List<string> Problems) ReadBaseline(string path)
    {
        var baseline = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
                continue;
            var parts = line.Split(' ', 2);
            if (parts.Length != 2
                || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                problems.Add($"{BaselinePath}:{number} is not '<count> <path>': {line}");
            }
            else if (!baseline.TryAdd(parts[1], count))
            {
                problems.Add($"{BaselinePath}:{number} lists {parts[1]} a second time.");
            }
        }

        return (baseline, problems);
    }
}
