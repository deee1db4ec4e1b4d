namespace NurtureHealth.Leads;

/// <summary>
/// Reads a stream of bytes in large chunks and hands out one byte at a time, keeping the current
/// record's bytes. Lead files are read at byte level so a non-UTF-8 byte spoils one record, not the file.
/// </summary>
internal sealed class ByteLineReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _position;
    private int _length;

    public int Line { get; private set; } = 1;

    public bool AtEnd => _position >= _length && !Fill();

    /// <summary>The next byte, or -1 at the end.</summary>
    public int Next()
    {
        if (_position >= _length && !Fill())
        {
            return -1;
        }

        var b = _buffer[_position++];
        if (b == (byte)'\n')
        {
            Line++;
        }

        return b;
    }

    public int Peek() => _position >= _length && !Fill() ? -1 : _buffer[_position];

    /// <summary>Reads up to the next line feed; appends the line's bytes without the line end to <paramref name="into"/>.</summary>
    /// <returns>False at the end of the stream with nothing read.</returns>
    public bool ReadLine(List<byte> into, int limit, out bool truncated)
    {
        truncated = false;
        if (AtEnd)
        {
            return false;
        }

        while (true)
        {
            if (_position >= _length && !Fill())
            {
                break;
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var newline = span.IndexOf((byte)'\n');
            var take = newline < 0 ? span : span[..newline];
            if (into.Count + take.Length <= limit)
            {
                into.AddRange(take);
            }
            else
            {
                truncated = true;
            }

            if (newline >= 0)
            {
                _position += newline + 1;
                Line++;
                break;
            }

            _position = _length;
        }

        if (into.Count > 0 && into[^1] == (byte)'\r')
        {
            into.RemoveAt(into.Count - 1);
        }

        return true;
    }

    /// <summary>Skips a UTF-8 byte-order mark at the start; refuses UTF-16 files.</summary>
    public void SkipByteOrderMark(string fileName)
    {
        if (!Fill(3))
        {
            return;
        }

        var head = _buffer.AsSpan(_position, Math.Min(3, _length - _position));
        if (head.StartsWith("\uFEFF"u8))
        {
            _position += 3;
        }
        else if (head.StartsWith(new byte[] { 0xFF, 0xFE }) || head.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            throw new LeadFileException($"{fileName}: the file is UTF-16; save it as UTF-8 and import it again");
        }
    }

    private bool Fill(int atLeast = 1)
    {
        if (_length - _position >= atLeast)
        {
            return true;
        }

        if (_position > 0)
        {
            Buffer.BlockCopy(_buffer, _position, _buffer, 0, _length - _position);
            _length -= _position;
            _position = 0;
        }

        while (_length < atLeast)
        {
            var read = stream.Read(_buffer, _length, _buffer.Length - _length);
            if (read == 0)
            {
                break;
            }

            _length += read;
        }

        return _length > 0;
    }
}
