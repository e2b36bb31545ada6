import CapPlan

/// Expression functions of this capability (being written).
enum CatalogFunctions {
    static let all: [FunctionSpec] = []
}
