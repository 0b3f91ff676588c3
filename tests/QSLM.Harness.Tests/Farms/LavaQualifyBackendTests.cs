using System.Text;
using QSLM.Errors;
using QSLM.Farm.Lava;
using QSLM.Harness.Farms;

namespace QSLM.Harness.Tests.Farms;

public sealed class LavaQualifyBackendTests
{
    // Three ssh devices and a qemu one as LAVA 2023.01 lists them (tags by id), and the tags by name.
    private const string Devices = """
        {"count": 4, "next": null, "previous": null, "results": [
          {"hostname": "pi-01", "device_type": "ssh", "tags": [1, 3], "state": "Idle", "health": "Good", "worker_host": "w1"},
          {"hostname": "pi-02", "device_type": "ssh", "tags": [2, 3], "state": "Idle", "health": "Good", "worker_host": "w1"},
          {"hostname": "pi-03", "device_type": "ssh", "tags": [3, 4], "state": "Idle", "health": "Bad", "worker_host": "w1"},
          {"hostname": "vm-01", "device_type": "qemu", "tags": [1, 3], "state": "Idle", "health": "Good", "worker_host": "w1"}]}
        """;

    private const string Tags = """
        {"count": 4, "next": null, "previous": null, "results": [
          {"id": 1, "name": "pi5", "description": "Raspberry Pi 5"},
          {"id": 2, "name": "pi4", "description": "Raspberry Pi 4"},
          {"id": 3, "name": "lab-a", "description": null},
          {"id": 4, "name": "pi3", "description": "Raspberry Pi 3"}]}
        """;

    private static LavaQualifyBackend Backend(params string[] tags)
    {
        var settings = new LavaSettings(new Uri("http://127.0.0.1:8000/"), new LavaToken("t0ken"), "test");
        return new LavaQualifyBackend(new LavaClient(settings, new Lava()), new LavaQualifyOptions(settings, "ssh", "linux-arm64", "127.0.0.1", "test") { Tags = tags });
    }

    [Fact]
    public async Task Only_healthy_devices_of_the_type_carrying_every_requested_tag_get_work()
    {
        Assert.Equal(["pi-01", "pi-02"], (await Backend().HealthyDevicesAsync(CancellationToken.None)).Select(d => d.Hostname));
        Assert.Equal(["pi-01"], (await Backend("pi5").HealthyDevicesAsync(CancellationToken.None)).Select(d => d.Hostname));
        Assert.Equal(["pi-02"], (await Backend("lab-a", "pi4").HealthyDevicesAsync(CancellationToken.None)).Select(d => d.Hostname));
    }

    [Fact]
    public async Task A_tag_no_device_of_the_type_carries_is_the_users_input_and_a_tag_whose_devices_are_all_unhealthy_is_the_farms()
    {
        var none = await Assert.ThrowsAsync<InputException>(() => Backend("pi5", "pi4").HealthyDevicesAsync(CancellationToken.None));
        Assert.Equal("LAVA at http://127.0.0.1:8000/ has no device of type 'ssh' tagged pi5 and pi4", none.Message);
        var sick = await Assert.ThrowsAsync<InfrastructureFailureException>(() => Backend("pi3").HealthyDevicesAsync(CancellationToken.None));
        Assert.Equal("no 'ssh' device of LAVA at http://127.0.0.1:8000/ is healthy (pi-03 Bad)", sick.Message);
    }

    private sealed class Lava : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.RequestUri!.PathAndQuery switch
            {
                "/api/v0.2/devices/?limit=500" => Devices,
                "/api/v0.2/tags/?limit=500" => Tags,
                _ => throw new InvalidOperationException($"unexpected request {request.RequestUri}"),
            };
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
