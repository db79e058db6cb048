#!/usr/bin/python3
"""Self-test of the fake hidraw harness, against the throwaway CTAPHID stub.

Run: /usr/bin/python3 -m unittest discover -s src/test/python -v
Skips (with the reason) when umockdev's GObject bindings or fido2-tools are not installed.
"""

import errno
import json
import select
import os
import shutil
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = "/usr/bin/python3"
PRELOAD = "libumockdev-preload.so.0"
INSTALL_HINT = "apt-get install umockdev libumockdev0 gir1.2-umockdev-1.0 python3-gi fido2-tools"


def missing_packages():
    missing = []
    probe = subprocess.run(
        [PYTHON, "-c", "import gi; gi.require_version('UMockdev', '1.0'); from gi.repository import UMockdev"],
        capture_output=True,
    )
    if probe.returncode != 0:
        missing.append("python3-gi + gir1.2-umockdev-1.0")
    if not any(os.path.exists(os.path.join(d, PRELOAD)) for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib")):
        missing.append("libumockdev0 (" + PRELOAD + ")")
    if shutil.which("fido2-token") is None:
        missing.append("fido2-tools")
    return missing


MISSING = missing_packages()


# Failure-only bounds: generous, since a loaded machine may stall any process for seconds.
def read_event(process, event, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            raise AssertionError("process ended before the %r event" % event)
        message = json.loads(line)
        if message.get("event") == event:
            return message
    raise AssertionError("no %r event within %.0f s" % (event, timeout))


@unittest.skipIf(MISSING, "native HID harness needs: %s; install with: %s" % (", ".join(MISSING), INSTALL_HINT))
class FakeHidrawTest(unittest.TestCase):
    def setUp(self):
        self.stub = subprocess.Popen([PYTHON, os.path.join(HERE, "ctaphid_stub.py")], stdout=subprocess.PIPE, text=True)
        port = read_event(self.stub, "ready")["port"]
        self.harness = subprocess.Popen(
            [PYTHON, os.path.join(HERE, "fake_hidraw.py"), "--simulator", "127.0.0.1:%d" % port],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.ready = read_event(self.harness, "ready")
        self.env = dict(os.environ, LD_PRELOAD=PRELOAD, UMOCKDEV_DIR=self.ready["umockdev_dir"])

    def tearDown(self):
        self.harness.stdin.close()
        self.harness.wait(10)
        self.stub.kill()
        self.stub.wait(10)
        self.harness.stdout.close()
        self.stub.stdout.close()
        self.assertFalse(os.path.exists(self.ready["umockdev_dir"]), "testbed directory left behind")

    def command(self, line, event):
        self.harness.stdin.write(line + "\n")
        self.harness.stdin.flush()
        return read_event(self.harness, event)

    def run_preloaded(self, *argv, timeout=60):
        return subprocess.run(list(argv), env=self.env, capture_output=True, text=True, timeout=timeout)

    def probe(self, devnode, *checks):
        result = self.run_preloaded(PYTHON, os.path.join(HERE, "hidraw_probe.py"), devnode, *checks)
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        return [json.loads(line) for line in result.stdout.splitlines()]

    def test_ready_describes_the_device(self):
        self.assertEqual(self.ready["devnode"], "/dev/hidraw0")
        self.assertEqual((self.ready["vendor_id"], self.ready["product_id"]), (0x1209, 0x0001))
        self.assertNotEqual(self.ready["local_port"], 0)

    def test_fido2_token_lists_the_device(self):
        result = self.run_preloaded("fido2-token", "-L")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(
            result.stdout.strip(),
            "/dev/hidraw0: vendor=0x1209, product=0x0001 (KeyDesk Software Authenticator (umockdev))",
        )

    def test_fido2_token_reads_get_info_through_the_bridge(self):
        result = self.run_preloaded("fido2-token", "-I", "/dev/hidraw0")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("version strings: FIDO_2_0", result.stdout)
        self.assertIn("aaguid: " + b"KD-STUB-AAGUID-1".hex(), result.stdout)
        self.assertIn("maxmsgsiz: 1200", result.stdout)

    def test_ioctls_answer_like_hidraw(self):
        info = self.probe("/dev/hidraw0", "ioctls")[0]
        self.assertEqual((info["bus"], info["vendor"], info["product"]), (3, 0x1209, 0x0001))
        self.assertEqual(info["name"], "KeyDesk Software Authenticator (umockdev)")
        self.assertEqual(info["phys"], "usb-0000:00:14.0-1/input0")
        self.assertEqual(info["uniq"], "KD-UMOCKDEV-0001")

    def test_one_write_is_one_report_and_one_read_returns_one_report(self):
        self.assertEqual(self.probe("/dev/hidraw0", "boundaries")[0]["reads"], [64, 16, 64, 64])
        stats = self.command("stats", "stats")
        self.assertEqual(stats["host_reports"], 5)  # INIT + PING in 4 reports
        self.assertEqual(stats["device_reports"], 5)
        self.assertEqual(stats["bad_writes"], 0)

    def test_a_write_without_report_id_is_refused(self):
        self.probe("/dev/hidraw0", "badwrite")
        self.assertEqual(self.command("stats", "stats")["bad_writes"], 1)

    def test_unplug_hangs_up_open_handles_and_removes_the_device(self):
        waiter = subprocess.Popen(
            [PYTHON, os.path.join(HERE, "hidraw_probe.py"), "/dev/hidraw0", "hangup"],
            env=self.env, stdout=subprocess.PIPE, text=True,
        )
        self.assertTrue(json.loads(waiter.stdout.readline())["waiting"])
        unplugged = self.command("unplug", "unplugged")
        self.assertEqual((unplugged["closed"], unplugged["removed"]), (True, True))
        self.assertEqual(waiter.wait(45), 0)
        waiter.stdout.close()
        listed = self.run_preloaded("fido2-token", "-L")
        self.assertEqual(listed.stdout.strip(), "")

    def test_unplug_on_write_pulls_the_key_out_while_the_host_waits(self):
        self.command("unplug-on-write", "unplug-armed")
        result = self.probe("/dev/hidraw0", "writehangup")[0]
        self.assertTrue(result["revents"] & select.POLLHUP)
        self.assertEqual(read_event(self.harness, "dropped")["report"][:14], "ffffffff860008")
        unplugged = read_event(self.harness, "unplugged")
        self.assertEqual((unplugged["closed"], unplugged["removed"]), (True, True))
        self.assertEqual(self.command("stats", "stats")["device_reports"], 0)

    def test_the_node_never_becomes_a_controlling_terminal(self):
        # Pitfall 9: after setsid, opening a terminal without O_NOCTTY would make it ours.
        script = (
            "import os\n"
            "os.open('/dev/hidraw0', os.O_RDWR)\n"
            "try:\n"
            "    os.open('/dev/tty', os.O_RDWR)\n"
            "    print('the node is our terminal')\n"
            "except OSError as e:\n"
            "    print('no terminal', e.errno)\n"
        )
        result = self.run_preloaded("setsid", "-w", PYTHON, "-c", script)
        self.assertEqual(result.stdout.strip(), "no terminal %d" % errno.ENXIO, result.stderr)

    def test_fido2_token_reads_a_pin_from_the_terminal_tty_answer_gives_it(self):
        result = subprocess.run(
            [PYTHON, os.path.join(HERE, "tty_answer.py"), "--timeout", "45", "--",
             "fido2-token", "-S", "/dev/hidraw0"],
            input="4242aa\n4242aa\n", env=self.env, capture_output=True, text=True, timeout=75,
        )
        # The prompts came and the PINs reached the tool; the stub answers clientPin with an error.
        self.assertIn("tty| Enter new PIN for /dev/hidraw0: \ntty| (answer 1 typed)\n", result.stderr)
        self.assertIn("tty| Enter the same PIN again: \ntty| (answer 2 typed)\n", result.stderr)

    def test_plug_after_unplug_brings_a_new_node_that_works(self):
        self.command("unplug", "unplugged")
        plugged = self.command("plug", "plugged")
        self.assertEqual(plugged["devnode"], "/dev/hidraw1")
        listed = self.run_preloaded("fido2-token", "-L")
        self.assertTrue(listed.stdout.startswith("/dev/hidraw1: vendor=0x1209, product=0x0001"), listed.stdout)
        self.assertEqual(self.probe("/dev/hidraw1", "boundaries")[0]["reads"], [64, 16, 64, 64])


if __name__ == "__main__":
    unittest.main()
