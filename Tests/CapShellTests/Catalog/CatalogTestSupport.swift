import Foundation
@testable import CapShell

/// Helpers for the catalog command tests: JSON results of a script, and scratch directories.
enum CatalogTestSupport {
    /// The JSON documents a script printed (`--format json` prints one per result line).
    static func jsonDocuments(_ text: String, directory: String? = nil) -> [[String: Any]] {
        let output = Transcript.run(text, directory: directory, echo: false, format: .json).output
        return output.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("{"), let data = line.data(using: .utf8) else { return nil }
            return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        }
    }

    /// The last JSON document of a script.
    static func lastJSON(_ text: String, directory: String? = nil) -> [String: Any] {
        jsonDocuments(text, directory: directory).last ?? [:]
    }

    /// The entry with `id` in a `{"gpus": [...]}` or `{"models": [...]}` document.
    static func entry(_ id: String, in document: [String: Any], list: String) -> [String: Any]? {
        (document[list] as? [[String: Any]])?.first { $0["id"] as? String == id }
    }

    static func scratchDirectory() throws -> URL {
        let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("capplan-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
