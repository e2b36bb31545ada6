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
    /// Encodes to UTF-8 bytes and makes the String once (appending scalars to a view one by
    /// one costs several times more, and words are made for every statement).
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count)
        for scalar in scalars {
            let v = scalar.value
            if v < 0x80 {
                bytes.append(UInt8(v))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
