import Synchronization

/// A value computed when first read, at most once, from whichever thread reads it first.
///
/// A command's result tables and JSON are often only printed, and the terminal prints on its
/// own thread while the next statements run (capplan's Terminal): a result built as a
/// `Deferred` is built there, off the path of the replay. Building must be pure: it runs later,
/// on another thread, and may never run at all.
public final class Deferred<Value: Sendable>: Sendable {
    private enum State {
        case pending(@Sendable () -> Value)
        case built(Value)
    }

    private let state: Mutex<State>

    public init(_ build: @escaping @Sendable () -> Value) {
        state = Mutex(.pending(build))
    }

    public init(value: Value) {
        state = Mutex(.built(value))
    }

    public var value: Value {
        state.withLock { state in
            switch state {
            case .built(let value):
                return value
            case .pending(let build):
                let value = build()
                state = .built(value)  // and the closure, with what it captured, is let go
                return value
            }
        }
    }
}
