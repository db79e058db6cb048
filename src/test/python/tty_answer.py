#!/usr/bin/python3
"""Runs a command with a private controlling terminal and answers its terminal prompts.

    tty_answer.py [--timeout SECONDS] [--prompt REGEX] -- COMMAND [ARG...]

The answers (PINs, say) are read from stdin, one per line, until end of input, before COMMAND
starts; they never appear on a command line. COMMAND gets a new session whose controlling terminal
is a fresh pty held by this script, /dev/null as stdin, and this script's stdout and stderr. Each
time the terminal shows a prompt (text since the last answer matching --prompt, by default
"...: " at the end), the next answer and a newline are typed. Everything the terminal shows is
copied to stderr as "tty| ..." lines; answers are shown as "(answer N typed)".

Why: libfido2's tools read PINs with readpassphrase(3), which opens /dev/tty and only falls back
to stdin when there is no terminal at all. It sets the terminal with TCSAFLUSH (pending input is
discarded), so answers must be typed after each prompt, not queued before. A command started
with setsid(1) and no terminal is worse off under the fake hidraw device: the device node is a
pty, and a session leader without a controlling terminal that opens a tty (without O_NOCTTY)
acquires it as its controlling terminal -- /dev/tty becomes the fake key itself, the prompt is
written into the key and the PIN read waits for the key's reports forever (pitfall 9 of
fake_hidraw.py). With our own pty as controlling terminal, opening the node changes nothing.

Exit status: COMMAND's (128+N when killed by signal N); 124 when the deadline passed (the command
is killed); 125 when it asked more questions than there were answers (the command is killed) or
succeeded without asking for all of them.
"""

import argparse
import ctypes
import errno
import fcntl
import os
import re
import select
import signal
import sys
import termios
import time

EXIT_TIMEOUT = 124
EXIT_CONVERSATION = 125
PR_SET_PDEATHSIG = 1


def say(message):
    print("tty_answer: " + message, file=sys.stderr, flush=True)


def show(text):
    for line in text.splitlines():
        if line.strip():
            print("tty| " + line, file=sys.stderr, flush=True)


def start(command, slave):
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    try:
        # Die with this script, whatever kills it (SIGKILL included): no orphaned tools.
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(EXIT_CONVERSATION)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.execvp(command[0], command)
    except OSError as e:
        print("tty_answer: cannot start %s: %s" % (command[0], e), file=sys.stderr, flush=True)
    os._exit(127)


def status_of(wait_status):
    if os.WIFSIGNALED(wait_status):
        return 128 + os.WTERMSIG(wait_status)
    return os.WEXITSTATUS(wait_status)


def kill(pid):
    """The command leads its own session and process group: end the whole group."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)


def converse(command, answers, timeout, prompt):
    master, slave = os.openpty()  # both close on exec
    pid = start(command, slave)
    # The slave stays open here, so reading the master blocks instead of failing with EIO
    # while the command has no handle on its terminal.
    signal.signal(signal.SIGTERM, lambda *_: (kill(pid), sys.exit(128 + signal.SIGTERM)))
    pidfd = os.pidfd_open(pid)
    deadline = time.monotonic() + timeout
    shown = ""  # terminal output since the last answer
    typed = 0
    exited = None
    while exited is None:
        left = deadline - time.monotonic()
        if left <= 0:
            kill(pid)
            show(shown)
            say("%s did not finish within %g s; it was killed" % (command[0], timeout))
            return EXIT_TIMEOUT
        readable, _, _ = select.select([master, pidfd], [], [], left)
        if pidfd in readable:
            exited = status_of(os.waitpid(pid, 0)[1])
        if master in readable or exited is not None:
            shown += drain(master)
        while exited is None and prompt.search(shown):
            show(shown)
            if typed == len(answers):
                kill(pid)
                say("%s asked %r but all %d answers were used; it was killed"
                    % (command[0], shown.strip(), len(answers)))
                return EXIT_CONVERSATION
            typed += 1
            # Logged before the answer is typed: the command writes to the same stderr and may
            # answer (or fail) before this script runs again, which would reorder the transcript.
            print("tty| (answer %d typed)" % typed, file=sys.stderr, flush=True)
            os.write(master, answers[typed - 1].encode("utf-8") + b"\n")
            shown = ""
    show(shown)
    if exited == 0 and typed < len(answers):
        say("%s succeeded but asked for only %d of %d answers" % (command[0], typed, len(answers)))
        return EXIT_CONVERSATION
    return exited


def drain(master):
    """What the terminal shows right now, without waiting."""
    chunks = []
    while select.select([master], [], [], 0)[0]:
        try:
            chunk = os.read(master, 4096)
        except OSError as e:
            if e.errno == errno.EIO:
                break
            raise
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace").replace("\r", "")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--timeout", type=float, default=50.0, help="seconds (default 50)")
    parser.add_argument("--prompt", default=r":\s*$", help="regex ending a prompt (default ': ')")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    answers = sys.stdin.read().splitlines()
    sys.exit(converse(command, answers, args.timeout, re.compile(args.prompt)))


if __name__ == "__main__":
    main()
