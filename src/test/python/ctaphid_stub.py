#!/usr/bin/python3
"""A throwaway CTAPHID responder over UDP, only for checking the fake hidraw harness itself.

It answers INIT, PING (any length, multi-packet), WINK, CANCEL (ignored) and, over CBOR, a canned
authenticatorGetInfo; everything else gets CTAPHID ERROR 0x01 or CTAP1_ERR_INVALID_COMMAND. It is
not an authenticator: the real tests put KeyDesk's software authenticator behind the bridge.

Prints {"event": "ready", "port": N} on stdout, then replies to whoever sent each datagram.
"""

import argparse
import json
import os
import socket
import struct
import sys

REPORT_SIZE = 64
INIT_DATA = REPORT_SIZE - 7
CONT_DATA = REPORT_SIZE - 5
BROADCAST = 0xFFFFFFFF

PING, MSG, INIT, WINK, CBOR, CANCEL, ERROR = 0x01, 0x03, 0x06, 0x08, 0x10, 0x11, 0x3F
ERR_INVALID_CMD, ERR_INVALID_SEQ, ERR_CHANNEL_BUSY, ERR_INVALID_CHANNEL = 0x01, 0x04, 0x06, 0x0B
CAPABILITIES = 0x01 | 0x04 | 0x08  # WINK, CBOR, NMSG
CTAP_GET_INFO = 0x04
CTAP1_ERR_INVALID_COMMAND = 0x01

# {1: ["FIDO_2_0"], 3: h'4b44...' (AAGUID "KD-STUB-AAGUID-1"), 4: {"rk": false, "up": true},
#  5: 1200} in canonical CTAP2 CBOR.
STUB_AAGUID = b"KD-STUB-AAGUID-1"
GET_INFO_RESPONSE = (
    b"\x00"
    + b"\xa4"
    + b"\x01\x81\x68FIDO_2_0"
    + b"\x03\x50" + STUB_AAGUID
    + b"\x04\xa2\x62rk\xf4\x62up\xf5"
    + b"\x05\x19\x04\xb0"
)


def frames(cid, cmd, payload):
    head = struct.pack(">IBH", cid, 0x80 | cmd, len(payload)) + payload[:INIT_DATA]
    out = [head.ljust(REPORT_SIZE, b"\0")]
    offset, seq = INIT_DATA, 0
    while offset < len(payload):
        out.append((struct.pack(">IB", cid, seq) + payload[offset : offset + CONT_DATA]).ljust(REPORT_SIZE, b"\0"))
        offset += CONT_DATA
        seq += 1
    return out


class Stub:
    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", port))
        self.next_cid = 0x4B440001
        self.partial = {}  # cid -> [cmd, length, bytearray, next_seq]

    def send(self, addr, cid, cmd, payload):
        for report in frames(cid, cmd, payload):
            self.sock.sendto(report, addr)

    def handle(self, addr, packet):
        if len(packet) != REPORT_SIZE:
            print("stub: ignoring %d-byte datagram" % len(packet), file=sys.stderr)
            return
        cid = struct.unpack(">I", packet[:4])[0]
        if packet[4] & 0x80:
            cmd = packet[4] & 0x7F
            length = struct.unpack(">H", packet[5:7])[0]
            if cmd == CANCEL:
                return
            self.partial[cid] = [cmd, length, bytearray(packet[7 : 7 + min(length, INIT_DATA)]), 0]
        else:
            state = self.partial.get(cid)
            if state is None:
                return
            if packet[4] != state[3]:
                del self.partial[cid]
                self.send(addr, cid, ERROR, bytes([ERR_INVALID_SEQ]))
                return
            state[3] += 1
            state[2] += packet[5 : 5 + min(state[1] - len(state[2]), CONT_DATA)]
        cmd, length, data, _ = self.partial[cid]
        if len(data) < length:
            return
        del self.partial[cid]
        self.dispatch(addr, cid, cmd, bytes(data))

    def dispatch(self, addr, cid, cmd, data):
        if cmd == INIT:
            if len(data) != 8:
                self.send(addr, cid, ERROR, bytes([0x03]))
                return
            new_cid = cid
            if cid == BROADCAST:
                new_cid = self.next_cid
                self.next_cid += 1
            self.send(addr, cid, INIT, data + struct.pack(">IBBBBB", new_cid, 2, 1, 0, 0, CAPABILITIES))
        elif cid == BROADCAST or cid == 0:
            self.send(addr, cid, ERROR, bytes([ERR_INVALID_CHANNEL]))
        elif cmd == PING:
            self.send(addr, cid, PING, data)
        elif cmd == WINK:
            self.send(addr, cid, WINK, b"")
        elif cmd == CBOR:
            if data[:1] == bytes([CTAP_GET_INFO]):
                self.send(addr, cid, CBOR, GET_INFO_RESPONSE)
            else:
                self.send(addr, cid, CBOR, bytes([CTAP1_ERR_INVALID_COMMAND]))
        else:
            self.send(addr, cid, ERROR, bytes([ERR_INVALID_CMD]))

    def run(self):
        print(json.dumps({"event": "ready", "port": self.sock.getsockname()[1], "pid": os.getpid()}), flush=True)
        while True:
            packet, addr = self.sock.recvfrom(4096)
            self.handle(addr, packet)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="UDP port (0 = ephemeral)")
    Stub(parser.parse_args().port).run()


if __name__ == "__main__":
    main()
