#!/usr/bin/env python3
"""Interactive test of the capplan shell, driven through a pseudo-terminal.

    python3 Tests/interactive/test_interactive.py .build/release/capplan [--prompt 'capplan> ']

Starts the binary on a pty (TERM=xterm, 24x80), types into it like a user and checks what the
screen shows. The program's output is fed into a small terminal emulator (below) so that checks
read the rendered prompt line and cursor, not libedit's cursor-movement escapes; the cursor
column tells a completed "help " (with its space) from "help".

Checks: Tab completion of a command word, of a sub-word, of a workload name defined in the
session; Ctrl-C on a half-typed line returns to a fresh prompt and the shell keeps running;
history from one run is there in the next (Up arrow), in a file of mode 0600 without
consecutive duplicates; `quit` and Ctrl-D both exit 0.

The environment is isolated: CAPPLAN_HISTORY, HOME, XDG_CONFIG_HOME and XDG_STATE_HOME point into
a temporary folder (no rc file, no ~/.editrc), NO_COLOR=1, LANG=C.UTF-8.
Needs: Python 3 and pexpect. Exit status 0 when every check passed, 1 otherwise, 2 on usage
errors. The last line printed is 'N passed, N failed'.
"""

import argparse
import os
import re
import shutil
import stat
import sys
import tempfile
import time

try:
    import pexpect
except ImportError:  # pragma: no cover
    print("test_interactive.py: Python's pexpect is required (apt-get install python3-pexpect)",
          file=sys.stderr)
    print("0 passed, 1 failed")
    sys.exit(1)

ROWS, COLS = 24, 80


class Screen:
    """Just enough of a VT100/xterm to render what a line editor writes: printable text,
    CR/LF/BS/TAB, CSI cursor motion and erasing (A B C D G H f d K J P @ X L M), with SGR and
    mode changes ignored, OSC strings skipped, and scrolling at the bottom."""

    def __init__(self, rows=ROWS, cols=COLS):
        self.rows, self.cols = rows, cols
        self.grid = [[" "] * cols for _ in range(rows)]
        self.row = self.col = 0
        self.wrap_pending = False
        self.state = "text"
        self.params = ""

    def feed(self, text):
        for ch in text:
            self._char(ch)

    def _scroll(self):
        self.grid.pop(0)
        self.grid.append([" "] * self.cols)

    def _linefeed(self):
        if self.row == self.rows - 1:
            self._scroll()
        else:
            self.row += 1

    def _char(self, ch):
        if self.state == "esc":
            if ch == "[":
                self.state, self.params = "csi", ""
            elif ch == "]":
                self.state = "osc"
            elif ch in "()#%":
                self.state = "esc-arg"
            else:
                self.state = "text"  # ESC =, ESC >, ESC 7, ESC 8, ...: no visible effect here
            return
        if self.state == "esc-arg":
            self.state = "text"
            return
        if self.state == "osc":
            if ch == "\x07":
                self.state = "text"
            elif ch == "\x1b":
                self.state = "esc"
            return
        if self.state == "csi":
            if "\x40" <= ch <= "\x7e":
                self.state = "text"
                self._csi(self.params, ch)
            else:
                self.params += ch
            return
        if ch == "\x1b":
            self.state = "esc"
        elif ch == "\r":
            self.col, self.wrap_pending = 0, False
        elif ch == "\n":
            self._linefeed()
            self.wrap_pending = False
        elif ch == "\b":
            self.col, self.wrap_pending = max(0, self.col - 1), False
        elif ch == "\t":
            self.col = min(self.cols - 1, (self.col // 8 + 1) * 8)
        elif ch < " " or ch == "\x7f":
            pass  # BEL and other controls
        else:
            if self.wrap_pending:
                self.col, self.wrap_pending = 0, False
                self._linefeed()
            self.grid[self.row][self.col] = ch
            if self.col == self.cols - 1:
                self.wrap_pending = True
            else:
                self.col += 1

    def _csi(self, params, final):
        private = params.startswith("?") or params.startswith(">")
        numbers = [int(p) if p.isdigit() else 0 for p in params.lstrip("?>").split(";")] if params else []
        n = numbers[0] if numbers and numbers[0] > 0 else 1
        self.wrap_pending = False
        line = self.grid[self.row]
        if private or final in "mhlrnstq":
            return
        if final == "A":
            self.row = max(0, self.row - n)
        elif final == "B":
            self.row = min(self.rows - 1, self.row + n)
        elif final == "C":
            self.col = min(self.cols - 1, self.col + n)
        elif final == "D":
            self.col = max(0, self.col - n)
        elif final == "G" or final == "`":
            self.col = min(self.cols - 1, n - 1)
        elif final == "d":
            self.row = min(self.rows - 1, n - 1)
        elif final in "Hf":
            r = numbers[0] if len(numbers) > 0 and numbers[0] > 0 else 1
            c = numbers[1] if len(numbers) > 1 and numbers[1] > 0 else 1
            self.row, self.col = min(self.rows - 1, r - 1), min(self.cols - 1, c - 1)
        elif final == "K":
            mode = numbers[0] if numbers else 0
            if mode == 0:
                line[self.col:] = [" "] * (self.cols - self.col)
            elif mode == 1:
                line[: self.col + 1] = [" "] * (self.col + 1)
            else:
                line[:] = [" "] * self.cols
        elif final == "J":
            mode = numbers[0] if numbers else 0
            if mode == 0:
                line[self.col:] = [" "] * (self.cols - self.col)
                for r in range(self.row + 1, self.rows):
                    self.grid[r] = [" "] * self.cols
            elif mode == 1:
                for r in range(0, self.row):
                    self.grid[r] = [" "] * self.cols
                line[: self.col + 1] = [" "] * (self.col + 1)
            else:
                self.grid = [[" "] * self.cols for _ in range(self.rows)]
        elif final == "P":
            del line[self.col: self.col + n]
            line.extend([" "] * (self.cols - len(line)))
        elif final == "@":
            for _ in range(n):
                line.insert(self.col, " ")
            del line[self.cols:]
        elif final == "X":
            end = min(self.cols, self.col + n)
            line[self.col:end] = [" "] * (end - self.col)
        elif final == "L":
            for _ in range(n):
                self.grid.insert(self.row, [" "] * self.cols)
                self.grid.pop()
        elif final == "M":
            for _ in range(n):
                self.grid.pop(self.row)
                self.grid.append([" "] * self.cols)

    def cursor_line(self):
        return "".join(self.grid[self.row]).rstrip()

    def text(self):
        return "\n".join("".join(r).rstrip() for r in self.grid).rstrip()


class CheckFailed(Exception):
    pass


class Shell:
    """One running capplan on a pty, with its screen."""

    def __init__(self, binary, prompt, env, timeout):
        self.prompt, self.timeout = prompt, timeout
        self.screen = Screen()
        self.transcript = ""
        command, arguments = (binary[0], list(binary[1:])) if isinstance(binary, list) else (binary, [])
        self.child = pexpect.spawn(command, arguments, env=env, encoding="utf-8", codec_errors="replace",
                                   dimensions=(ROWS, COLS), timeout=timeout)

    def pump(self, seconds=0.05):
        """Reads whatever the program wrote within `seconds` into the screen."""
        deadline = time.time() + seconds
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=max(0.0, deadline - time.time()))
            except pexpect.TIMEOUT:
                return
            except pexpect.EOF:
                return
            self.transcript += data
            self.screen.feed(data)
            if time.time() >= deadline:
                return

    def wait_until(self, predicate, what):
        deadline = time.time() + self.timeout
        while time.time() < deadline:
            self.pump(0.05)
            if predicate():
                # let a trailing redraw settle, then insist it still holds
                self.pump(0.15)
                if predicate():
                    return
        raise CheckFailed(f"timed out waiting for {what}; the cursor line is "
                          f"{self.screen.cursor_line()!r} (column {self.screen.col}); "
                          f"screen:\n{self.screen.text()}")

    def at_line(self, text):
        """The cursor line shows prompt + text and the cursor is right after it."""
        full = self.prompt + text
        return (self.screen.cursor_line() == full.rstrip()
                and self.screen.col == len(full))

    def wait_for_prompt(self, text=""):
        self.wait_until(lambda: self.at_line(text), f"the prompt {self.prompt + text!r}")

    def send(self, keys):
        self.child.send(keys)

    def type_line(self, line):
        """Types a whole line, presses Return and waits for the next empty prompt."""
        self.send(line)
        self.wait_for_prompt(line)
        self.send("\r")
        self.wait_for_prompt()

    def clear_line(self):
        self.send("\x01\x0b")  # Ctrl-A, Ctrl-K: start of line, kill to end
        self.wait_for_prompt()

    def wait_exit(self):
        try:
            self.child.expect(pexpect.EOF, timeout=self.timeout)
        except pexpect.TIMEOUT:
            raise CheckFailed("the shell did not exit; screen:\n" + self.screen.text())
        self.child.close()
        return self.child.exitstatus, self.child.signalstatus

    def kill(self):
        if self.child.isalive():
            self.child.terminate(force=True)


def main():
    parser = argparse.ArgumentParser(description="Interactive (pty) test of the capplan shell.")
    parser.add_argument("binary", help="path to the built capplan executable")
    parser.add_argument("--prompt", default="capplan> ", help="the shell's prompt (default: %(default)r)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for each step")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    binary = os.path.abspath(args.binary)
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"test_interactive.py: not an executable: {args.binary}", file=sys.stderr)
        print("0 passed, 1 failed")
        sys.exit(2)

    work = tempfile.mkdtemp(prefix="capplan-interactive-")
    history = os.path.join(work, "state", "capplan", "history")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CAPPLAN_", "XDG_", "LC_"))}
    env.update({
        "TERM": "xterm", "LANG": "C.UTF-8", "NO_COLOR": "1",
        "HOME": os.path.join(work, "home"),
        "XDG_CONFIG_HOME": os.path.join(work, "config"),
        "XDG_STATE_HOME": os.path.join(work, "state"),
        "CAPPLAN_HISTORY": history,
        "COLUMNS": str(COLS), "LINES": str(ROWS),
    })
    os.makedirs(env["HOME"])
    os.makedirs(env["XDG_CONFIG_HOME"])

    passed, failed = [], []
    shells = []

    def start(*extra):
        shell = Shell([binary, *extra] if extra else binary, args.prompt, env, args.timeout)
        shells.append(shell)
        shell.wait_for_prompt()
        return shell

    def check(name, body):
        try:
            body()
        except CheckFailed as error:
            failed.append(name)
            print(f"FAIL {name}: {error}")
        except Exception as error:  # a crash of the test itself counts as a failure
            failed.append(name)
            print(f"FAIL {name}: {type(error).__name__}: {error}")
        else:
            passed.append(name)
            print(f"ok   {name}")

    marker = f"# interactive-test-marker {os.getpid()}"
    state = {}

    def first_run_starts():
        state["run1"] = start()

    def complete_command_word():
        shell = state["run1"]
        shell.clear_line()
        shell.send("hel")
        shell.wait_for_prompt("hel")
        shell.send("\t")
        shell.wait_for_prompt("help ")
        shell.clear_line()

    def complete_sub_word():
        shell = state["run1"]
        shell.clear_line()
        shell.send("add wor")
        shell.wait_for_prompt("add wor")
        shell.send("\t")
        shell.wait_for_prompt("add workload ")
        shell.clear_line()

    def complete_workload_name():
        shell = state["run1"]
        shell.clear_line()
        shell.type_line("add workload chat rps=10")
        shell.send("show workload ch")
        shell.wait_for_prompt("show workload ch")
        shell.send("\t")
        shell.wait_for_prompt("show workload chat ")
        shell.send("\r")
        shell.wait_for_prompt()

    def ctrl_c_keeps_running():
        shell = state["run1"]
        shell.clear_line()
        shell.send("add workload half typed")
        shell.wait_for_prompt("add workload half typed")
        shell.send("\x03")
        shell.wait_for_prompt()
        if not shell.child.isalive():
            raise CheckFailed("the shell exited on Ctrl-C")
        if "add workload half typed" not in shell.screen.text():
            raise CheckFailed("the abandoned line vanished from the screen (expected it above the new prompt)")
        # the shell still reads and runs lines
        shell.type_line("show workloads")
        if not shell.child.isalive():
            raise CheckFailed("the shell exited after Ctrl-C")

    def ctrl_d_exits_zero():
        shell = state["run1"]
        shell.clear_line()
        shell.type_line(marker)
        shell.type_line(marker)  # a consecutive duplicate: must be stored once
        shell.send("\x04")
        status, signal = shell.wait_exit()
        if status != 0:
            raise CheckFailed(f"Ctrl-D on an empty line: exit status {status}, signal {signal}; expected 0")

    def history_file_written():
        if not os.path.exists(history):
            raise CheckFailed(f"no history file at CAPPLAN_HISTORY={history}")
        mode = stat.S_IMODE(os.stat(history).st_mode)
        if mode != 0o600:
            raise CheckFailed(f"history file mode is {oct(mode)}, expected 0o600")
        with open(history, encoding="utf-8", errors="replace") as f:
            entries = [line.rstrip("\n") for line in f]
        if marker not in entries:
            raise CheckFailed(f"{marker!r} is not in the history file: {entries!r}")
        duplicates = [a for a, b in zip(entries, entries[1:]) if a == b]
        if duplicates:
            raise CheckFailed(f"consecutive duplicates in the history file: {duplicates!r}")
        if any(not e.strip() for e in entries):
            raise CheckFailed("empty entries in the history file")

    def history_in_second_run():
        shell = state["run2"] = start()
        shell.send("\x1b[A")  # Up arrow (xterm normal cursor mode)
        shell.wait_for_prompt(marker)
        shell.send("\x1b[A")  # the duplicate was not stored: one more Up reaches the line before it
        shell.wait_until(lambda: shell.screen.cursor_line().startswith(args.prompt)
                         and not shell.at_line(marker),
                         "the entry before the marker")
        shell.clear_line()

    def quit_exits_zero():
        shell = state.get("run2") or start()
        shell.send("quit\r")
        status, signal = shell.wait_exit()
        if status != 0:
            raise CheckFailed(f"`quit`: exit status {status}, signal {signal}; expected 0")

    def killed_terminal_loses_nothing():
        # The journal keeps the session; a SIGKILL (a dead terminal) loses nothing.
        shell = start()
        shell.type_line("add workload journaled rps=42 per_instance=2rps")
        shell.type_line("let kept = 7 rps")
        shell.child.kill(9)
        shell.wait_exit()
        recovered = start("--recover")
        recovered.type_line("show workloads")
        recovered.type_line("kept")
        recovered.wait_until(lambda: "journaled" in recovered.screen.text() and "7 rps" in recovered.screen.text(),
                             "the recovered workload and variable")
        recovered.send("quit\r")
        recovered.wait_exit()

    check("start: the prompt appears", first_run_starts)
    if not failed:
        check("Tab completes 'hel' to 'help '", complete_command_word)
        check("Tab completes 'add wor' to 'add workload '", complete_sub_word)
        check("Tab completes a workload name after 'show workload '", complete_workload_name)
        check("Ctrl-C abandons a half-typed line and the shell keeps running", ctrl_c_keeps_running)
        check("Ctrl-D on an empty line exits 0", ctrl_d_exits_zero)
        check("history file: mode 0600, no consecutive duplicates", history_file_written)
        check("history from the first run is there in the second (Up arrow)", history_in_second_run)
        check("`quit` exits 0", quit_exits_zero)
        check("--recover rebuilds a session whose terminal was killed", killed_terminal_loses_nothing)

    for shell in shells:
        shell.kill()
    if failed and shells:
        print("--- transcript of the last run (escapes shown) ---")
        print(repr(shells[-1].transcript[-3000:]))
    if args.keep or failed:
        print(f"temporary folder kept: {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{len(passed)} passed, {len(failed)} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
