using System.Reflection;
using System.Reflection.Emit;

namespace NurtureHealth.Tests.Architecture;

/// <summary>
/// Which folder of the library uses which, read from the compiled assembly: every type's base, interfaces, fields,
/// properties, method and constructor signatures, attributes, and every type, method and field its IL refers to
/// (compiler-made closures and state machines count for the type they are nested in).
/// </summary>
internal static class FolderGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Each folder (the namespace's first part under <c>NurtureHealth</c>; the root is "") and the types by which it uses each other folder.</summary>
    public static Dictionary<(string From, string To), SortedSet<string>> Read(Assembly assembly)
    {
        var edges = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var type in assembly.GetTypes())
        {
            var from = Folder(type);
            if (from is null || from == "Storage.Migrations")
            {
                continue;
            }

            foreach (var used in Uses(type).Where(t => t.Assembly == assembly))
            {
                if (Folder(used) is { } to && to != from && to != "Storage.Migrations")
                {
                    var key = (from, to);
                    if (!edges.TryGetValue(key, out var by))
                    {
                        edges[key] = by = [];
                    }

                    by.Add($"{Outer(type).Name} → {Outer(used).Name}");
                }
            }
        }

        return edges;
    }

    /// <summary>The folder of a type: <c>NurtureHealth.Messaging.Sms</c> is Messaging; generated types without a namespace are none.</summary>
    public static string? Folder(Type type)
    {
        var ns = Outer(type).Namespace;
        if (ns is null || !(ns == "NurtureHealth" || ns.StartsWith("NurtureHealth.", StringComparison.Ordinal)))
        {
            return null;
        }

        var parts = ns.Split('.');
        return parts.Length == 1 ? "" : parts[1] == "Storage" && parts.Length > 2 && parts[2] == "Migrations" ? "Storage.Migrations" : parts[1];
    }

    private static Type Outer(Type type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    private static IEnumerable<Type> Uses(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        if (type.BaseType is { } b)
        {
            found.Add(b);
        }

        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        found.AddRange(type.GetFields(all).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(method.GetCustomAttributesData().Select(a => a.AttributeType));
            found.AddRange(FromBody(method));
        }

        return found.SelectMany(Unwrap).Distinct();
    }

    /// <summary>A type and every type in it: element types and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var inner in Unwrap(type.GetElementType()!))
            {
                yield return inner;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }

    /// <summary>The types a method body refers to: the operands of its IL that are tokens (types, methods, fields).</summary>
    private static IEnumerable<Type> FromBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        Type[]? typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        Type[]? methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var code = il[i] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[i + 1])] : OpCodesByValue[il[i]];
            i += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok:
                    var member = module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    switch (member)
                    {
                        case Type t:
                            yield return t;
                            break;
                        case MethodBase m:
                            yield return m.DeclaringType!;
                            if (m is MethodInfo mi)
                            {
                                yield return mi.ReturnType;
                                if (mi.IsGenericMethod)
                                {
                                    foreach (var a in mi.GetGenericArguments())
                                    {
                                        yield return a;
                                    }
                                }
                            }

                            foreach (var p in m.GetParameters())
                            {
                                yield return p.ParameterType;
                            }

                            break;
                        case FieldInfo f:
                            yield return f.DeclaringType!;
                            yield return f.FieldType;
                            break;
                    }

                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + (4 * BitConverter.ToInt32(il, i));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default:
                    i += 4; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
                    break;
            }
        }
    }
}
