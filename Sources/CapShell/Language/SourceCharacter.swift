/// The language works on Unicode scalars, not `Character`s: grapheme-cluster breaking made
/// splitting and lexing the dominant cost of replaying a plan, and the language's own symbols
/// are all single scalars. Columns in diagnostics count scalars (the same as characters for
/// everything but combining sequences).
typealias SourceChar = Unicode.Scalar

extension Unicode.Scalar {
    /// A letter: ASCII letters fast, other scripts by the Unicode alphabetic property.
    var isLetter: Bool {
        if isASCII { return (value >= 65 && value <= 90) || (value >= 97 && value <= 122) }
        return properties.isAlphabetic
    }

    /// An ASCII digit 0-9 (the only digits numbers are written with).
    var isNumber: Bool { value >= 48 && value <= 57 }
}

extension String {
    /// A string from a run of scalars.
    /// Encodes straight into the string's own storage, sized first: no intermediate array, and
    /// no allocation at all for the short words most statements are made of (up to 15 UTF-8
    /// bytes are stored inline). Appending scalars one by one costs several times more, and
    /// words are made for every statement.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var length = 0
        for scalar in scalars { length += UTF8.width(scalar) }
        self = String(unsafeUninitializedCapacity: length) { buffer in
            var i = 0
            for scalar in scalars {
                let v = scalar.value
                if v < 0x80 {
                    buffer[i] = UInt8(truncatingIfNeeded: v)
                    i += 1
                } else {
                    UTF8.encode(scalar) { buffer[i] = $0; i += 1 }
                }
            }
            return i
        }
    }
}
