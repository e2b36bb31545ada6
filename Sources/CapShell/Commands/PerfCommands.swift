import CapPlan

/// Commands of this capability (being written).
enum PerfCommands {
    static let all: [CommandSpec] = []
}
