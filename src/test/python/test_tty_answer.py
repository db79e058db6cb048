#!/usr/bin/python3
"""Tests of tty_answer.py: prompts answered on a private terminal, with deadlines.

Run: /usr/bin/python3 -m unittest -v test_tty_answer   (from src/test/python)
"""

import os
import subprocess
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
TTY_ANSWER = os.path.join(HERE, "tty_answer.py")

# Asks twice on /dev/tty like readpassphrase (getpass also discards typed-ahead input), then
# says what it got and whether stdin is empty.
ASKS_TWICE = (
    "import getpass, sys\n"
    "first = getpass.getpass('Enter new PIN for /dev/hidraw0: ')\n"
    "second = getpass.getpass('Enter the same PIN again: ')\n"
    "print(first, second, repr(sys.stdin.read()))\n"
)


def run(answers, *command, timeout=20):
    return subprocess.run(
        [sys.executable, TTY_ANSWER, "--timeout", str(timeout), "--", *command],
        input="".join(a + "\n" for a in answers), capture_output=True, text=True,
        timeout=timeout + 60,  # failure-only: tty_answer's own deadline normally ends it
    )


class TtyAnswerTest(unittest.TestCase):
    def test_each_answer_is_typed_after_its_prompt(self):
        result = run(["4242aa", "9876zz"], sys.executable, "-c", ASKS_TWICE)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "4242aa 9876zz ''\n")
        self.assertEqual(
            result.stderr,
            "tty| Enter new PIN for /dev/hidraw0: \ntty| (answer 1 typed)\n"
            "tty| Enter the same PIN again: \ntty| (answer 2 typed)\n",
        )

    def test_a_prompt_without_an_answer_ends_the_command(self):
        # 125 (not 124) and the message show it ended at the unanswered prompt, not at the deadline.
        started = time.monotonic()
        result = run(["4242aa"], sys.executable, "-c", ASKS_TWICE, timeout=120)
        self.assertEqual(result.returncode, 125, result.stderr)
        self.assertIn("asked 'Enter the same PIN again:' but all 1 answers were used", result.stderr)
        self.assertLess(time.monotonic() - started, 120)

    def test_answers_not_asked_for_fail_a_successful_command(self):
        result = run(["4242aa", "9876zz", "extra"], sys.executable, "-c", ASKS_TWICE)
        self.assertEqual(result.returncode, 125)
        self.assertIn("succeeded but asked for only 2 of 3 answers", result.stderr)

    def test_the_exit_status_is_the_commands(self):
        self.assertEqual(run([], "sh", "-c", "exit 3").returncode, 3)
        self.assertEqual(run([], "sh", "-c", "kill -TERM $$").returncode, 128 + 15)

    def test_the_deadline_kills_the_command(self):
        # The shell must have printed its pid before the deadline, even on a loaded machine; the
        # sleep outlasts the deadline by far, so only the deadline can end it early.
        started = time.monotonic()
        result = run([], "sh", "-c", "echo $$; exec sleep 600", timeout=5)
        self.assertEqual(result.returncode, 124, result.stderr)
        self.assertIn("did not finish within 5 s; it was killed", result.stderr)
        self.assertLess(time.monotonic() - started, 60)
        self.assertRegex(result.stdout, r"^\d+\n$", "the shell did not print its pid: " + result.stderr)
        pid = int(result.stdout.split()[0])
        with self.assertRaises(ProcessLookupError):
            os.kill(pid, 0)

    def test_the_command_has_a_terminal_even_without_one_here(self):
        result = subprocess.run(
            ["setsid", "-w", sys.executable, TTY_ANSWER, "--", sys.executable, "-c",
             "import os; os.open('/dev/tty', os.O_RDWR); print('ok')"],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=30,
        )
        self.assertEqual((result.returncode, result.stdout), (0, "ok\n"), result.stderr)


if __name__ == "__main__":
    unittest.main()
