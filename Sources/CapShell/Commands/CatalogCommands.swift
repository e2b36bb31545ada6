import CapPlan

/// Commands of this capability (being written).
enum CatalogCommands {
    static let all: [CommandSpec] = []
}
