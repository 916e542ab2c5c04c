namespace Gateway.Listeners;

/// <summary>A listener of that name exists already.</summary>
public sealed class ListenerExistsException(string name) : InvalidOperationException($"A listener named '{name}' already exists.");
