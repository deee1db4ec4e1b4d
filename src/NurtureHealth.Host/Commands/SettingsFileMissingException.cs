namespace NurtureHealth.Host.Commands;

/// <summary><c>--config FILE</c> named a file that is not there: said in one line, exit 2 (<see cref="UserFailures"/>).</summary>
internal sealed class SettingsFileMissingException(string file)
    : Exception(Directory.Exists(file)
        ? $"{file} (--config) is a folder: give the settings file itself, such as {Path.Combine(file, "appsettings.json")}."
        : $"The settings file {file} (--config) does not exist: check the path, or leave --config out to use appsettings.json.");
