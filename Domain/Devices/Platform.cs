namespace PhotonSupport.Domain.Devices;

/// <summary>The Particle platforms we recover; the values are Particle's platform ids.</summary>
public enum Platform
{
    Core = 0,
    Photon = 6,
    P1 = 8,
    Electron = 10,
}
