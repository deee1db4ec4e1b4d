namespace NurtureHealth.Leads;

/// <summary>Told when an import has stored leads, so later stages can look sooner than their next scheduled run.</summary>
public interface IImportListener
{
    /// <summary>Called after an import committed.</summary>
    Task ImportedAsync(ImportReport report, CancellationToken cancellationToken);
}
