# python-fido2's view of KeyDesk's UDP simulator: one 64-byte HID report per datagram, no report
# ID, and the simulator answers the sender. Imported by the interop scripts next to it.
import socket

from fido2.hid import CtapHidDevice
from fido2.hid.base import CtapHidConnection, HidDescriptor


class UdpConnection(CtapHidConnection):
    """One 64-byte HID report per datagram, no report ID; the simulator answers the sender."""

    def __init__(self, device_port):
        self.device = ("127.0.0.1", device_port)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(5)

    def read_packet(self):
        return self.sock.recv(64)

    def write_packet(self, data):
        self.sock.sendto(bytes(data), self.device)

    def close(self):
        self.sock.close()


def open_device(device_port):
    """A python-fido2 CtapHidDevice on the simulator's device port (loopback)."""
    return CtapHidDevice(HidDescriptor("udp", 0, 0, 64, 64), UdpConnection(device_port))
