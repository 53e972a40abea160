namespace PhotonSupport.BenchAgent.Agent;

/// <summary>
/// Sends something the Api must get (a backup image, a job's report) until it is accepted or refused for
/// good. Each try has its own timeout, so a connection that hangs is dropped and tried again.
/// </summary>
public sealed class Delivery(AgentOptions options, TimeProvider time, AgentLog log)
{
    /// <summary>Null once accepted; the refusal when the Api said no in a way no retry changes. A revoked key is thrown.</summary>
    public async Task<AgentApiRefusedException?> SendAsync(string what, Func<CancellationToken, Task> send)
    {
        var backoff = options.MinBackoff;
        while (true)
        {
            using var attempt = new CancellationTokenSource(options.RequestTimeout, time);
            try
            {
                await send(attempt.Token);
                return null;
            }
            catch (AgentApiRefusedException e) when (!e.Transient)
            {
                return e;
            }
            // Nothing outside cancels a delivery, so a cancellation is a timeout: this try's, or the HTTP client's own.
            catch (Exception e) when (e is HttpRequestException or AgentApiRefusedException or OperationCanceledException)
            {
                var why = e is OperationCanceledException ? $"no answer within {options.RequestTimeout.TotalSeconds:0.###}s" : e.Message;
                var pause = Backoff.Jittered(backoff);
                log.Info($"{what} not delivered ({why}); trying again in {pause.TotalSeconds:0.###}s");
                await Task.Delay(pause, time, CancellationToken.None);
                backoff = Backoff.Next(backoff, options.MaxBackoff);
            }
        }
    }
}
