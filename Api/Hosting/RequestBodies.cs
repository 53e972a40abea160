namespace PhotonSupport.Api.Hosting;

/// <summary>Raw uploads (backup images, firmware) read with a ceiling, so a runaway body can't fill the Api's memory.</summary>
public static class RequestBodies
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="maxLength"/> (reading stops there).</summary>
    public static async Task<byte[]?> ReadAtMostAsync(HttpRequest request, int maxLength, CancellationToken cancellation)
    {
        if (request.ContentLength > maxLength) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > maxLength) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
