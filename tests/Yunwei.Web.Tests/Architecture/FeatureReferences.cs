using System.Reflection;
using System.Reflection.Emit;

namespace Yunwei.Web.Tests.Architecture;

/// <summary>
/// Which feature folder of the compiled app uses which other one: every type of
/// <c>Yunwei.Web.Features.X</c> (pages, handlers, their lambdas and state machines) is read for the
/// types it names in its fields, signatures and base types, and in the instructions of its methods.
/// </summary>
internal static class FeatureReferences
{
    private const string Prefix = "Yunwei.Web.Features.";

    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    /// <summary>The feature a type belongs to (its namespace's first segment after Features), or null.</summary>
    public static string? FeatureOf(Type? type)
    {
        while (type is { IsNested: true })
        {
            type = type.DeclaringType;
        }

        var ns = type?.Namespace;
        if (ns is null || !ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[Prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Every use of one feature by another: (from, to) → an example "Type → Type".</summary>
    public static Dictionary<(string From, string To), string> Find(Assembly assembly)
    {
        var found = new Dictionary<(string, string), string>();
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } from)
            {
                continue;
            }

            foreach (var used in Used(type))
            {
                if (FeatureOf(used) is { } to && to != from)
                {
                    found.TryAdd((from, to), $"{Name(type)} uses {Name(used)}");
                }
            }
        }

        return found;
    }

    private static string Name(Type type) => type.IsNested ? Name(type.DeclaringType!) : type.Name;

    private static IEnumerable<Type> Used(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }

        foreach (var face in type.GetInterfaces())
        {
            yield return face;
        }

        foreach (var field in type.GetFields(all))
        {
            foreach (var t in Expand(field.FieldType))
            {
                yield return t;
            }
        }

        foreach (var property in type.GetProperties(all))
        {
            foreach (var t in Expand(property.PropertyType))
            {
                yield return t;
            }
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                foreach (var t in Expand(info.ReturnType))
                {
                    yield return t;
                }
            }

            foreach (var parameter in method.GetParameters())
            {
                foreach (var t in Expand(parameter.ParameterType))
                {
                    yield return t;
                }
            }

            foreach (var t in InBody(method))
            {
                yield return t;
            }
        }
    }

    /// <summary>A type with its element and generic arguments (List&lt;FaultRow&gt; names FaultRow).</summary>
    private static IEnumerable<Type> Expand(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var t in Expand(type.GetElementType()!))
            {
                yield return t;
            }

            yield break;
        }

        yield return type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var t in Expand(argument))
                {
                    yield return t;
                }
            }
        }
    }

    /// <summary>The types a method's instructions name: calls, fields, casts, allocations, typeof.</summary>
    private static IEnumerable<Type> InBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var operand = Operands[value];
            switch (operand)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    MemberInfo? member = null;
                    try
                    {
                        member = module.ResolveMember(token, typeArguments, methodArguments);
                    }
                    catch (ArgumentException)
                    {
                        // A member of another assembly that is not loaded: not a feature of this one.
                    }

                    if (member is Type t)
                    {
                        foreach (var e in Expand(t))
                        {
                            yield return e;
                        }
                    }
                    else if (member?.DeclaringType is { } declaring)
                    {
                        foreach (var e in Expand(declaring))
                        {
                            yield return e;
                        }

                        if (member is MethodInfo { IsGenericMethod: true } generic)
                        {
                            foreach (var e in generic.GetGenericArguments().SelectMany(Expand))
                            {
                                yield return e;
                            }
                        }
                    }

                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }
}
