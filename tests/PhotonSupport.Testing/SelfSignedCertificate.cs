using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PhotonSupport.Testing;

/// <summary>A TLS server certificate for 127.0.0.1 and localhost, made by the test and trusted by no one but its clients.</summary>
public static class SelfSignedCertificate
{
    /// <summary>Valid around now, for server authentication, not a CA.</summary>
    public static X509Certificate2 Create()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1", "server authentication")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    /// <summary>The certificate and its private key as the PEM files a server reads (Kestrel, Caddy).</summary>
    public static void WritePem(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        using var privateKey = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(keyPath, privateKey.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Validates the server's certificate as any client does, with <paramref name="root"/> as the only trusted root.</summary>
    public static SocketsHttpHandler TrustingOnly(X509Certificate2 root) => new()
    {
        SslOptions =
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { X509CertificateLoader.LoadCertificate(root.RawData) },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    };
}
