namespace NurtureHealth.Host.Commands;

/// <summary><c>--config FILE</c> named a file that is not there: said in one line, exit 2 (<see cref="UserFailures"/>).</summary>
internal sealed class SettingsFileMissingException(string file)
    : Exception($"The settings file {file} (--config) does not exist: check the path, or leave --config out to use appsettings.json.");
