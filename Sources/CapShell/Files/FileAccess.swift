import Foundation

/// The one place CapShell reads and writes files (design.md "Layers"): relative paths resolve
/// against the directory of the script being run; writes are atomic (temporary file, then
/// rename), so a reader never sees half an export; `--safe` refuses every write.
public struct FileAccess: Sendable {
    public var baseDirectory: String
    public var writesAllowed: Bool
    /// Largest file read, in bytes: a planning shell has no business reading a 10 GB file into
    /// memory by accident.
    public var maximumReadBytes: Int

    public init(baseDirectory: String = FileManager.default.currentDirectoryPath, writesAllowed: Bool = true,
                maximumReadBytes: Int = 512 * 1024 * 1024) {
        self.baseDirectory = baseDirectory
        self.writesAllowed = writesAllowed
        self.maximumReadBytes = maximumReadBytes
    }

    public func resolve(_ path: String) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            expanded = (ProcessInfo.processInfo.environment["HOME"] ?? "") + expanded.dropFirst()
        }
        if expanded.hasPrefix("/") { return expanded }
        return (baseDirectory as NSString).appendingPathComponent(expanded)
    }

    /// The same access, for a script in `path`'s directory (`source`, `capplan run`).
    public func relative(toFileAt path: String) -> FileAccess {
        var copy = self
        copy.baseDirectory = (resolve(path) as NSString).deletingLastPathComponent
        return copy
    }

    public func readData(_ path: String) throws(FileError) -> Data {
        let full = resolve(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else {
            throw .notFound(path)
        }
        if isDirectory.boolValue { throw .isDirectory(path) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: full))?[.size] as? NSNumber,
           size.intValue > maximumReadBytes {
            throw .tooLarge(path, bytes: size.intValue)
        }
        guard let data = FileManager.default.contents(atPath: full) else { throw .unreadable(path) }
        return data
    }

    /// Reads a text file; bytes that are not UTF-8 become U+FFFD (and then a clear lex error).
    public func readText(_ path: String) throws(FileError) -> String {
        String(decoding: try readData(path), as: UTF8.self)
    }

    public func write(_ text: String, to path: String) throws(FileError) {
        guard writesAllowed else { throw .writesDisabled(path) }
        let full = resolve(path)
        let directory = (full as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .noDirectory(path)
        }
        let temporary = (directory as NSString).appendingPathComponent(".\((full as NSString).lastPathComponent).capplan-tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw .unwritable(path)
        }
        if rename(temporary, full) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .unwritable(path)
        }
    }
}

public enum FileError: Error, Hashable, Sendable {
    case notFound(String)
    case isDirectory(String)
    case unreadable(String)
    case tooLarge(String, bytes: Int)
    case noDirectory(String)
    case unwritable(String)
    case writesDisabled(String)

    public var message: String {
        switch self {
        case .notFound(let p): return "no such file '\(p)'"
        case .isDirectory(let p): return "'\(p)' is a directory, not a file"
        case .unreadable(let p): return "cannot read '\(p)'"
        case .tooLarge(let p, let bytes): return "'\(p)' is too large (\(bytes) bytes)"
        case .noDirectory(let p): return "cannot write '\(p)': its directory does not exist"
        case .unwritable(let p): return "cannot write '\(p)'"
        case .writesDisabled(let p): return "writing '\(p)' is disabled in safe mode"
        }
    }

    public var hint: String? {
        switch self {
        case .notFound: return "relative paths are read from the directory of the script being run"
        case .writesDisabled: return "start capplan without --safe to write files"
        default: return nil
        }
    }

    func languageError(_ span: Range<Int>?) -> LanguageError {
        LanguageError(.file, message, hint: hint, span: span)
    }
}
