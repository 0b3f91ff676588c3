using System.Buffers.Binary;
using System.Device.I2c;

namespace QSLM.Sensors.Tests.Ina236;

/// <summary>An INA236 register file (TI SBOSA21): pointer writes, register writes, reads of the pointed register; device id 0xA080.</summary>
internal sealed class FakeIna236 : I2cDevice
{
    private readonly Dictionary<byte, ushort> _registers = new() { [0] = 0x4127, [0x3E] = 0x5449, [0x3F] = 0xA080 };
    private byte _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, 0x40);

    public ushort this[byte register]
    {
        get => _registers.GetValueOrDefault(register);
        set => _registers[register] = value;
    }

    public override byte ReadByte() => throw new NotSupportedException();

    public override void WriteByte(byte value) => Write([value]);

    public override void Read(Span<byte> buffer) => BinaryPrimitives.WriteUInt16BigEndian(buffer, this[_pointer]);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pointer = buffer[0];
        if (buffer.Length >= 3) _registers[_pointer] = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }
}
