# Run by farm/lava/up inside `lava-server manage shell` (as lavaserver): creates, or brings back, the objects a
# loopback farm needs, in one Django start-up. Secrets go to files in $QSLM_SECRETS (mode 0600), never to stdout.
import os

from django.contrib.auth.models import User
from linaro_django_xmlrpc.models import AuthToken
from lava_scheduler_app.models import Device, DeviceType, Tag, Worker

secrets = os.environ["QSLM_SECRETS"]
devices = os.environ["QSLM_DEVICES"].split()


def write_secret(name, value):
    path = os.path.join(secrets, name)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value)


admin, created = User.objects.get_or_create(username="qslm-admin")
admin.is_superuser = True
admin.is_staff = True
admin.set_unusable_password()
admin.save()
AuthToken.objects.filter(user=admin, description="qslm-farm").delete()
write_secret("api-token", AuthToken.objects.create(user=admin, description="qslm-farm").secret)

worker, _ = Worker.objects.get_or_create(hostname="qslm-w1")
worker.health = Worker.HEALTH_ACTIVE
worker.save()
write_secret("worker-token", worker.token)

ssh, _ = DeviceType.objects.get_or_create(name="ssh")
for name in devices:
    device, _ = Device.objects.get_or_create(hostname=name, defaults={"device_type": ssh, "worker_host": worker})
    device.device_type = ssh
    device.worker_host = worker
    device.health = Device.HEALTH_GOOD
    device.save()
    # A tag named after the device lets a job be pinned to it (LAVA schedules by type and tags only): QSLM
    # sends a job retried after an infrastructure failure to another device that way.
    tag, _ = Tag.objects.get_or_create(name=name, defaults={"description": "this device only"})
    device.tags.add(tag)
    # A tag every board of this farm carries, as a lab groups its boards: qslm qualify --lava-tag picks devices by it.
    farm, _ = Tag.objects.get_or_create(name="qslm-loopback", defaults={"description": "the loopback farm's boards"})
    device.tags.add(farm)
print("objects ready: worker qslm-w1, device type ssh, devices " + ", ".join(devices))
