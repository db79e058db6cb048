# Independent client: Debian's python3-fido2 drives the KeyDesk software authenticator over UDP.
# Usage: python3 python_fido2_udp_check.py DEVICE_PORT   (the device replies to the sender)
import socket
import sys

from fido2.ctap2 import Ctap2
from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor

DEVICE = ("127.0.0.1", int(sys.argv[1]))


class UdpConnection(CtapHidConnection):
    def __init__(self):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(5)

    def read_packet(self):
        return self.sock.recv(64)

    def write_packet(self, data):
        self.sock.sendto(bytes(data), DEVICE)

    def close(self):
        self.sock.close()


device = CtapHidDevice(HidDescriptor("udp", 0, 0, 64, 64), UdpConnection())
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
