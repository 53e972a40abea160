using System.Linq.Expressions;
using System.Reflection;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.Extensions.Logging;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace PhotonSupport.Workers.Telemetry;

/// <summary>
/// Every log line written while a message about a ticket or a recovery job is handled (the handler's, Marten's,
/// Wolverine's, the mailer's) carries <see cref="TicketIdKey"/> and <see cref="JobIdKey"/> in its scope, as a request's
/// lines do in the Api: the background work of any node (owner mail, reminders, retention, leases) can be followed by
/// case like the requests that started it. Woven into the generated handler code of each message type with a Guid
/// <c>TicketId</c> or <c>JobId</c>, at start-up, ahead of everything else in it (validation included).
/// </summary>
public sealed class MessageLogScope : IHandlerPolicy
{
    public const string TicketIdKey = "TicketId";
    public const string JobIdKey = "JobId";

    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => Names(c.MessageType).Any()))
        {
            var begin = typeof(MessageLogScope).GetMethod(nameof(Begin))!.MakeGenericMethod(chain.MessageType);
            chain.Middleware.Insert(0, new MethodCall(typeof(MessageLogScope), begin));
        }
    }

    /// <summary>Called by the generated handler code, which disposes the scope when the handling ends.</summary>
    public static IDisposable? Begin<T>(T message, ILogger<MessageLogScope> logger) => logger.BeginScope(Members<T>.Read(message));

    private static IEnumerable<string> Names(Type messageType) =>
        new[] { TicketIdKey, JobIdKey }.Where(name => messageType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(Guid));

    /// <summary>The message type's ids, read by delegates compiled once per type.</summary>
    private static class Members<T>
    {
        private static readonly (string Name, Func<T, Guid> Read)[] Ids = Names(typeof(T)).Select(name => (name, Getter(name))).ToArray();

        public static KeyValuePair<string, object>[] Read(T message) =>
            Array.ConvertAll(Ids, id => new KeyValuePair<string, object>(id.Name, id.Read(message)));

        private static Func<T, Guid> Getter(string name)
        {
            var message = Expression.Parameter(typeof(T));
            return Expression.Lambda<Func<T, Guid>>(Expression.Property(message, name), message).Compile();
        }
    }
}
