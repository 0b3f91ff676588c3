using System.Security.Cryptography;

namespace QSLM.Protocol.Tests;

public sealed class ModelHashTests
{
    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678")]
    [InlineData("abcdef0123456789abcdef0123456789abcdef0123456789abcdef012345678/")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_64_lower_case_hex_digits_name_a_model(string? value)
    {
        Assert.False(ModelHash.IsValid(value));
        Assert.Equal(ErrorCodes.BadRequest, Assert.Throws<ProtocolException>(() => ModelHash.Require(value)).Code);
    }

    [Fact]
    public async Task A_files_hash_is_its_sha256_in_lower_case_hex()
    {
        using var temp = new TemporaryFolder();
        await File.WriteAllBytesAsync(temp.File("x"), "abc"u8.ToArray());
        // FIPS 180-2 test vector for "abc".
        const string expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
        Assert.Equal(expected, ModelHash.OfFile(temp.File("x")));
        Assert.Equal(expected, await ModelHash.OfFileAsync(temp.File("x"), CancellationToken.None));
        Assert.True(ModelHash.IsValid(expected));
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData("abc"u8)));
    }
}
