using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NurtureHealth.Privacy;

namespace NurtureHealth.Host.Commands;

/// <summary>
/// <c>nurture forget --email X | --phone Y</c>: a person's request to be erased. Their personal data goes everywhere;
/// the keyed hash of each address stays on the suppression list; an audit row names them by hash only.
/// </summary>
internal static class ForgetCommand
{
    public static Command Create()
    {
        var email = new Option<string?>("--email") { Description = "The person's email address.", HelpName = "EMAIL" };
        var phone = new Option<string?>("--phone") { Description = "The person's phone number (any common format; US numbers without +1 are fine).", HelpName = "PHONE" };
        var by = new Option<string?>("--by") { Description = "Who asked or approved, for the audit row (default: this machine's user name).", HelpName = "NAME" };
        var database = CommonOptions.Database();
        var command = new Command("forget", "Erase a person's personal data everywhere (database, rejected records, file outbox) and never message them again.")
        {
            email, phone, by, database,
        };
        command.SetAction((result, cancellationToken) => ToolHost.RunAsync(
            CommonOptions.Overrides(result, null, database),
            needsDatabase: false,
            async (services, ct) =>
            {
                var (address, number, error) = Forgetting.Normalize(result.GetValue(email), result.GetValue(phone));
                if (error is not null || (address is null && number is null))
                {
                    await Console.Error.WriteLineAsync(error is not null
                        ? $"Nothing was erased: {error}."
                        : "Nothing was erased: give the person's address with --email <EMAIL>, or their number with --phone <PHONE>, or both.");
                    return ToolHost.ConfigurationError;
                }

                if (await ToolHost.RequireExistingDatabaseAsync(services, ct) is { } missing)
                {
                    return missing;
                }

                if (!services.GetRequiredService<Leads.AddressHasher>().HasKey)
                {
                    await Console.Error.WriteLineAsync("Nothing was erased: the suppression list keeps a keyed hash of what is erased, and there is no key. " +
                                                       "Run it with the worker's Nurture:Privacy:HashKey or Nurture:Links:SigningKey (docs/deploy.md, Secrets).");
                    return ToolHost.ConfigurationError;
                }

                var actor = result.GetValue(by) ?? Environment.UserName;
                var report = await services.GetRequiredService<Forgetting>().ForgetAsync(address, number, actor, ct);
                Console.WriteLine(report.People == 0
                    ? "No one with that address or number is in the database."
                    : $"Erased {report.People} contact record(s) of this person: {report.Erased}; {report.RejectedRecords} rejected records; " +
                      $"{report.OutboxFiles} outbox emails and {report.SmsLines} outbox SMS deleted; their sequences ended.");
                if (!report.WalCleared)
                {
                    Console.WriteLine("The database's write-ahead log could not be emptied now (the worker is reading): the old pages go at its next checkpoint, within minutes.");
                }

                Console.WriteLine($"On the suppression list by keyed hash only ({report.Suppressed} address(es)): a new lead with them is never messaged. " +
                                  "The audit row (privacy_audit) names them by hash only.");
                return 0;
            },
            cancellationToken));
        return command;
    }
}
