namespace QSLM.Boards.Transports.Ssh;

/// <summary>Board-side paths the host builds into SFTP paths and the agent's command line. Only a
/// plain character set is allowed, so nothing the host sends can be read by the board's shell as
/// anything but a path.</summary>
internal static class RemotePath
{
    public static string Require(string path, string what) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/') && !path.Split('/').Contains("..")
            ? path.TrimEnd('/')
            : throw new ArgumentException($"{what} '{path}' must use only letters, digits and ._-/ and no '..'");

    public static string Join(params string[] parts) => string.Join('/', parts);
}
