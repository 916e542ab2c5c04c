using System.Buffers;
using System.IO.Compression;
using Gateway.Protocols.Connections;
using Gateway.Protocols.Files;
using Gateway.Protocols.Framing;

namespace Gateway.Protocols.Streaming;

/// <summary>
/// One stream connection: runs its requests against the <see cref="FileStore"/>, moving file bodies between the
/// connection's pipes and the disk in chunks, so that memory stays bounded whatever the file size.
/// </summary>
public sealed class StreamSession(FileStore store, ProtocolReader reader, ProtocolWriter writer, TrackedConnection connection)
{
    private readonly FileQuota _quota = connection.Settings.ProtocolOptions<StreamOptions>().Quota;
    private readonly CancellationToken _closing = connection.CloseRequested;

    /// <summary>Runs one request; false ends the connection (after QUIT, or when a refused upload's body cannot be skipped).</summary>
    public async ValueTask<bool> RunAsync(StreamRequest request)
    {
        try
        {
            switch (request.Verb)
            {
                case StreamVerb.Put:
                    return await PutAsync(request);
                case StreamVerb.Get:
                    await GetAsync(request);
                    return true;
                case StreamVerb.Stat:
                    var file = store.Get(request.Name);
                    Reply(StreamWire.File(file.Length, file.Sha256));
                    return true;
                case StreamVerb.List:
                    var files = store.List();
                    Reply(StreamWire.Count(files.Count));
                    foreach (var listed in files)
                    {
                        Reply(StreamWire.Entry(listed));
                    }

                    return true;
                case StreamVerb.Delete:
                    store.Delete(request.Name);
                    Reply(StreamWire.Ok);
                    return true;
                default:
                    Reply(StreamWire.Bye);
                    return false;
            }
        }
        catch (FileStoreException refused) when (refused.Problem is FileProblem.NotFound)
        {
            Refuse(refused.Reason);
            return true;
        }
    }

    /// <summary>
    /// Stores the body. Refused before it starts (quota), the body the client is already sending cannot be told apart
    /// from requests: the reply is sent and the connection closed. A checksum mismatch keeps the connection.
    /// </summary>
    private async ValueTask<bool> PutAsync(StreamRequest request)
    {
        FileUpload upload;
        try
        {
            upload = store.BeginUpload(request.Name, request.Length, _quota);
        }
        catch (FileStoreException refused)
        {
            Refuse(refused.Reason);
            return false;
        }

        var transfer = new Transfer(request.Name, TransferDirection.Upload, request.Length);
        var body = new FileBodyStream(reader, transfer, _closing);
        connection.TransferStarted(transfer);
        try
        {
            await using (upload)
            {
                await using (Stream content = request.Gzip ? new GZipStream(body, CompressionMode.Decompress, leaveOpen: true) : body)
                {
                    await upload.WriteAllAsync(content, _closing);
                }


                await body.SkipRestAsync();
                var stored = await upload.CommitAsync(request.Sha256, _closing);
                Reply(StreamWire.File(stored.Length, stored.Sha256));
                return true;
            }
        }
        catch (FileStoreException refused) when (refused.Problem is FileProblem.ChecksumMismatch)
        {
            Refuse(refused.Reason);
            return true;
        }
        catch (FileStoreException refused) when (refused.Problem is FileProblem.QuotaExceeded)
        {
            Refuse(refused.Reason);
            return false;
        }
        catch (FileStoreException refused) when (refused.Problem is FileProblem.Truncated)
        {
            // The client hung up mid-body: nobody is left to tell.
            return false;
        }
        catch (InvalidDataException)
        {
            Refuse(StreamWire.BadGzip);
            return false;
        }
        finally
        {
            connection.TransferEnded();
        }
    }

    private async Task GetAsync(StreamRequest request)
    {
        var (file, content) = store.OpenRead(request.Name);
        using (content)
        {
            if (request.Offset > file.Length)
            {
                Refuse(StreamWire.BadOffset);
                return;
            }

            var transfer = new Transfer(request.Name, TransferDirection.Download, file.Length - request.Offset);
            Reply(StreamWire.File(transfer.Length, file.Sha256));
            connection.TransferStarted(transfer);
            try
            {
                if (request.Gzip)
                {
                    await SendCompressedAsync(content, request.Offset, transfer);
                }
                else
                {
                    await SendAsync(content, request.Offset, transfer);
                }
            }
            finally
            {
                connection.TransferEnded();
            }
        }
    }

    /// <summary>Reads the file straight into the connection's output buffer, a chunk at a time, waiting for the client to take each.</summary>
    private async Task SendAsync(Microsoft.Win32.SafeHandles.SafeFileHandle content, long offset, Transfer transfer)
    {
        var output = writer.Output;
        var end = offset + transfer.Length;
        while (offset < end)
        {
            var memory = output.GetMemory(FileUpload.ChunkSize);
            var read = await RandomAccess.ReadAsync(content, memory[..(int)Math.Min(memory.Length, end - offset)], offset, _closing);
            if (read == 0)
            {
                throw new IOException($"'{transfer.File}' ended {end - offset} bytes early.");
            }

            output.Advance(read);
            offset += read;
            transfer.Moved(read);
            if ((await output.FlushAsync(_closing)).IsCompleted)
            {
                return;
            }
        }
    }

    private async Task SendCompressedAsync(Microsoft.Win32.SafeHandles.SafeFileHandle content, long offset, Transfer transfer)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FileUpload.ChunkSize);
        try
        {
            await using var compressed = new GZipStream(writer.Output.AsStream(leaveOpen: true), CompressionLevel.Fastest);
            var end = offset + transfer.Length;
            while (offset < end)
            {
                var read = await RandomAccess.ReadAsync(content, buffer.AsMemory(0, (int)Math.Min(buffer.Length, end - offset)), offset, _closing);
                if (read == 0)
                {
                    throw new IOException($"'{transfer.File}' ended {end - offset} bytes early.");
                }

                await compressed.WriteAsync(buffer.AsMemory(0, read), _closing);
                offset += read;
                transfer.Moved(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Answers a request that cannot be served; counted as a protocol error of the listener.</summary>
    internal void Refuse(string reason)
    {
        connection.Listener.CountProtocolError();
        Reply(StreamWire.Error(reason));
    }

    private void Reply(string line) => writer.Write(TextLineWriter.Instance, line);
}
