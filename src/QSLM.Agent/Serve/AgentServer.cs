using System.Reflection;
using System.Runtime.InteropServices;
using QSLM.Agent.Diagnostics;
using QSLM.Agent.Identity;
using QSLM.Agent.Sampling;
using QSLM.Agent.Sensors;
using QSLM.Agent.Settings;
using QSLM.Format.Packed;
using QSLM.Protocol;
using QSLM.Protocol.Messages;
using QSLM.Runtime.Kernels;

namespace QSLM.Agent.Serve;

/// <summary>
/// The agent's side of the protocol: reads one request at a time and answers it. It runs protocol
/// operations only (there is no message that runs a command or names a path; pinning the board's settings runs
/// fixed programs with arguments the agent formats from typed values), so a host can make it store, verify and
/// run models, and pin typed settings, and nothing else. A request that fails gets an <see cref="ErrorReply"/>
/// and the session goes on; only a broken channel or a bye ends it.
/// </summary>
internal sealed class AgentServer
{
    private readonly IMessagePort _port;
    private readonly ModelStore _store;
    private readonly int _maxMessageBytes;
    private readonly TextWriter _log;
    private readonly OnboardSensors _sensors;
    private readonly BoardSettingsApplier _settings;
    private readonly WorkMeter _work;
    private readonly BoardIdentity _identity;
    private readonly Func<bool> _hung;
    // Samplers send their chunks from their own threads: one message at a time on the line.
    private readonly SemaphoreSlim _sending = new(1, 1);

    public AgentServer(IMessagePort port, ConfinedFolder folder, int maxMessageBytes, long maxModelBytes, long maxPartialBytes, TextWriter log, OnboardSensors sensors,
        BoardSettingsApplier? settings = null, WorkMeter? work = null, BoardIdentity? identity = null, Func<bool>? hung = null)
    {
        _hung = hung ?? (() => false);
        _identity = identity ?? BoardIdentityReader.Read("/", ProgramPath.Directories(null));
        _sensors = sensors;
        _settings = settings ?? new BoardSettingsApplier("/", ProgramPath.Directories(null));
        _work = work ?? new WorkMeter();
        _port = port;
        _store = new ModelStore(folder, maxModelBytes, maxPartialBytes);
        _maxMessageBytes = maxMessageBytes;
        _log = log;
    }

    public static string Version { get; } =
        typeof(AgentServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>Whether the session ended with the host's bye (rather than the line closing).</summary>
    public bool SawBye { get; private set; }

    /// <summary>Serves until bye or end of input; returns the process exit code.</summary>
    public async Task<int> ServeAsync()
    {
        while (true)
        {
            Message? request;
            try
            {
                request = await _port.ReceiveAsync().ConfigureAwait(false);
            }
            catch (ProtocolException e)
            {
                await ReplyErrorAsync(e.Code, e.Message).ConfigureAwait(false);
                continue;
            }
            if (request is null) return AgentCommandRunner.Success;
            // A simulated board that is hung answers nothing until it is power-cycled.
            while (_hung()) await Task.Delay(100).ConfigureAwait(false);
            if (request is Bye)
            {
                SawBye = true;
                await SendAsync(new Bye()).ConfigureAwait(false);
                return AgentCommandRunner.Success;
            }
            Message reply;
            try
            {
                reply = await AnswerAsync(request).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_port.HostGone.IsCancellationRequested)
            {
                _log.WriteLine("qslm-agent: the host went away during a run; stopped it");
                return AgentCommandRunner.Failure;
            }
            catch (SessionRestartException restart)
            {
                // A new host session began while a run waited for the old one's ack (a serial line
                // outlives host crashes): drop the run and greet the new host.
                _log.WriteLine("qslm-agent: a new hello arrived during a run; the run was abandoned");
                reply = await AnswerAsync(restart.Hello).ConfigureAwait(false);
            }
            await SendAsync(reply).ConfigureAwait(false);
        }
    }

    private async Task<Message> AnswerAsync(Message request)
    {
        try
        {
            return request switch
            {
                Hello hello => Greet(hello),
                PutModel chunk => _store.Put(chunk),
                ExpectModel expect => _store.Expect(expect),
                QueryModel query => _store.Status(ModelHash.Require(query.Sha256)),
                RunWorkload run => await new WorkloadRunner(_store, _sensors, _work, MarkAndWaitAsync, SendAsync, _port.HostGone).RunAsync(run).ConfigureAwait(false),
                SampleIdle idle => await new IdleRunner(_sensors, SendAsync, _port.HostGone).RunAsync(idle).ConfigureAwait(false),
                TimeSync sync => new TimeSyncReply(sync.Sequence, AgentClock.Seconds),
                RunEvaluation evaluation => new EvaluationRunner(_store).Run(evaluation),
                ReadSensors => new SensorReadings(_sensors.ReadAll()),
                ApplySettings apply => _settings.Apply(apply.Settings),
                _ => new ErrorReply(ErrorCodes.OutOfSequence, $"an agent does not accept '{request.GetType().Name}' here"),
            };
        }
        catch (StoreException e)
        {
            return new ErrorReply(e.Code, e.Message, e.BytesHeld);
        }
        catch (ProtocolException e)
        {
            return new ErrorReply(e.Code, e.Message);
        }
        catch (PackedFileException e)
        {
            return new ErrorReply(ErrorCodes.ModelInvalid, e.Message);
        }
        catch (OutOfMemoryException e)
        {
            return new ErrorReply(ErrorCodes.OutOfMemory, e.Message);
        }
        catch (Exception e) when (request is RunWorkload or RunEvaluation or SampleIdle && e is not IOException and not UnauthorizedAccessException and not OperationCanceledException and not SessionRestartException)
        {
            _log.WriteLine($"qslm-agent: run failed: {e}");
            return new ErrorReply(ErrorCodes.RunFailed, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.WriteLine($"qslm-agent: {e}");
            return new ErrorReply(ErrorCodes.AgentFailure, e.Message);
        }
    }

    private HelloReply Greet(Hello hello)
    {
        if (hello.ProtocolVersion != ProtocolLimits.Version)
            throw new ProtocolException(ErrorCodes.VersionMismatch, FormattableString.Invariant($"the agent speaks protocol {ProtocolLimits.Version}, the host {hello.ProtocolVersion}"));
        return new HelloReply(
            ProtocolLimits.Version, Version, RuntimeInformation.RuntimeIdentifier, KernelPaths.Describe(), Environment.ProcessorCount,
            SystemMemory.TotalBytes(), SystemMemory.AvailableBytes(), _sensors.Infos, _store.List(), _maxMessageBytes, _store.MaxModelBytes, _identity);
    }

    private async Task MarkAndWaitAsync(Mark mark)
    {
        await SendAsync(mark).ConfigureAwait(false);
        var reply = await _port.ReceiveAsync().ConfigureAwait(false)
            ?? throw new EndOfStreamException("the host closed the channel while a mark was unacknowledged");
        if (reply is Hello hello) throw new SessionRestartException(hello);
        if (reply is not MarkAck ack || ack.Phase != mark.Phase || ack.Repeat != mark.Repeat)
            throw new ProtocolException(ErrorCodes.OutOfSequence, FormattableString.Invariant($"expected the host to acknowledge mark {mark.Phase} {mark.Repeat}, got {reply.GetType().Name}"));
    }

    private Task ReplyErrorAsync(string code, string message) => SendAsync(new ErrorReply(code, message));

    private async Task SendAsync(Message message)
    {
        await _sending.WaitAsync().ConfigureAwait(false);
        try
        {
            await _port.SendAsync(message).ConfigureAwait(false);
        }
        finally
        {
            _sending.Release();
        }
    }
}
