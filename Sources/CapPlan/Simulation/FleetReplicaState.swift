import DequeModule

/// One replica's scheduler state during a fleet simulation: its waiting queue and the batch it
/// is running. Requests are numbers (indices into the simulation's per-request arrays), and the
/// batch is three parallel arrays, so a step touches no allocator once the arrays have grown
/// to their peak.
struct FleetReplicaState: Sendable {
    /// Requests routed here and not yet admitted, oldest first.
    var waiting = Deque<Int32>()
    /// The batch, in slot order: request numbers.
    private(set) var running: [Int32] = []
    /// Tokens each running sequence still has to generate, counting the current step's.
    private(set) var remaining: [Int32] = []
    /// KV tokens reserved by each running sequence: prompt + output (its full context).
    private(set) var reserved: [Int32] = []
    /// Slots ≥ `newFrom` were admitted at the start of the current step (their prefill runs in it).
    private(set) var newFrom = 0
    /// Σ reserved: KV tokens held.
    private(set) var reservedTokens = 0
    /// Σ (prompt + tokens generated so far) over the batch: the context the next decode reads.
    private(set) var contextTokens = 0
    /// Whether a step is in progress.
    var busy = false
    /// False once the replica has failed.
    var alive = true

    /// Sequences in the batch.
    var batch: Int { running.count }

    /// Sequences running or queued (the least-loaded key).
    var load: Int { running.count + waiting.count }

    /// Marks the start of a step: sequences admitted from now on are its new ones.
    mutating func beginAdmitting() { newFrom = running.count }

    /// Adds `request` to the batch, reserving KV for its full context.
    mutating func admit(_ request: Int32, inputTokens: Int, outputTokens: Int) {
        running.append(request)
        remaining.append(Int32(outputTokens))
        reserved.append(Int32(inputTokens + outputTokens))
        reservedTokens += inputTokens + outputTokens
        contextTokens += inputTokens
    }

    /// Ends a step: every sequence has one more token. Appends the sequences that got their
    /// first token (those admitted at the step's start) to `firstTokens`, and those that
    /// finished to `finished` (which leave the batch, freeing their KV).
    /// - Complexity: O(B).
    mutating func endStep(firstTokens: inout [Int32], finished: inout [Int32]) {
        for j in newFrom..<running.count { firstTokens.append(running[j]) }
        contextTokens += running.count
        // Backwards, so swapping the last slot into a freed one never skips a sequence.
        var j = running.count - 1
        while j >= 0 {
            remaining[j] -= 1
            if remaining[j] == 0 {
                finished.append(running[j])
                reservedTokens -= Int(reserved[j])
                contextTokens -= Int(reserved[j])   // prompt + output: all of its context
                running.swapAt(j, running.count - 1)
                remaining.swapAt(j, remaining.count - 1)
                reserved.swapAt(j, reserved.count - 1)
                running.removeLast()
                remaining.removeLast()
                reserved.removeLast()
            }
            j -= 1
        }
        newFrom = running.count
    }

    /// Empties the replica (it failed), returning what it held: running requests in slot order,
    /// then queued ones oldest first.
    mutating func evacuate() -> [Int32] {
        var held = running
        while let r = waiting.popFirst() { held.append(r) }
        running.removeAll()
        remaining.removeAll()
        reserved.removeAll()
        reservedTokens = 0
        contextTokens = 0
        newFrom = 0
        busy = false
        alive = false
        return held
    }
}
