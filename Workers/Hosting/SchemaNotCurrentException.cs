namespace PhotonSupport.Workers.Hosting;

/// <summary>The database's schema is not this version's, and this host may not change it: the message says how to.</summary>
public sealed class SchemaNotCurrentException(IReadOnlyList<string> objects) : Exception(
    $"The database schema is not this version's ({objects.Count} objects missing or different: {string.Join(", ", objects.Take(5))}" +
    $"{(objects.Count > 5 ? ", …" : "")}). In Production the hosts never create or alter the schema: apply it with " +
    $"`{DatabaseSchema.ApplyCommand}` (published: `{DatabaseSchema.PublishedApplyCommand}`) against the same database, then start again.");
