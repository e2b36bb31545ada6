import CapPlan

/// Commands of this capability (being written).
enum SizingCommands {
    static let all: [CommandSpec] = []
}
