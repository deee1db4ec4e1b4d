using System.Text;

namespace NurtureHealth.Workspace;

/// <summary>
/// The lines one text removes and adds compared with another, as reviewers read them: <c>- old</c>, <c>+ new</c>, and two
/// unchanged lines of context around each change (<c>…</c> where unchanged lines are left out).
/// </summary>
public static class LineDiff
{
    private const int Context = 2;

    /// <summary>The diff of <paramref name="before"/> (null: no file) and <paramref name="after"/> (null: deleted).</summary>
    public static string Of(string? before, string? after)
    {
        var a = Lines(before);
        var b = Lines(after);
        var ops = Ops(a, b);
        var keep = new bool[ops.Count];
        for (var i = 0; i < ops.Count; i++)
        {
            if (ops[i].Kind != ' ')
            {
                for (var j = Math.Max(0, i - Context); j <= Math.Min(ops.Count - 1, i + Context); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var text = new StringBuilder();
        var skipped = false;
        for (var i = 0; i < ops.Count; i++)
        {
            if (!keep[i])
            {
                skipped = true;
                continue;
            }

            if (skipped)
            {
                text.Append("…\n");
                skipped = false;
            }

            text.Append(ops[i].Kind).Append(' ').Append(ops[i].Line).Append('\n');
        }

        return skipped && text.Length > 0 ? text.Append("…\n").ToString() : text.ToString();
    }

    private static string[] Lines(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    /// <summary>A shortest edit by the longest common subsequence (files here are short: a few hundred lines at most).</summary>
    private static List<(char Kind, string Line)> Ops(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > 4_000_000)
        {
            return [.. a.Select(l => ('-', l)), .. b.Select(l => ('+', l))]; // too long to compare line by line: all out, all in
        }

        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var ops = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                ops.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || common[x + 1, y] >= common[x, y + 1]))
            {
                ops.Add(('-', a[x++]));
            }
            else
            {
                ops.Add(('+', b[y++]));
            }
        }

        return ops;
    }
}
