using Marten;

namespace PhotonSupport.Workers.Auth;

/// <summary>How API keys, and the refused ones counted per address, live in PostgreSQL.</summary>
public static class ApiKeyStore
{
    /// <summary>Registered up front so the tables exist before the first key is created, looked up or refused.</summary>
    public static void Configure(StoreOptions opts)
    {
        opts.Schema.For<ApiKey>();
        FailedSignInTable.Configure(opts);
    }
}
