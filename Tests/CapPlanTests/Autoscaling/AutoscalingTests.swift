import Testing

/// The autoscaling tests, one nested suite per source file (so `swift test --filter Autoscal`
/// runs them all).
@Suite struct AutoscalingTests {}
