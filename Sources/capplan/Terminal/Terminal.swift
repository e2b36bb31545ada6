// Writing to the terminal's streams.
//
// Standard output goes through one OutputThread: results are rendered and written on a second
// thread, in order, while the next statements run. Standard error is written at once, after
// everything queued for standard output, so the two streams stay in order.

import CapShell
import Foundation
#if canImport(Glibc)
import Glibc
#endif

private let standardOutput = OutputThread()

enum Terminal {
    static func sink(color: Bool) -> ScriptRunner.Sink {
        ScriptRunner.Sink(rendering: { output in
            standardOutput.enqueue(output)
        }, error: { diagnostic in
            printError(diagnostic.rendered(color: color))
        })
    }

    /// Queues a line for standard output.
    static func write(_ text: String) {
        standardOutput.enqueue(.line(text))
    }

    static func printError(_ text: String) {
        flush()
        writeAll(STDERR_FILENO, Array((text + "\n").utf8))
    }

    /// Returns once everything queued for standard output is written.
    static func flush() {
        fflush(nil)
        standardOutput.flush()
    }

    /// write(2) until every byte is out (pipes take partial writes; EINTR is retried).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// In batch mode Ctrl-C ends the run at once with status 130 (128 + SIGINT).
    static func exitOnInterruptInBatchMode() {
        signal(SIGINT) { _ in _exit(130) }
    }
}

/// Renders results and writes standard output on its own thread, in the order they were queued.
///
/// Rendering a replayed plan's tables is about a sixth of its time, and freeing them afterwards
/// more; here both overlap with running the next statements. The thread is woken once per
/// `batch` items (waking it for every statement would cost more than it saves) or by `flush`,
/// and writes in 64 KiB blocks (print() costs a conformance check and a lock per call). It is
/// started by the first item, so `capplan -c quit` never starts it.
final class OutputThread: @unchecked Sendable {
    // @unchecked: the stored properties below are shared only under `condition`'s lock (the
    // thread alone writes `flushesDone`, so it may read it without).
    private let condition = NSCondition()
    private var queue: [ScriptOutput] = []
    /// Flushes asked for, and the last one the thread completed: `flush` waits for its ticket.
    private var flushesRequested = 0
    private var flushesDone = 0
    private var started = false
    private let batch = 64

    func enqueue(_ item: ScriptOutput) {
        condition.lock()
        queue.append(item)
        if !started {
            started = true
            let thread = Thread { [self] in run() }
            thread.start()
        }
        if queue.count >= batch { condition.broadcast() }
        condition.unlock()
    }

    /// Returns once every item queued before the call is written.
    func flush() {
        condition.lock()
        defer { condition.unlock() }
        guard started else { return }
        flushesRequested += 1
        let ticket = flushesRequested
        condition.broadcast()
        while flushesDone < ticket { condition.wait() }
    }

    private func run() {
        // Process signals stay with the main thread: the interactive line editor relies on
        // Ctrl-C interrupting its read(2). SIGPIPE is left alone, so that `capplan plan.cap |
        // head` ends when head does, as it would if the main thread wrote.
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT, SIGWINCH, SIGTTIN, SIGTTOU, SIGALRM, SIGCHLD] {
            sigaddset(&signals, signal)
        }
        pthread_sigmask(SIG_BLOCK, &signals, nil)

        var items: [ScriptOutput] = []
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 17)
        while true {
            condition.lock()
            while queue.count < batch && flushesDone == flushesRequested { condition.wait() }
            swap(&items, &queue)
            let ticket = flushesRequested
            condition.unlock()

            for item in items {
                item.write(to: &bytes)
                if bytes.count >= 1 << 16 {
                    Terminal.writeAll(STDOUT_FILENO, bytes)
                    bytes.removeAll(keepingCapacity: true)
                }
            }
            // Freed here, not on the main thread.
            items.removeAll(keepingCapacity: true)
            guard ticket > flushesDone else { continue }
            Terminal.writeAll(STDOUT_FILENO, bytes)
            bytes.removeAll(keepingCapacity: true)
            condition.lock()
            flushesDone = ticket
            condition.broadcast()
            condition.unlock()
        }
    }
}
