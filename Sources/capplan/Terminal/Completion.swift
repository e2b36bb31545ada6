// Tab completion: the bridge from libedit's readline-compatible completion hook to a Swift
// provider, and a reusable file-path completer.
//
// libedit calls `rl_attempted_completion_function` with the word before the cursor (split at
// `wordBreakCharacters`). The provider returns candidate replacements for that word; libedit
// inserts their longest common prefix on the first Tab and lists them on the second (readline
// style). A unique candidate gets a space appended, unless it ends in "/" (a directory: keep
// completing inside it), "=" (an option name: the value follows) or already in a space.

@preconcurrency import CLibEdit
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The completion provider: `line` is the whole line, `wordStart` and `cursor` are offsets in
/// Characters into it (`line.prefix(cursor)` is the text before the cursor, and the word being
/// completed is the Characters from `wordStart` to `cursor`). Returns candidate replacements for
/// that word (order does not matter; libedit sorts the list it shows).
typealias CompletionProvider = @Sendable (_ line: String, _ wordStart: Int, _ cursor: Int) -> [String]

/// Read by the C callback; a Mutex so that it is a Sendable global.
private let completionProvider = Mutex<CompletionProvider?>(nil)

extension LineEditor {
    /// Characters that end a word for completion: readline's defaults plus ",", so that list
    /// values (`workloads=a,b`) complete item by item. "=" splits `model=llama` so the value
    /// completes on its own; "-", ".", "/" and "~" do not split (names, `sla.ttft`, paths).
    static let wordBreakCharacters = " \t\n\"\\'`@$><=;|&{(,"

    /// Sets (or with nil, removes) the completion provider used by every LineEditor.
    static func setCompletionProvider(_ provider: CompletionProvider?) {
        completionProvider.withLock { $0 = provider }
    }

    /// Hooks libedit's completion to `completionProvider`. Called by `init` (after
    /// rl_initialize, which binds Tab to rl_complete).
    static func installCompletionHook() {
        rl_basic_word_break_characters = UnsafePointer(wordBreakCString)
        rl_completion_append_character = 0x20
        rl_attempted_completion_function = { text, start, end in
            attemptedCompletion(text, start, end)
        }
    }
}

/// A C string that lives as long as the process (libedit keeps the pointer).
nonisolated(unsafe) private let wordBreakCString: UnsafeMutablePointer<CChar> =
    strdup(LineEditor.wordBreakCharacters)!

/// The `rl_attempted_completion_function`. Returns a malloc'ed, NULL-terminated array: [0] is the
/// text that replaces the word (the candidates' common prefix), then the candidates. NULL means no candidates (and `rl_attempted_completion_over` stops libedit from falling
/// back to completing file names in the current directory).
private func attemptedCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1
    rl_completion_append_character = 0x20
    guard let provider = completionProvider.withLock({ $0 }) else { return nil }

    // rl_line_buffer/rl_point are bytes; libedit's start/end count wide characters. Work in bytes
    // and convert to Characters for the provider.
    let word = text.map { String(cString: $0) } ?? ""
    let lineBytes: [UInt8]
    if let buffer = rl_line_buffer {
        lineBytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: strlen(buffer)))
    } else {
        lineBytes = Array(word.utf8)
    }
    let cursorByte = min(max(0, Int(rl_point)), lineBytes.count)
    let wordBytes = Array(word.utf8)
    var wordStartByte = max(0, cursorByte - wordBytes.count)
    if Array(lineBytes[wordStartByte..<cursorByte]) != wordBytes {
        // The word libedit passed was unescaped or the buffers disagree: find the word ourselves.
        let breaks = Set(LineEditor.wordBreakCharacters.utf8)
        wordStartByte = cursorByte
        while wordStartByte > 0, !breaks.contains(lineBytes[wordStartByte - 1]) { wordStartByte -= 1 }
    }
    let line = String(decoding: lineBytes, as: UTF8.self)
    let wordStart = String(decoding: lineBytes[..<wordStartByte], as: UTF8.self).count
    let cursor = String(decoding: lineBytes[..<cursorByte], as: UTF8.self).count

    var candidates: [String] = []
    var seen = Set<String>()
    for candidate in provider(line, wordStart, cursor)
    where !candidate.isEmpty && !candidate.utf8.contains(0) && seen.insert(candidate).inserted {
        candidates.append(candidate)
    }
    guard !candidates.isEmpty else { return nil }
    candidates.sort()

    let replacement: String
    if candidates.count == 1 {
        replacement = candidates[0]
        if let last = replacement.last, last == "/" || last == "=" || last == " " {
            rl_completion_append_character = 0
        }
    } else {
        let common = commonPrefix(candidates)
        // Never let completion delete what was typed (e.g. candidates that match case-blind).
        replacement = common.utf8.count >= wordBytes.count ? common : word
    }

    // [replacement, candidates..., NULL, NULL], calloc'ed: libedit frees the array and each string.
    // A unique candidate is listed as [c, c, NULL]: libedit detects "exact match, append the
    // space" with `matches[2] == NULL && strcmp(matches[0], matches[1]) == 0` (older releases
    // without a NULL check on matches[1]), and always reads matches[2].
    let listed = candidates.count == 1 ? [replacement] : candidates
    guard let matches = calloc(listed.count + 3, MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)?
        .assumingMemoryBound(to: UnsafeMutablePointer<CChar>?.self)
    else { return nil }
    matches[0] = strdup(replacement)
    for (index, candidate) in listed.enumerated() { matches[index + 1] = strdup(candidate) }
    return matches
}

/// Longest common prefix, by Unicode scalars (so a multi-byte character is never split).
private func commonPrefix(_ strings: [String]) -> String {
    guard var prefix = strings.first?.unicodeScalars.map({ $0 }) else { return "" }
    for string in strings.dropFirst() {
        var length = 0
        var iterator = string.unicodeScalars.makeIterator()
        for scalar in prefix {
            guard let other = iterator.next(), other == scalar else { break }
            length += 1
        }
        prefix.removeLast(prefix.count - length)
    }
    var result = String.UnicodeScalarView()
    result.append(contentsOf: prefix)
    return String(result)
}

/// File-path candidates for `prefix` (the word typed so far): entries of its folder whose names
/// start with its last component, as full replacements of the word. Folders get a trailing "/".
/// "~" and "~/..." are expanded for the lookup and kept in the result. Hidden entries are listed
/// only when the last component starts with ".". Sorted.
func completePath(_ prefix: String) -> [String] {
    if prefix == "~" { return ["~/"] }
    let directoryPart: String
    let namePart: String
    if let slash = prefix.lastIndex(of: "/") {
        directoryPart = String(prefix[...slash])
        namePart = String(prefix[prefix.index(after: slash)...])
    } else {
        directoryPart = ""
        namePart = prefix
    }
    let expanded = TerminalEnvironment.expandTilde(directoryPart)
    let lookup = expanded.isEmpty ? "." : expanded
    guard let directory = opendir(lookup) else { return [] }
    defer { closedir(directory) }

    var results: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
        }
        if name == "." || name == ".." { continue }
        if name.hasPrefix(".") && !namePart.hasPrefix(".") { continue }
        guard name.hasPrefix(namePart) else { continue }
        var isDirectory = false
        var st = stat()
        if stat((expanded.isEmpty ? "" : expanded) + name, &st) == 0 {
            isDirectory = st.st_mode & S_IFMT == S_IFDIR
        }
        results.append(directoryPart + name + (isDirectory ? "/" : ""))
    }
    return results.sorted()
}
