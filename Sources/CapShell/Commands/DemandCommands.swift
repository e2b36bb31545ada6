import CapPlan

/// Commands of this capability (being written).
enum DemandCommands {
    static let all: [CommandSpec] = []
}
