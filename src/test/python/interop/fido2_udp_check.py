# Independent client: Debian's python3-fido2 drives the KeyDesk software authenticator over UDP.
# Usage: /usr/bin/python3 fido2_udp_check.py DEVICE_PORT   (the device replies to the sender)
import sys

from fido2.ctap2 import Ctap2

from udp_hid import open_device

device = open_device(int(sys.argv[1]))
print("capabilities=%#x version=%s" % (device.capabilities, ".".join(map(str, device.device_version))))
for length in (0, 57, 58, 1000, 7609):
    data = bytes(i % 251 for i in range(length))
    assert device.ping(data) == data, "ping of %d bytes" % length
print("ping=ok")
device.wink()
info = Ctap2(device).info
print("versions=%s aaguid=%s maxMsgSize=%d" % (",".join(info.versions), info.aaguid.hex(), info.max_msg_size))
Ctap2(device).selection()
print("selection=ok")
