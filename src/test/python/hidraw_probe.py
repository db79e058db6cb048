#!/usr/bin/python3
"""A raw hidraw client for the harness self-test; runs under the umockdev preload.

Usage: hidraw_probe.py DEVNODE CHECK...   with checks:
  ioctls     the HIDIOCG* answers (descriptor, bus/vendor/product, name, phys, uniq)
  boundaries INIT, then a 200-byte PING whose 4 response reports are read with 65-byte and 16-byte
             buffers: every read returns exactly one report (or its first 16 bytes)
  badwrite   a 64-byte write without the report ID is refused with EINVAL
  hangup     waits in poll() until the device is unplugged and expects POLLHUP (prints "ready"
             on stdout first, so the caller knows when to unplug)
  writehangup
             writes an INIT request, then expects POLLHUP instead of an answer (the device was
             told to unplug on the next write)
Prints one JSON object per check on stdout and exits 1 at the first failed check.
"""

import errno
import fcntl
import json
import os
import select
import struct
import sys

REPORT = 64
FIDO_DESCRIPTOR = bytes.fromhex("06d0f10901a10109201500" "26ff0075089540810209211500" "26ff007508954091" "02c0")


def ioc_read(nr, size):
    return (2 << 30) | (size << 16) | (ord("H") << 8) | nr


def fail(message):
    print(json.dumps({"ok": False, "error": message}), flush=True)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


# Failure-only bounds: generous, since a loaded machine may stall any process for seconds.
READ_TIMEOUT_MS = 20000
HANGUP_TIMEOUT_MS = 30000


def read_report(fd, size=REPORT + 1, timeout_ms=READ_TIMEOUT_MS):
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    events = poller.poll(timeout_ms)
    expect(events, "no input report within %d ms" % timeout_ms)
    expect(not events[0][1] & (select.POLLHUP | select.POLLERR), "device hung up")
    return os.read(fd, size)


def check_ioctls(fd):
    size = struct.unpack("<I", fcntl.ioctl(fd, ioc_read(0x01, 4), b"\0" * 4))[0]
    expect(size == len(FIDO_DESCRIPTOR), "RDESCSIZE %d" % size)
    buf = bytearray(struct.pack("<I", size) + b"\0" * 4096)
    fcntl.ioctl(fd, ioc_read(0x02, 4100), buf)
    expect(buf[4 : 4 + size] == FIDO_DESCRIPTOR, "RDESC " + buf[4 : 4 + size].hex())
    bus, vendor, product = struct.unpack("<IHH", fcntl.ioctl(fd, ioc_read(0x03, 8), b"\0" * 8))
    name = fcntl.ioctl(fd, ioc_read(0x04, 256), b"\0" * 256).split(b"\0")[0].decode()
    phys = fcntl.ioctl(fd, ioc_read(0x05, 64), b"\0" * 64).split(b"\0")[0].decode()
    uniq = fcntl.ioctl(fd, ioc_read(0x08, 64), b"\0" * 64).split(b"\0")[0].decode()
    try:
        fcntl.ioctl(fd, ioc_read(0x07, 4), b"\0" * 4)  # HIDIOCGFEATURE-ish: not emulated
        fail("an unknown ioctl succeeded")
    except OSError as e:
        expect(e.errno in (errno.EINVAL, errno.ENOTTY), "unknown ioctl errno %d" % e.errno)
    return {"bus": bus, "vendor": vendor, "product": product, "name": name, "phys": phys, "uniq": uniq}


def check_boundaries(fd):
    nonce = bytes(range(1, 9))
    os.write(fd, b"\0" + (b"\xff" * 4 + b"\x86\x00\x08" + nonce).ljust(REPORT, b"\0"))
    init = read_report(fd)
    expect(len(init) == REPORT, "INIT response read returned %d bytes" % len(init))
    expect(init[7:15] == nonce, "INIT nonce mismatch")
    cid = init[15:19]
    payload = bytes((i * 7) & 0xFF for i in range(200))
    packets = [cid + b"\x81" + struct.pack(">H", len(payload)) + payload[:57]]
    offset, seq = 57, 0
    while offset < len(payload):
        packets.append(cid + bytes([seq]) + payload[offset : offset + 59])
        offset += 59
        seq += 1
    for packet in packets:
        written = os.write(fd, b"\0" + packet.ljust(REPORT, b"\0"))
        expect(written == REPORT + 1, "write returned %d" % written)
    lengths, echoed = [], b""
    for index in range(len(packets)):
        size = 16 if index == 1 else REPORT + 1
        report = read_report(fd, size)
        lengths.append(len(report))
        if size == 16:
            continue  # the rest of that report is dropped, like hidraw does
        echoed += report[7:] if index == 0 else report[5:]
    expect(lengths == [64, 16, 64, 64], "read lengths %s" % lengths)
    expect(echoed[:57] == payload[:57] and echoed[57:] == payload[116:] + b"\0" * (len(echoed) - 141),
           "PING echo mismatch")
    return {"reads": lengths}


def check_badwrite(fd):
    try:
        os.write(fd, b"\x01" * REPORT)
    except OSError as e:
        expect(e.errno == errno.EINVAL, "errno %d" % e.errno)
        return {"errno": "EINVAL"}
    fail("a write without report ID was accepted")


def check_hangup(fd):
    print(json.dumps({"ok": True, "check": "hangup", "waiting": True}), flush=True)
    return {"revents": await_hangup(fd)}


def check_writehangup(fd):
    nonce = bytes(range(1, 9))
    os.write(fd, b"\0" + (b"\xff" * 4 + b"\x86\x00\x08" + nonce).ljust(REPORT, b"\0"))
    return {"revents": await_hangup(fd)}


def await_hangup(fd):
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    events = poller.poll(HANGUP_TIMEOUT_MS)
    expect(events, "no event within %d ms after waiting for an unplug" % HANGUP_TIMEOUT_MS)
    expect(events[0][1] & select.POLLHUP, "poll events 0x%x without POLLHUP" % events[0][1])
    return events[0][1]


def main():
    devnode, checks = sys.argv[1], sys.argv[2:]
    fd = os.open(devnode, os.O_RDWR)
    for check in checks:
        result = globals()["check_" + check](fd)
        print(json.dumps(dict(ok=True, check=check, **result)), flush=True)
    os.close(fd)


if __name__ == "__main__":
    main()
