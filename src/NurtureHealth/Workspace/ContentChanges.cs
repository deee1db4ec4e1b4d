using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Yaml;

namespace NurtureHealth.Workspace;

/// <summary>
/// The workspace's changes from submitted to published: a change is checked before it is kept (a change with errors is
/// refused, naming them), waits for group marketing, and is written to its file only if that file still reads as it did
/// when the change was written — otherwise it is marked stale rather than undo someone else's edit. Every step is kept.
/// </summary>
public sealed class ContentChanges(IDbContextFactory<NurtureDbContext> databases, ContentFolders folders, TimeProvider clock)
{
    /// <summary>One review at a time: two clicks on Approve, or Approve and Refuse together, must not both act on one change or file.</summary>
    private readonly SemaphoreSlim _reviewing = new(1, 1);

    /// <summary>The folders changes are written to.</summary>
    public ContentFolders Folders => folders;

    /// <summary>Keeps a change for approval, or publishes it at once when <paramref name="publishNow"/> (managers publishing hours directly).</summary>
    /// <exception cref="ChangeRefusedException">Nothing changed, or the change leaves errors in the location's files.</exception>
    public async Task<ContentChange> SubmitAsync(string locationId, string file, string? after, string summary, WorkspacePerson author, bool publishNow, CancellationToken cancellationToken = default)
    {
        var before = folders.Read(file);
        if (before == after)
        {
            throw new ChangeRefusedException("Nothing to submit: the file already reads like this.");
        }

        RefuseErrors(locationId, file, after);
        var change = new ContentChange
        {
            LocationId = locationId,
            File = file,
            Summary = summary,
            Before = before,
            After = after,
            Diff = LineDiff.Of(before, after),
            Status = ChangeStatus.Pending,
            AuthorName = author.Name,
            AuthorId = author.Id,
            AuthorEmail = author.Email,
            CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        db.ContentChanges.Add(change);
        await db.SaveChangesAsync(cancellationToken);
        return publishNow ? await ApproveAsync(change.Id, author, cancellationToken) : change;
    }

    /// <summary>Approves and publishes a pending change; a change whose file has moved on is marked stale instead.</summary>
    /// <exception cref="ChangeRefusedException">Not pending, its content now has errors, or git refused the commit (the file is put back).</exception>
    public async Task<ContentChange> ApproveAsync(long id, WorkspacePerson reviewer, CancellationToken cancellationToken = default)
    {
        await _reviewing.WaitAsync(cancellationToken);
        try
        {
            return await PublishAsync(id, reviewer, cancellationToken);
        }
        finally
        {
            _reviewing.Release();
        }
    }

    private async Task<ContentChange> PublishAsync(long id, WorkspacePerson reviewer, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var change = await db.ContentChanges.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new ChangeRefusedException($"There is no change {id}.");
        if (change.Status != ChangeStatus.Pending)
        {
            throw new ChangeRefusedException($"Change {id} is already {change.Status.ToString().ToLowerInvariant()}.");
        }

        change.ReviewerName = reviewer.Name;
        change.ReviewedAt = clock.GetUtcNow();
        if (folders.Read(change.File) != change.Before)
        {
            change.Status = ChangeStatus.Stale;
            change.Note = $"{change.File} was changed after this change was written, so publishing it would undo that edit; the manager can make it again on the file as it is now.";
            await db.SaveChangesAsync(cancellationToken);
            return change;
        }

        RefuseErrors(change.LocationId, change.File, change.After);
        var path = folders.FullPath(change.File);
        try
        {
            var approval = reviewer.Id == change.AuthorId ? "published directly" : $"approved by {reviewer.Name}";
            change.Commit = ContentPublisher.Publish(path, change.After, change.AuthorName, change.AuthorEmail,
                $"{change.LocationId}: {change.Summary}\n\nChange {change.Id} from the workspace, written by {change.AuthorName}, {approval}.");
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Restore(path, change.Before);
            change.ReviewerName = null;
            change.ReviewedAt = null;
            change.Note = $"Not published: {e.Message}";
            await db.SaveChangesAsync(cancellationToken);
            throw new ChangeRefusedException(change.Note);
        }

        change.Status = ChangeStatus.Published;
        change.Note = null;
        await db.SaveChangesAsync(cancellationToken);
        return change;
    }

    /// <summary>Refuses a pending change with the reviewer's reason.</summary>
    /// <exception cref="ChangeRefusedException">There is no such pending change, or no reason was given.</exception>
    public async Task<ContentChange> RejectAsync(long id, WorkspacePerson reviewer, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ChangeRefusedException("Say why, so the manager knows what to change.");
        }

        await _reviewing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var change = await db.ContentChanges.SingleOrDefaultAsync(c => c.Id == id && c.Status == ChangeStatus.Pending, cancellationToken)
                ?? throw new ChangeRefusedException($"Change {id} is not waiting for approval.");
            change.Status = ChangeStatus.Rejected;
            change.ReviewerName = reviewer.Name;
            change.ReviewedAt = clock.GetUtcNow();
            change.Note = reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
            return change;
        }
        finally
        {
            _reviewing.Release();
        }
    }

    /// <summary>One change.</summary>
    public async Task<ContentChange?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ContentChanges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
    }

    /// <summary>The newest changes, of the given locations only when <paramref name="locations"/> is not null.</summary>
    public async Task<List<ContentChange>> ListAsync(IReadOnlyCollection<string>? locations, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var query = db.ContentChanges.AsNoTracking();
        if (locations is not null)
        {
            query = query.Where(c => locations.Contains(c.LocationId));
        }

        return await query.OrderByDescending(c => c.Id).Take(take).ToListAsync(cancellationToken);
    }

    private void RefuseErrors(string locationId, string file, string? after)
    {
        using var draft = DraftContent.Create(folders, new Dictionary<string, string?> { [file] = after });
        var errors = draft.FindingsFor(locationId).Where(f => f.Severity == FindingSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new ChangeRefusedException("This change would leave errors in the location's files; fix them first.",
                [.. errors.Select(f => $"{f.File} line {f.Line}: {f.Message}")]);
        }
    }

    private static void Restore(string path, string? before)
    {
        if (before is null)
        {
            File.Delete(path);
        }
        else
        {
            File.WriteAllText(path, before);
        }
    }
}
