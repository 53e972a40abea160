namespace PhotonSupport.Workers.Hosting;

/// <summary>No connection string anywhere a host looks; the message says where to put one.</summary>
public sealed class DatabaseNotConfiguredException(string message) : InvalidOperationException(message);
