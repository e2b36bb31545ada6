import CapPlan

/// Expression functions of this capability (being written).
enum SizingFunctions {
    static let all: [FunctionSpec] = []
}
