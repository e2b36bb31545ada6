// The history file: one entry a line, plain UTF-8 text, newest last, mode 0600.
//
// Each accepted line is appended at once (O_APPEND), so a killed terminal loses nothing and two
// shells open at the same time both keep their lines. The file is compacted (consecutive
// duplicates dropped, bounded to `limit` entries) when it is loaded and whenever it grows past
// 1.5x the limit; compaction writes a temporary file and renames it over the old one.
// libedit's own read_history/write_history are not used: they write a private "_HiStOrY_V2_"
// format with vis(3) escapes and create the file with the umask's mode.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

struct HistoryFile {
    let path: String
    let limit: Int
    /// Entries currently in the file (an estimate when other shells append too).
    private(set) var entriesInFile = 0
    /// The first write error, reported once by the editor.
    private(set) var writeError: String?

    init(path: String, limit: Int) {
        self.path = path
        self.limit = max(1, limit)
    }

    /// Where the history lives: `$CAPPLAN_HISTORY` if set (set but empty: no history file),
    /// else `$XDG_STATE_HOME/capplan/history` (when absolute), else
    /// `~/.local/state/capplan/history`. Nil when no home directory can be found.
    static func resolvePath(environment: (String) -> String?) -> String? {
        if let explicit = environment("CAPPLAN_HISTORY") {
            return explicit.isEmpty ? nil : TerminalEnvironment.expandTilde(explicit, environment: environment)
        }
        if let state = environment("XDG_STATE_HOME"), state.hasPrefix("/") {
            return join(state, "capplan/history")
        }
        guard let home = TerminalEnvironment.homeDirectory(environment: environment) else { return nil }
        return join(home, ".local/state/capplan/history")
    }

    /// Reads the file: consecutive duplicates and empty lines dropped, the newest `limit`
    /// entries kept. Rewrites the file when that changed anything. A missing file is empty.
    mutating func load() -> [String] {
        guard let bytes = Self.readAll(path) else {
            entriesInFile = 0
            return []
        }
        var entries: [String] = []
        for raw in bytes.split(separator: UInt8(ascii: "\n")) {
            let line = raw.last == UInt8(ascii: "\r") ? raw.dropLast() : raw
            let text = String(decoding: line, as: UTF8.self)
            if HistoryFile.isBlank(text) || entries.last == text { continue }
            entries.append(text)
        }
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        if Self.encode(entries) != bytes || !Self.hasMode0600(path) {
            rewrite(entries)
        } else {
            entriesInFile = entries.count
        }
        return entries
    }

    /// Appends one entry (the caller has already dropped blanks and consecutive duplicates).
    mutating func append(_ entry: String) {
        if !ensureParentDirectory() { return }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return noteError() }
        defer { close(fd) }
        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & 0o777 != 0o600 { fchmod(fd, 0o600) }
        // Entries are single lines: the editor never returns a newline inside a line.
        var bytes = Array(entry.utf8).map { $0 == UInt8(ascii: "\n") ? UInt8(ascii: " ") : $0 }
        bytes.append(UInt8(ascii: "\n"))
        guard Self.writeAll(fd, bytes) else { return noteError() }
        entriesInFile += 1
        if entriesInFile > limit + limit / 2 {
            _ = load()  // re-reads what every shell appended, compacts, rewrites
        }
    }

    /// Replaces the file atomically with `entries` (temporary file in the same folder, fsync,
    /// rename).
    private mutating func rewrite(_ entries: [String]) {
        if !ensureParentDirectory() { return }
        let temporary = path + ".tmp.\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return noteError() }
        fchmod(fd, 0o600)
        let ok = Self.writeAll(fd, Self.encode(entries)) && fsync(fd) == 0
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return noteError()
        }
        entriesInFile = entries.count
    }

    private mutating func noteError() {
        if writeError == nil {
            writeError = "cannot write history file \(path): \(String(cString: strerror(errno)))"
        }
    }

    /// mkdir -p of the file's folder, new folders 0700 (XDG: state is private to the user).
    private mutating func ensureParentDirectory() -> Bool {
        let bytes = Array(path.utf8)
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")), slash > 0 else { return true }
        var st = stat()
        if stat(String(decoding: bytes[..<slash], as: UTF8.self), &st) == 0 { return true }
        for end in 1...slash where end == slash || bytes[end] == UInt8(ascii: "/") {
            if bytes[end - 1] == UInt8(ascii: "/") { continue }
            let prefix = String(decoding: bytes[..<end], as: UTF8.self)
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                noteError()
                return false
            }
        }
        return true
    }

    private static func encode(_ entries: [String]) -> [UInt8] {
        var bytes: [UInt8] = []
        for entry in entries {
            bytes.append(contentsOf: entry.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }

    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
    }

    private static func hasMode0600(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600
    }

    private static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                result.append(contentsOf: buffer[0..<n])
            } else if n == 0 {
                return result
            } else if errno != EINTR {
                return nil
            }
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }
}

/// The user's environment as the path helpers see it.
enum TerminalEnvironment {
    /// A variable of the process environment.
    static func variable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// $HOME, or the home directory in the password database.
    static func homeDirectory(environment: (String) -> String? = variable) -> String? {
        if let home = environment("HOME"), !home.isEmpty { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let home = String(cString: dir)
        return home.isEmpty ? nil : home
    }

    /// `~` and `~/...` with the home directory put in; anything else unchanged.
    static func expandTilde(_ path: String, environment: (String) -> String? = variable) -> String {
        guard path == "~" || path.hasPrefix("~/"), let home = homeDirectory(environment: environment)
        else { return path }
        return home + path.dropFirst()
    }
}

private func join(_ directory: String, _ relative: String) -> String {
    directory.hasSuffix("/") ? directory + relative : directory + "/" + relative
}
