import CapPlan

/// Binds the words after a command's path to its declared positionals and options.
struct ArgumentBinder {
    let spec: CommandSpec
    let session: Session

    func bind(_ words: [Word], statementSpan: Range<Int>) throws(LanguageError) -> Arguments {
        var arguments = Arguments()
        arguments.span = statementSpan
        let reader = ValueReader(session: session)
        var positionalIndex = 0
        for word in words {
            if let key = word.key, let keySpan = word.keySpan {
                guard let option = spec.option(named: key) else {
                    let keys = spec.options.flatMap { [$0.key] + $0.aliases }
                    let hint: String
                    if let near = Suggestions.closest(to: key, in: keys) {
                        hint = "did you mean '\(near)'?"
                    } else if keys.isEmpty {
                        hint = "'\(spec.name)' takes no options"
                    } else {
                        hint = "valid keys: " + keys.joined(separator: ", ")
                    }
                    throw LanguageError(.bind, "unknown option '\(key)' for '\(spec.name)'", hint: hint, span: keySpan)
                }
                if arguments.options.contains(where: { $0.key == option.key }) {
                    throw LanguageError(.bind, "'\(key)' is given twice", hint: "give each option once", span: keySpan)
                }
                let value = try reader.read(word.value, quoted: word.quoted, kind: option.kind, key: key, span: word.valueSpan)
                arguments.options.append(BoundArgument(key: option.key, value: value, text: word.value, span: word.span))
            } else {
                guard positionalIndex < spec.positionals.count else {
                    throw LanguageError(.bind, "unexpected argument '\(word.text)' for '\(spec.name)'",
                                        hint: "usage: \(spec.usage)", span: word.span)
                }
                let positional = spec.positionals[positionalIndex]
                let value = try reader.read(word.value, quoted: word.quoted, kind: positional.kind, key: positional.key, span: word.valueSpan)
                arguments.positionals.append(BoundArgument(key: positional.key, value: value, text: word.value, span: word.span))
                if !(spec.lastPositionalRepeats && positionalIndex == spec.positionals.count - 1) {
                    positionalIndex += 1
                }
            }
        }
        let end = statementSpan.upperBound..<(statementSpan.upperBound + 1)
        for positional in spec.positionals where positional.isRequired {
            if arguments.positional(positional.key) == nil {
                throw LanguageError(.bind, "'\(spec.name)' needs \(positional.key.uppercased()): \(positional.abstract.lowercasedFirst)",
                                    hint: "usage: \(spec.usage)", span: end)
            }
        }
        for option in spec.options where arguments.option(option.key) == nil {
            if option.isRequired {
                throw LanguageError(.bind, "'\(spec.name)' needs \(option.key)=: \(option.abstract.lowercasedFirst)",
                                    hint: "usage: \(spec.usage)", span: end)
            }
            if case .value(let text)? = option.defaultRule {
                let value = try reader.read(text, quoted: false, kind: option.kind, key: option.key, span: end)
                arguments.defaults.append(BoundArgument(key: option.key, value: value, text: text, span: end))
            }
        }
        return arguments
    }
}

extension String {
    var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
