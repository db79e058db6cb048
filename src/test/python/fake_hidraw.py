#!/usr/bin/python3
"""A fake USB FIDO HID device on /dev/hidraw*, made with umockdev, bridged to a CTAPHID UDP endpoint.

The unmodified hidapi (hid4java's bundled copy, hidraw backend) and libfido2 see a FIDO security
key when they run with ``LD_PRELOAD=libumockdev-preload.so.0`` and ``UMOCKDEV_DIR=<testbed root>``.
Every output report the host writes (65 bytes: report ID 0x00 + 64) becomes one 64-byte UDP
datagram to the simulator; every 64-byte datagram from the simulator becomes one input report.
That is the UDP convention of open-source firmware simulators (device 127.0.0.1:8111, host
127.0.0.1:7112), so KeyDesk's software authenticator -- or any such simulator -- stands behind it.

Run with Debian's /usr/bin/python3 (packages: umockdev libumockdev0 gir1.2-umockdev-1.0
python3-gi). The pitfalls it avoids (numbered as in the hidraw-emulation notes of the design docs,
and referred to below):
  1. hidapi enumerates from sysfs: <hidraw>/device/report_descriptor and the hid parent's uevent
     (HID_ID on a USB bus, HID_NAME, HID_UNIQ); hid_open_path needs HIDIOCGRDESCSIZE.
  2. libfido2 uses ioctls even to list devices, checks for a character device and takes flock.
  3. hid4java sign-extends the usage page (0xfffff1d0): compare the low 16 bits.
  4. hidraw writes are 65 bytes, report ID 0x00 first; the bridge strips it.
  5. A pty is a byte stream: raw mode, VMIN=64, and reads and writes intercepted one report each.
  6. A umockdev read handler must never block (the preload holds a per-fd lock): decline the read
     when no report is queued and let the real pty read wait.
  7. Lookups from an open handle go by the device number fstat() reports, the pty's: hidraw's
     dev/MAJOR/MINOR are rewritten to it and /sys/dev/char/<it> added.
  8. Closing the pty master gives POLLHUP, which hidapi reports as a disconnect.
  9. A pty can become a controlling terminal: a session leader without one (a tool started with
     setsid) that opens the node without O_NOCTTY would acquire it, and its /dev/tty would be the
     key -- libfido2's PIN prompt (readpassphrase) then writes into the key and reads the PIN from
     it, forever. A real hidraw node is never a terminal, so a small guard process of our own
     holds each node's pty as its controlling terminal (a terminal belongs to one session only).
     Tools that prompt get their own terminal from tty_answer.py.

Protocol with the parent process:
  stdout: one JSON object per line: {"event": "ready", "umockdev_dir": ..., "devnode": ...}
          first, then "plugged", "unplugged", "target", "stats", "error" events.
  stdin:  one command per line:
          unplug        close the node (readers see POLLHUP) and remove it from sysfs
          hangup        only close the node (the device stays enumerable)
          remove        only remove it from sysfs (open handles keep working)
          plug          add the device again (a new hidrawN node)
          target H:P    send host reports to the simulator at H:P from now on
          mute          stop forwarding host reports (each one dropped is announced with a
                        "dropped" event): the device looks busy, for unplug-mid-operation tests
          unmute        forward host reports again
          unplug-on-write
                        drop the next host report (announced with a "dropped" event) and unplug
                        right after that write completes, inside this process: the key is pulled
                        out while the host waits for its answer, however slowly the parent
                        process reacts ("unplug-armed" acknowledges the command)
          stats         print report counters
          quit          exit (so does end of input, SIGTERM and SIGINT)
  signals: SIGUSR1 = unplug, SIGUSR2 = plug.
"""

import argparse
import errno
import fcntl
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios

import gi

gi.require_version("UMockdev", "1.0")
from gi.repository import GLib, UMockdev  # noqa: E402

REPORT_SIZE = 64
# The FIDO usage page 0xF1D0, usage 0x01, one 64-byte input and one 64-byte output report
# (CTAP 2.1 section 11.2.8.1), without report IDs.
FIDO_REPORT_DESCRIPTOR = bytes.fromhex(
    "06d0f1 0901 a101"
    " 0920 1500 26ff00 7508 9540 8102"
    " 0921 1500 26ff00 7508 9540 9102"
    " c0".replace(" ", "")
)

# Our identity. 0x1209 is the pid.codes open-source vendor ID and 0x0001 is its "Test PID",
# reserved for testing and never shipped in a product, so this fake cannot be mistaken for a
# real key. The strings say what it is.
DEFAULT_VENDOR_ID = 0x1209
DEFAULT_PRODUCT_ID = 0x0001
DEFAULT_MANUFACTURER = "KeyDesk"
DEFAULT_PRODUCT = "Software Authenticator (umockdev)"
DEFAULT_SERIAL = "KD-UMOCKDEV-0001"
BUS_USB = 0x03

# linux/hidraw.h: _IOC(dir, 'H', nr, size)
_IOC_READ = 2
HIDRAW_IOC_TYPE = ord("H")
HIDIOCGRDESCSIZE_NR = 0x01
HIDIOCGRDESC_NR = 0x02
HIDIOCGRAWINFO_NR = 0x03
HIDIOCGRAWNAME_NR = 0x04
HIDIOCGRAWPHYS_NR = 0x05
HIDIOCGRAWUNIQ_NR = 0x08
HID_MAX_DESCRIPTOR_SIZE = 4096

# Pitfall 9: made a session leader (start_new_session), this opens the pty without O_NOCTTY and so
# takes it as its controlling terminal; it lives until its stdin closes or the pty hangs up.
TERMINAL_GUARD = (
    "import os, sys; os.open(sys.argv[1], os.O_RDWR); print('claimed', flush=True); sys.stdin.read()"
)

# umockdev: a handler that returns False lets the preload run the real call on the pty.
DECLINE = False
HANDLED = True


def log(message):
    print("fake_hidraw: " + message, file=sys.stderr, flush=True)


def emit(event, **fields):
    print(json.dumps(dict(event=event, **fields), sort_keys=True), flush=True)


def ioc(direction, nr, size):
    return (direction << 30) | (size << 16) | (HIDRAW_IOC_TYPE << 8) | nr


def parse_host_port(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, got " + repr(text))
    return host, int(port)


class Identity:
    def __init__(self, args):
        self.vendor_id = args.vendor_id
        self.product_id = args.product_id
        self.manufacturer = args.manufacturer
        self.product = args.product
        self.serial = args.serial

    @property
    def hid_name(self):
        # The kernel's usbhid names the device "<manufacturer> <product>".
        return self.manufacturer + " " + self.product

    def as_json(self):
        return {
            "vendor_id": self.vendor_id,
            "product_id": self.product_id,
            "manufacturer": self.manufacturer,
            "product": self.product,
            "serial": self.serial,
        }


class Node:
    """One plugged-in instance: sysfs entries, a pty-backed /dev/hidrawN and its ioctl handler."""

    def __init__(self, bridge, generation):
        self.bridge = bridge
        self.generation = generation
        self.alive = False
        self.master = -1
        self.slave = -1
        self.pending_out = bytearray()
        self.out_watch = 0
        ident = bridge.identity
        usb_port = "1-1"
        self.usb_device = "/sys/devices/pci0000:00/0000:00:14.0/usb1/" + usb_port
        self.usb_interface = self.usb_device + "/" + usb_port + ":1.0"
        hid_name = "0003:%04X:%04X.%04X" % (ident.vendor_id, ident.product_id, generation)
        self.hid = self.usb_interface + "/" + hid_name
        self.name = "hidraw%d" % (generation - 1)
        self.hidraw = self.hid + "/hidraw/" + self.name
        self.devnode = "/dev/" + self.name
        self.phys = "usb-0000:00:14.0-1/input0"

    def description(self):
        ident = self.bridge.identity
        generation = self.generation
        return "\n".join(
            [
                "P: " + self.hidraw[4:],
                "N: " + self.name,
                "E: DEVNAME=" + self.devnode,
                "E: MAJOR=240",
                "E: MINOR=%d" % (generation - 1),
                "E: SUBSYSTEM=hidraw",
                "A: dev=240:%d" % (generation - 1),
                # Pitfall 1: hidapi reads <hidraw>/device/report_descriptor.
                "L: device=../..",
                "",
                "P: " + self.hid[4:],
                "E: DRIVER=hid-generic",
                "E: HID_ID=%04X:%08X:%08X" % (BUS_USB, ident.vendor_id, ident.product_id),
                "E: HID_NAME=" + ident.hid_name,
                "E: HID_PHYS=" + self.phys,
                "E: HID_UNIQ=" + ident.serial,
                "E: MODALIAS=hid:b%04Xg0001v%08Xp%08X"
                % (BUS_USB, ident.vendor_id, ident.product_id),
                "E: SUBSYSTEM=hid",
                "H: report_descriptor=" + FIDO_REPORT_DESCRIPTOR.hex().upper(),
                "",
                "P: " + self.usb_interface[4:],
                "E: DEVTYPE=usb_interface",
                "E: DRIVER=usbhid",
                "E: INTERFACE=3/0/0",
                "E: SUBSYSTEM=usb",
                "A: bAlternateSetting= 0",
                "A: bInterfaceClass=03",
                "A: bInterfaceNumber=00",
                "A: bInterfaceProtocol=00",
                "A: bInterfaceSubClass=00",
                "A: bNumEndpoints=02",
                "",
                "P: " + self.usb_device[4:],
                "E: BUSNUM=001",
                "E: DEVNAME=/dev/bus/usb/001/%03d" % (generation + 1),
                "E: DEVNUM=%03d" % (generation + 1),
                "E: DEVTYPE=usb_device",
                "E: DRIVER=usb",
                "E: PRODUCT=%x/%x/100" % (ident.vendor_id, ident.product_id),
                "E: SUBSYSTEM=usb",
                "E: TYPE=0/0/0",
                "A: bDeviceClass=00",
                "A: bcdDevice=0100",
                "A: busnum=1",
                "A: devnum=%d" % (generation + 1),
                "A: idProduct=%04x" % ident.product_id,
                "A: idVendor=%04x" % ident.vendor_id,
                "A: manufacturer=" + ident.manufacturer,
                "A: product=" + ident.product,
                "A: serial=" + ident.serial,
                "A: speed=12",
                "",
            ]
        )

    # -- plug / unplug -------------------------------------------------------------------------

    def plug(self):
        tb = self.bridge.testbed
        root = self.bridge.root
        if not tb.add_from_string(self.description()):
            raise RuntimeError("umockdev refused the device description")
        self.master = tb.get_dev_fd(self.devnode)
        if self.master < 0:
            raise RuntimeError("umockdev did not back %s with a pty" % self.devnode)
        pts = os.readlink(root + self.devnode)
        self._use_pty_device_number(pts)
        self._make_raw(self.master)
        os.set_blocking(self.master, False)
        # Our own handle on the slave side: it keeps the tty alive between client opens and lets
        # the read handler take exactly one report from the input queue (pitfall 5).
        self.slave = os.open(pts, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        self._claim_terminal(pts)
        self.handler = UMockdev.IoctlBase()
        self.handler.connect("handle-ioctl", self._on_ioctl)
        self.handler.connect("handle-read", self._on_read)
        self.handler.connect("handle-write", self._on_write)
        self.handler.connect("client-connected", self._on_client_connected)
        if not tb.attach_ioctl(self.devnode, self.handler):
            raise RuntimeError("umockdev could not attach the ioctl handler to " + self.devnode)
        self.alive = True

    def _use_pty_device_number(self, pts):
        """Pitfall 7: fstat() of an open handle reports the pty's device number, and libudev
        looks devices up by that exact number, so hidraw's dev/MAJOR/MINOR must match it."""
        tb = self.bridge.testbed
        root = self.bridge.root
        rdev = os.stat(pts).st_rdev
        major, minor = os.major(rdev), os.minor(rdev)
        number = "%d:%d" % (major, minor)
        tb.set_attribute(self.hidraw, "dev", number)
        tb.set_property(self.hidraw, "MAJOR", str(major))
        tb.set_property(self.hidraw, "MINOR", str(minor))
        # The hidraw number's /sys/dev/char link stays too: the preload may report either.
        self.pty_map_entry = os.path.join(root, "dev/.ptymap", pts.replace("/", "_"))
        new_link = os.path.join(root, "sys/dev/char", number)
        self.extra_links = [new_link]
        if os.path.lexists(new_link):
            os.unlink(new_link)
        os.symlink("../../" + self.hidraw[len("/sys/") :], new_link)
        # The preload fakes stat() of /dev nodes from this link; keep it equal to fstat().
        node_info = os.path.join(root, "dev/.node", self.name)
        if os.path.lexists(node_info):
            os.unlink(node_info)
            os.symlink(number, node_info)
        self.device_number = number

    def _claim_terminal(self, pts):
        """Pitfall 9: our guard makes the pty its controlling terminal, so no client can."""
        self.guard = subprocess.Popen(
            [sys.executable, "-c", TERMINAL_GUARD, pts],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
        )
        if self.guard.stdout.readline().strip() != b"claimed":
            self.guard.kill()
            raise RuntimeError("the terminal guard could not open " + pts)
        self.guard.stdout.close()

    def release_terminal(self):
        guard, self.guard = getattr(self, "guard", None), None
        if guard is None:
            return
        guard.stdin.close()
        try:
            guard.wait(5)
        except subprocess.TimeoutExpired:
            guard.kill()
            guard.wait()

    @staticmethod
    def _make_raw(fd):
        """Pitfall 5: raw mode (no signals, no flow control, no translation of bytes such as 0x03
        or 0x11) and VMIN=64, so poll() says readable only when a whole report is queued and a
        blocking 64-byte read returns exactly one report."""
        attrs = termios.tcgetattr(fd)
        iflag, oflag, cflag, lflag = 0, 1, 2, 3
        attrs[iflag] &= ~(
            termios.IGNBRK | termios.BRKINT | termios.PARMRK | termios.ISTRIP
            | termios.INLCR | termios.IGNCR | termios.ICRNL | termios.IXON | termios.IXOFF
        )
        attrs[oflag] &= ~termios.OPOST
        attrs[cflag] = (attrs[cflag] & ~(termios.CSIZE | termios.PARENB)) | termios.CS8
        attrs[lflag] &= ~(termios.ECHO | termios.ECHONL | termios.ICANON | termios.ISIG | termios.IEXTEN)
        attrs[6][termios.VMIN] = REPORT_SIZE
        attrs[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSANOW, attrs)

    def hangup(self):
        """Pitfall 8: closing the pty master gives POLLHUP to readers; hidapi calls that a
        disconnect. The fd number stays valid (pointing at /dev/null) because the testbed owns
        it and closes it itself at the end."""
        if not self.alive:
            return False
        self.alive = False
        if self.out_watch:
            GLib.source_remove(self.out_watch)
            self.out_watch = 0
        devnull = os.open(os.devnull, os.O_RDWR)
        os.dup2(devnull, self.master)
        os.close(devnull)
        os.close(self.slave)
        self.slave = -1
        self.pending_out.clear()
        self.release_terminal()
        return True

    def remove(self):
        """Takes the device out of sysfs, so enumeration (hidapi, libfido2, hid4java's hotplug
        scan) no longer finds it. Children before parents, as the kernel does."""
        tb = self.bridge.testbed
        if not os.path.isdir(self.bridge.root + self.usb_device):
            return False
        for syspath in (self.hidraw, self.hid, self.usb_interface, self.usb_device):
            if os.path.isdir(self.bridge.root + syspath):
                tb.remove_device(syspath)
        # What remove_device() does not know about: our extra /sys/dev/char link, and the
        # testbed's pty map entry, which must go before the pty number is reused by a re-plug.
        for path in self.extra_links + [self.pty_map_entry]:
            if os.path.lexists(path):
                os.unlink(path)
        return True

    # -- reports -------------------------------------------------------------------------------

    def deliver(self, report):
        """Queues one 64-byte input report from the device for the host."""
        if not self.alive:
            return
        self.pending_out += report
        self._flush()

    def _flush(self, *_ignored):
        while self.alive and self.pending_out:
            try:
                written = os.write(self.master, self.pending_out)
            except BlockingIOError:
                written = 0
            except OSError as e:
                log("writing to the pty failed: %s" % e)
                self.pending_out.clear()
                break
            del self.pending_out[:written]
            if written == 0:
                break
        if self.alive and self.pending_out and not self.out_watch:
            self.out_watch = GLib.io_add_watch(self.master, GLib.PRIORITY_DEFAULT, GLib.IO_OUT, self._on_writable)
        return False

    def _on_writable(self, *_ignored):
        self.out_watch = 0
        self._flush()
        return False

    def _queued_input(self):
        buf = fcntl.ioctl(self.slave, termios.FIONREAD, b"\0\0\0\0")
        return struct.unpack("i", buf)[0]

    # -- umockdev handler callbacks (run in the GLib main loop; must never block: pitfall 6) ----

    def _on_client_connected(self, _handler, _client):
        # A new open of a hidraw node sees no reports from before it was opened.
        if self.alive and self.bridge.open_clients_of(self) == 0:
            termios.tcflush(self.slave, termios.TCIFLUSH)
        self.bridge.client_opened(self, _client)

    def _on_write(self, _handler, client):
        arg = client.get_arg()
        data = bytes(arg.retrieve())
        if not self.alive:
            client.complete(-1, errno.ENODEV)
            return HANDLED
        # Pitfall 4: hidraw output reports start with the report ID, 0 for FIDO devices.
        if len(data) != REPORT_SIZE + 1 or data[0] != 0:
            self.bridge.stats["bad_writes"] += 1
            log(
                "rejecting a write of %d bytes starting with %s: expected report ID 0x00 + 64 bytes"
                % (len(data), data[:1].hex() or "nothing")
            )
            client.complete(-1, errno.EINVAL)
            return HANDLED
        self.bridge.to_device(data[1:])
        client.complete(len(data), 0)
        return HANDLED

    def _on_read(self, _handler, client):
        arg = client.get_arg()
        count = len(arg.retrieve())
        if not self.alive:
            client.complete(-1, errno.EIO)
            return HANDLED
        if self._queued_input() < REPORT_SIZE:
            # Nothing queued: let the real (possibly blocking) pty read run (pitfall 6).
            return DECLINE
        report = os.read(self.slave, REPORT_SIZE)
        if len(report) != REPORT_SIZE:
            log("short read of %d bytes from the pty input queue" % len(report))
        # hidraw copies at most the caller's buffer and drops the rest of the report.
        returned = report[:count]
        arg.update(0, list(returned))
        self.bridge.stats["reads_served"] += 1
        client.complete(len(returned), 0)
        return HANDLED

    def _on_ioctl(self, _handler, client):
        request = client.get_request() & 0xFFFFFFFF
        if not self.alive:
            client.complete(-1, errno.ENODEV)
            return HANDLED
        direction = request >> 30
        size = (request >> 16) & 0x3FFF
        ioc_type = (request >> 8) & 0xFF
        nr = request & 0xFF
        ident = self.bridge.identity
        arg = client.get_arg()
        if ioc_type != HIDRAW_IOC_TYPE or direction != _IOC_READ:
            client.complete(-1, errno.ENOTTY)
            return HANDLED
        if request == ioc(_IOC_READ, HIDIOCGRDESCSIZE_NR, 4):
            out = arg.resolve(0, 4)
            out.update(0, list(struct.pack("<I", len(FIDO_REPORT_DESCRIPTOR))))
            client.complete(0, 0)
        elif request == ioc(_IOC_READ, HIDIOCGRDESC_NR, 4 + HID_MAX_DESCRIPTOR_SIZE):
            out = arg.resolve(0, 4 + HID_MAX_DESCRIPTOR_SIZE)
            wanted = struct.unpack("<I", bytes(out.retrieve()[:4]))[0]
            if wanted > HID_MAX_DESCRIPTOR_SIZE:
                client.complete(-1, errno.EINVAL)
                return HANDLED
            out.update(4, list(FIDO_REPORT_DESCRIPTOR[: min(wanted, len(FIDO_REPORT_DESCRIPTOR))]))
            client.complete(0, 0)
        elif request == ioc(_IOC_READ, HIDIOCGRAWINFO_NR, 8):
            out = arg.resolve(0, 8)
            out.update(0, list(struct.pack("<IHH", BUS_USB, ident.vendor_id, ident.product_id)))
            client.complete(0, 0)
        elif nr in (HIDIOCGRAWNAME_NR, HIDIOCGRAWPHYS_NR, HIDIOCGRAWUNIQ_NR) and size > 0:
            text = {
                HIDIOCGRAWNAME_NR: ident.hid_name,
                HIDIOCGRAWPHYS_NR: self.phys,
                HIDIOCGRAWUNIQ_NR: ident.serial,
            }[nr]
            value = (text.encode("utf-8") + b"\0")[:size]
            out = arg.resolve(0, size)
            out.update(0, list(value))
            client.complete(len(value), 0)
        else:
            client.complete(-1, errno.EINVAL)
        return HANDLED


class Bridge:
    def __init__(self, args):
        self.args = args
        self.identity = Identity(args)
        self.target = args.simulator
        self.testbed = UMockdev.Testbed.new()
        self.root = self.testbed.get_root_dir()
        self.nodes = []
        self.clients = []
        self.stats = {
            "host_reports": 0,
            "device_reports": 0,
            "bad_writes": 0,
            "bad_datagrams": 0,
            "reads_served": 0,
        }
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind((args.bind, args.local_port))
        self.sock.setblocking(False)
        GLib.io_add_watch(self.sock.fileno(), GLib.PRIORITY_DEFAULT, GLib.IO_IN, self._on_datagram)
        self.loop = GLib.MainLoop()
        self.stdin_buffer = b""
        self.muted = False
        self.unplug_on_write = False

    @property
    def current(self):
        return self.nodes[-1] if self.nodes else None

    def client_opened(self, node, client):
        self.clients.append((node, client))

    def open_clients_of(self, node):
        self.clients = [(n, c) for (n, c) in self.clients if c.get_connected()]
        return sum(1 for (n, _c) in self.clients if n is node)

    # -- host -> device --------------------------------------------------------------------------

    def to_device(self, report):
        self.stats["host_reports"] += 1
        if self.args.verbose:
            log("host > device %s" % report.hex())
        if self.unplug_on_write:
            self.unplug_on_write = False
            emit("dropped", report=report.hex())
            # After the write completes (the host then waits for the answer), in the main loop.
            GLib.idle_add(self._unplug_once)
            return
        if self.muted:
            emit("dropped", report=report.hex())
            return
        if self.target is None:
            log("no simulator address yet (use --simulator or the 'target' command); report dropped")
            return
        try:
            self.sock.sendto(report, self.target)
        except OSError as e:
            log("sending to the simulator at %s:%d failed: %s" % (self.target + (e,)))

    # -- device -> host --------------------------------------------------------------------------

    def _on_datagram(self, *_ignored):
        while True:
            try:
                data, source = self.sock.recvfrom(4096)
            except BlockingIOError:
                return True
            if self.target is not None and source != self.target:
                log("ignoring a datagram from %s:%d, not the simulator" % source)
                continue
            if len(data) != REPORT_SIZE:
                self.stats["bad_datagrams"] += 1
                log("ignoring a datagram of %d bytes: one report is %d bytes" % (len(data), REPORT_SIZE))
                continue
            self.stats["device_reports"] += 1
            if self.args.verbose:
                log("device > host %s" % data.hex())
            node = self.current
            if node is not None:
                node.deliver(data)

    # -- control ---------------------------------------------------------------------------------

    def plug(self):
        if self.current is not None and self.current.alive:
            emit("error", message="already plugged in as " + self.current.devnode)
            return
        node = Node(self, len(self.nodes) + 1)
        self.nodes.append(node)
        node.plug()
        emit("plugged", devnode=node.devnode, syspath=node.hidraw, device_number=node.device_number)

    def unplug(self, hangup=True, remove=True):
        node = self.current
        if node is None:
            emit("error", message="nothing is plugged in")
            return
        closed = node.hangup() if hangup else False
        removed = node.remove() if remove else False
        emit("unplugged", devnode=node.devnode, closed=closed, removed=removed)

    def _unplug_once(self):
        self.unplug()
        return False  # run once

    def command(self, line):
        words = line.split()
        if not words:
            return
        verb = words[0]
        if verb == "unplug":
            self.unplug()
        elif verb == "hangup":
            self.unplug(hangup=True, remove=False)
        elif verb == "remove":
            self.unplug(hangup=False, remove=True)
        elif verb == "plug":
            self.plug()
        elif verb == "target" and len(words) == 2:
            try:
                self.target = parse_host_port(words[1])
            except argparse.ArgumentTypeError as e:
                emit("error", message=str(e))
                return
            emit("target", simulator="%s:%d" % self.target)
        elif verb == "unplug-on-write":
            self.unplug_on_write = True
            emit("unplug-armed")
        elif verb in ("mute", "unmute"):
            self.muted = verb == "mute"
            emit(verb + "d")
        elif verb == "stats":
            emit("stats", **self.stats)
        elif verb == "quit":
            self.loop.quit()
        else:
            emit("error", message="unknown command: " + line.strip())

    def _on_stdin(self, fd, condition):
        chunk = os.read(fd, 4096) if condition & GLib.IO_IN else b""
        if not chunk:
            self.loop.quit()
            return False
        self.stdin_buffer += chunk
        while b"\n" in self.stdin_buffer:
            line, self.stdin_buffer = self.stdin_buffer.split(b"\n", 1)
            self.command(line.decode("utf-8", "replace"))
        return True

    def run(self):
        if not self.args.no_plug:
            node = Node(self, 1)
            self.nodes.append(node)
            node.plug()
        ready = {
            "umockdev_dir": self.root,
            "preload": "libumockdev-preload.so.0",
            "local_port": self.sock.getsockname()[1],
            "simulator": None if self.target is None else "%s:%d" % self.target,
            "devnode": self.current.devnode if self.current else None,
            "syspath": self.current.hidraw if self.current else None,
            "pid": os.getpid(),
        }
        ready.update(self.identity.as_json())
        if self.args.ready_file:
            tmp = self.args.ready_file + ".tmp"
            with open(tmp, "w") as f:
                json.dump(ready, f, sort_keys=True)
            os.replace(tmp, self.args.ready_file)
        emit("ready", **ready)
        GLib.io_add_watch(0, GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, self._on_stdin)
        for signum, action in (
            (signal.SIGTERM, self.loop.quit),
            (signal.SIGINT, self.loop.quit),
            (signal.SIGUSR1, self.unplug),
            (signal.SIGUSR2, self.plug),
        ):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, lambda action=action: action() or True)
        try:
            self.loop.run()
        finally:
            for node in self.nodes:
                node.alive = False
                node.release_terminal()
            shutil.rmtree(self.root, ignore_errors=True)


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Fake USB FIDO HID device (umockdev) bridged to a CTAPHID UDP simulator."
    )
    parser.add_argument("--simulator", type=parse_host_port, metavar="HOST:PORT",
                        help="UDP address of the CTAPHID device (convention: 127.0.0.1:8111); "
                        "may also be given later with the 'target' command")
    parser.add_argument("--bind", default="127.0.0.1", help="local UDP address (default 127.0.0.1)")
    parser.add_argument("--local-port", type=int, default=0,
                        help="local UDP port the simulator answers to (0 = ephemeral, the default; "
                        "simulators with a fixed host port need 7112)")
    parser.add_argument("--ready-file", help="write the ready JSON here once the device exists")
    parser.add_argument("--no-plug", action="store_true", help="start without the device ('plug' adds it)")
    parser.add_argument("--vendor-id", type=lambda s: int(s, 0), default=DEFAULT_VENDOR_ID)
    parser.add_argument("--product-id", type=lambda s: int(s, 0), default=DEFAULT_PRODUCT_ID)
    parser.add_argument("--manufacturer", default=DEFAULT_MANUFACTURER)
    parser.add_argument("--product", default=DEFAULT_PRODUCT)
    parser.add_argument("--serial", default=DEFAULT_SERIAL)
    parser.add_argument("--verbose", action="store_true", help="log every report in hex on stderr")
    args = parser.parse_args(argv)
    Bridge(args).run()


if __name__ == "__main__":
    main()
