import CapPlan

/// Commands of this capability (being written).
enum ForecastCommands {
    static let all: [CommandSpec] = []
}
