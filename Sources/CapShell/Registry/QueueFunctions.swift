import CapPlan

/// Expression functions of this capability (being written).
enum QueueFunctions {
    static let all: [FunctionSpec] = []
}
