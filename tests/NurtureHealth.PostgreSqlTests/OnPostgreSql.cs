using System.Runtime.CompilerServices;
using NurtureHealth.Storage;

namespace NurtureHealth.Tests;

/// <summary>Every <see cref="NurtureServices"/> in this assembly runs on a database of its own on the test PostgreSQL server.</summary>
internal static class OnPostgreSql
{
    [ModuleInitializer]
    internal static void Choose() => TestStorage.Provider = StorageProvider.PostgreSql;
}
