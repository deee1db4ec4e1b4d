using System.Reflection;
using Fluid;
using Fluid.Ast;

namespace NurtureHealth.Templates;

/// <summary>
/// Checks a parsed Liquid template before any patient sees it: every variable must be part of the
/// template model (or assigned in the template), every filter must exist, and templates may not read
/// other files. Branches are checked whether or not they would run.
/// </summary>
internal sealed class TemplateLinter : AstVisitor
{
    private static readonly Dictionary<string, HashSet<string>> Model = BuildSchema(typeof(MessageModel));
    private readonly TemplateOptions _options;
    private readonly HashSet<string> _extraRoots;
    private readonly HashSet<string> _locals = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly bool _valuesOnly;

    private TemplateLinter(TemplateOptions options, IEnumerable<string> extraRoots, bool valuesOnly = false)
    {
        _options = options;
        _extraRoots = new HashSet<string>(extraRoots, StringComparer.Ordinal);
        _valuesOnly = valuesOnly;
    }

    /// <summary>Every variable a template may use, as <c>root.member</c>.</summary>
    public static IEnumerable<string> KnownVariables => Model.SelectMany(kv => kv.Value.Select(m => $"{kv.Key}.{m}"));

    /// <summary>The problems in a template, as sentences naming the variable or filter.</summary>
    public static IReadOnlyList<string> Check(IFluidTemplate template, TemplateOptions options, params string[] extraRoots)
    {
        var linter = new TemplateLinter(options, extraRoots);
        linter.VisitTemplate(template);
        return linter._problems.Distinct().ToList();
    }

    /// <summary>The problems in a text that may use only the plain values <paramref name="values"/> (the words in <c>templates/_strings/</c>).</summary>
    public static IReadOnlyList<string> CheckNames(IFluidTemplate template, IReadOnlyCollection<string> values)
    {
        var linter = new TemplateLinter(TemplateLibrary.Options, values, valuesOnly: true);
        linter.VisitTemplate(template);
        return linter._problems.Distinct().ToList();
    }

    protected override Statement VisitAssignStatement(AssignStatement assignStatement)
    {
        _locals.Add(assignStatement.Identifier);
        return base.VisitAssignStatement(assignStatement);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        _locals.Add(captureStatement.Identifier);
        return base.VisitCaptureStatement(captureStatement);
    }

    protected override Statement VisitForStatement(ForStatement forStatement)
    {
        _locals.Add(forStatement.Identifier);
        _locals.Add("forloop");
        return base.VisitForStatement(forStatement);
    }

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement)
    {
        _problems.Add("'include' is not allowed: a template cannot read other files");
        return includeStatement;
    }

    protected override Statement VisitRenderStatement(RenderStatement renderStatement)
    {
        _problems.Add("'render' is not allowed: a template cannot read other files");
        return renderStatement;
    }

    protected override Expression VisitFilterExpression(FilterExpression filterExpression)
    {
        if (!_options.Filters.TryGetValue(filterExpression.Name, out _))
        {
            var hint = Yaml.DidYouMean.Closest(filterExpression.Name, _options.Filters.Select(f => f.Key));
            _problems.Add(hint is null ? $"unknown filter '{filterExpression.Name}'" : $"unknown filter '{filterExpression.Name}'; did you mean '{hint}'?");
        }

        return base.VisitFilterExpression(filterExpression);
    }

    protected override Expression VisitMemberExpression(MemberExpression memberExpression)
    {
        var names = memberExpression.Segments.TakeWhile(s => s is IdentifierSegment).Cast<IdentifierSegment>().Select(s => s.Identifier).ToList();
        if (_valuesOnly && names.Count > 0 && !_locals.Contains(names[0]))
        {
            if (!_extraRoots.Contains(names[0]))
            {
                var hint = Yaml.DidYouMean.Closest(names[0], _extraRoots);
                _problems.Add(hint is null ? $"unknown value '{string.Join('.', names)}'" : $"unknown value '{string.Join('.', names)}'; did you mean '{hint}'?");
            }
            else if (names.Count > 1)
            {
                _problems.Add($"'{string.Join('.', names)}': {names[0]} is a single value");
            }

            return base.VisitMemberExpression(memberExpression);
        }

        if (names.Count == 0 || _locals.Contains(names[0]) || _extraRoots.Contains(names[0]))
        {
            return base.VisitMemberExpression(memberExpression);
        }

        var path = string.Join('.', names);
        if (!Model.TryGetValue(names[0], out var members))
        {
            _problems.Add(Unknown(path, names[0], Model.Keys));
        }
        else if (names.Count == 1)
        {
            _problems.Add($"'{path}' is a group of values, not a value; use one of: {string.Join(", ", members.Order().Select(m => $"{path}.{m}"))}");
        }
        else if (!members.Contains(names[1]))
        {
            _problems.Add(Unknown(path, $"{names[0]}.{names[1]}", members.Select(m => $"{names[0]}.{m}")));
        }

        return base.VisitMemberExpression(memberExpression);
    }

    private static string Unknown(string path, string name, IEnumerable<string> known)
    {
        var hint = Yaml.DidYouMean.Closest(name, known);
        return hint is null
            ? $"unknown variable '{path}'; templates can use {string.Join(", ", KnownVariables.Order())}"
            : $"unknown variable '{path}'; did you mean '{hint}'?";
    }

    // Names as Fluid's snake_case member strategy sees them, so the check and the renderer cannot disagree.
    private static Dictionary<string, HashSet<string>> BuildSchema(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(
            p => MemberNameStrategies.SnakeCase(p),
            p => p.PropertyType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(m => MemberNameStrategies.SnakeCase(m)).ToHashSet(StringComparer.Ordinal),
            StringComparer.Ordinal);
}
