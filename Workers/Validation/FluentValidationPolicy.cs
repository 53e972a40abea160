using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Configuration;
using PhotonSupport.Domain.Tickets;
using Wolverine.Runtime.Handlers;

namespace PhotonSupport.Workers.Validation;

/// <summary>
/// Validates a message before its handler runs, for every message type with a validator.
/// The check is woven into the generated handler code once, at start-up, so it costs no reflection per call.
/// </summary>
public sealed class FluentValidationPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            if (!container.HasRegistrationFor(typeof(IValidator<>).MakeGenericType(chain.MessageType))) continue;
            var validate = typeof(FluentValidationPolicy).GetMethod(nameof(ValidateAsync))!.MakeGenericMethod(chain.MessageType);
            chain.Middleware.Add(new MethodCall(typeof(FluentValidationPolicy), validate));
        }
    }

    /// <summary>Called by the generated handler code; an invalid message never reaches its handler.</summary>
    public static async Task ValidateAsync<T>(T message, IValidator<T> validator, CancellationToken cancellation)
    {
        var result = await validator.ValidateAsync(message, cancellation);
        if (!result.IsValid) throw new ValidationException(result.Errors);
    }

    /// <summary>Registers every validator the domain declares.</summary>
    public static void AddValidators(IServiceCollection services)
    {
        var validators =
            from type in typeof(OpenTicketValidator).Assembly.GetTypes()
            where type is { IsAbstract: false, IsGenericTypeDefinition: false }
            from contract in type.GetInterfaces()
            where contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IValidator<>)
            select (contract, type);
        foreach (var (contract, type) in validators) services.AddSingleton(contract, type);
    }
}
