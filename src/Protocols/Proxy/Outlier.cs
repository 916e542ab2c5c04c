namespace Gateway.Protocols.Proxy;

/// <summary>
/// One backend's circuit breaker: consecutive failures eject it for a back-off that doubles with each ejection that
/// follows a failed trial; once the back-off has passed, a single trial connection is let through (half-open) and
/// its outcome closes the circuit or ejects the backend again.
/// </summary>
internal sealed class Outlier(OutlierOptions options, TimeProvider time)
{
    private readonly Lock _lock = new();
    private int _consecutiveFailures;
    private int _ejectionLevel;
    private long _ejectedUntil;
    private bool _ejected;
    private bool _trialInFlight;
    private long _ejections;

    public long Ejections => Interlocked.Read(ref _ejections);

    /// <summary>Ejected and its back-off not yet over (or its trial under way).</summary>
    public bool IsEjected
    {
        get
        {
            lock (_lock)
            {
                return _ejected && (_trialInFlight || time.GetTimestamp() < _ejectedUntil);
            }
        }
    }

    /// <summary>
    /// Whether a new connection may go to the backend now; when it is the half-open trial, <paramref name="trial"/> is
    /// set and the next result decides.
    /// </summary>
    public bool TryPass(out bool trial)
    {
        trial = false;
        lock (_lock)
        {
            if (!_ejected)
            {
                return true;
            }

            if (_trialInFlight || time.GetTimestamp() < _ejectedUntil)
            {
                return false;
            }

            _trialInFlight = trial = true;
            return true;
        }
    }

    public void Succeeded()
    {
        lock (_lock)
        {
            _consecutiveFailures = 0;
            if (_ejected)
            {
                _ejected = _trialInFlight = false;
                _ejectionLevel = 0;
            }
        }
    }

    /// <summary>A failed connect or a reset; true when it ejected the backend.</summary>
    public bool Failed()
    {
        lock (_lock)
        {
            _consecutiveFailures++;
            if (_ejected && !_trialInFlight)
            {
                return false;
            }

            if (!_trialInFlight && _consecutiveFailures < options.ConsecutiveFailures)
            {
                return false;
            }

            var backOff = options.BaseEjectionTime * Math.Pow(2, _ejectionLevel);
            _ejectedUntil = time.GetTimestamp() + (long)(Math.Min(backOff.TotalSeconds, options.MaxEjectionTime.TotalSeconds) * time.TimestampFrequency);
            _ejectionLevel = Math.Min(_ejectionLevel + 1, 30);
            _ejected = true;
            _trialInFlight = false;
            _consecutiveFailures = 0;
            Interlocked.Increment(ref _ejections);
            return true;
        }
    }

    /// <summary>A trial connection that ended before it could tell (the client left): the next one tries again.</summary>
    public void TrialAbandoned()
    {
        lock (_lock)
        {
            _trialInFlight = false;
        }
    }
}
