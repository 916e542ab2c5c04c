namespace Gateway.Protocols.Streaming;

public enum StreamVerb
{
    Put,
    Get,
    List,
    Stat,
    Delete,
    Quit,
}
