namespace Airgap.Models.Packs;

/// <summary>What a path names, seen without following a link.</summary>
public enum SourceFileKind
{
    Missing,
    Regular,
    Directory,
    Link,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
