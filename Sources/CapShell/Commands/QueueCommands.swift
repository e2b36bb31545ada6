import CapPlan

/// Commands of this capability (being written).
enum QueueCommands {
    static let all: [CommandSpec] = []
}
