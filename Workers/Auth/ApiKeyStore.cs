using Marten;

namespace PhotonSupport.Workers.Auth;

/// <summary>How API keys live in PostgreSQL.</summary>
public static class ApiKeyStore
{
    /// <summary>Registered up front so the table exists before the first key is created or looked up.</summary>
    public static void Configure(StoreOptions opts) => opts.Schema.For<ApiKey>();
}
