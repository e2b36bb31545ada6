/// An error meant for the person at the keyboard: what went wrong, and what to do about it.
///
/// Domain errors (an unstable queue, a model that does not fit, an unknown GPU) conform, so the
/// shell can show them with the location of the command that caused them.
public protocol UserFacingError: Error {
    var message: String { get }
    /// What to do about it, when there is something to say.
    var userHint: String? { get }
}

extension QuantityError: UserFacingError {
    public var userHint: String? { hint }
}

extension QueueingError: UserFacingError {
    public var userHint: String? { hint.isEmpty ? nil : hint }
}

extension PerformanceError: UserFacingError {
    public var userHint: String? { hint.isEmpty ? nil : hint }
}

extension CatalogError: UserFacingError {
    public var userHint: String? { hint.isEmpty ? nil : hint }
}
