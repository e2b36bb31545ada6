// Writing to the terminal's streams.
//
// Standard output is buffered here and written in blocks (print() costs a conformance check and
// a lock per call); standard error is written at once, after whatever standard output holds, so
// the two streams stay in order.

import CapShell
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

enum Terminal {
    /// Bytes for standard output not yet written. One thread writes (the main one); the lock
    /// only makes that checkable.
    private static let pending = Mutex<[UInt8]>([])
    /// Written once this much is pending.
    private static let blockSize = 1 << 16
    /// When standard output is a terminal, each statement's output is shown as it ends.
    private static let lineBuffered = isatty(STDOUT_FILENO) == 1

    static func sink(color: Bool) -> ScriptRunner.Sink {
        ScriptRunner.Sink(output: { text in
            write(text)
        }, error: { diagnostic in
            printError(diagnostic.rendered(color: color))
        })
    }

    /// Writes a line to standard output (buffered unless standard output is a terminal).
    static func write(_ text: String) {
        let full = pending.withLock { bytes in
            bytes.append(contentsOf: text.utf8)
            bytes.append(10)
            return bytes.count >= blockSize
        }
        if full || lineBuffered { flush() }
    }

    static func printError(_ text: String) {
        flush()
        writeAll(STDERR_FILENO, Array((text + "\n").utf8))
    }

    /// Writes everything pending for standard output.
    static func flush() {
        fflush(nil)
        let bytes = pending.withLock { bytes in
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        writeAll(STDOUT_FILENO, bytes)
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
