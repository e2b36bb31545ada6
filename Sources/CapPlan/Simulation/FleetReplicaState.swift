import DequeModule

/// One replica's scheduler state during a fleet simulation: its waiting queue and the batch it
/// is running. Requests are numbers (indices into the simulation's per-request arrays), and the
/// batch is parallel arrays, so a step touches no allocator once the arrays have grown to their
/// peak.
///
/// The batch keeps admission order: the sequences still prefilling are always its suffix
/// (slots ≥ `firstPrefilling`), because the token budget goes to them first come, first served,
/// so the oldest finishes its prompt first; the slots before are decoding.
struct FleetReplicaState: Sendable {
    /// Requests routed here and not yet admitted, oldest first.
    var waiting = Deque<Int32>()
    /// The batch, in admission order: request numbers.
    private(set) var running: [Int32] = []
    /// Tokens each running sequence still has to generate, its first one included.
    private(set) var remaining: [Int32] = []
    /// Each running sequence's full context: prompt + output tokens.
    private(set) var reserved: [Int32] = []
    /// KV tokens each running sequence holds in the admission accounting: its full context, or
    /// prompt + output/2 for an engine that takes pages as tokens come (`FleetStepTimes.reservesFullContext`).
    private(set) var held: [Int32] = []
    /// Prompt tokens each running sequence has not prefilled yet (0 once it decodes).
    private(set) var prefillLeft: [Int32] = []
    /// Prompt tokens each sequence prefills in the current step.
    private(set) var chunk: [Int32] = []
    /// Slots ≥ this are still prefilling.
    private(set) var firstPrefilling = 0
    /// Σ prefillLeft: prompt tokens waiting to be prefilled.
    private(set) var pendingPrefillTokens = 0
    /// Σ held: KV tokens held.
    private(set) var reservedTokens = 0
    /// Σ (prompt + tokens generated so far) over the decoding sequences: the context the next
    /// decode step reads.
    private(set) var contextTokens = 0
    /// Whether a step is in progress.
    var busy = false
    /// False once the replica has failed.
    var alive = true

    /// Sequences in the batch.
    var batch: Int { running.count }

    /// Sequences that decode a token in the next step.
    var decoding: Int { firstPrefilling }

    /// Sequences running or queued (the least-loaded key).
    var load: Int { running.count + waiting.count }

    /// Adds `request` to the batch, reserving KV for its full context; its prompt waits for
    /// the token budget (`allocate`).
    mutating func admit(_ request: Int32, inputTokens: Int, outputTokens: Int, holding: Int) {
        running.append(request)
        remaining.append(Int32(outputTokens))
        reserved.append(Int32(inputTokens + outputTokens))
        held.append(Int32(holding))
        prefillLeft.append(Int32(inputTokens))
        chunk.append(0)
        reservedTokens += holding
        pendingPrefillTokens += inputTokens
    }

    /// Gives up to `budget` prompt tokens to the prefilling sequences, oldest first, for the
    /// step about to run. Returns the prompt tokens scheduled, the context they attend to
    /// (Σ chunk · (position + chunk/2)) and how many sequences got a chunk.
    mutating func allocate(budget: Int) -> (tokens: Int, attended: Double, sequences: Int) {
        var left = budget, tokens = 0, attended = 0.0, sequences = 0
        var j = firstPrefilling
        while left > 0, j < running.count {
            let c = Swift.min(Int(prefillLeft[j]), left)
            let start = Int(reserved[j] - remaining[j]) - Int(prefillLeft[j])    // prompt − not yet prefilled
            chunk[j] = Int32(c)
            attended += Double(c) * (Double(start) + Double(c) / 2)
            tokens += c
            sequences += 1
            left -= c
            j += 1
        }
        return (tokens, attended, sequences)
    }

    /// Ends a step. The decoding sequences have one more token; the prefilling ones have their
    /// chunk, and those whose prompt is complete have their first token (appended to
    /// `firstTokens`) and decode from the next step. Sequences with all their output leave the
    /// batch (appended to `finished`) and free their KV.
    /// - Complexity: O(B).
    mutating func endStep(firstTokens: inout [Int32], finished: inout [Int32]) {
        for j in 0..<firstPrefilling {
            remaining[j] -= 1
            contextTokens += 1
        }
        var j = firstPrefilling
        while j < running.count, chunk[j] > 0 {
            prefillLeft[j] -= chunk[j]
            pendingPrefillTokens -= Int(chunk[j])
            chunk[j] = 0
            if prefillLeft[j] == 0 {
                firstTokens.append(running[j])
                remaining[j] -= 1
                contextTokens += Int(reserved[j] - remaining[j])     // prompt + the first token
                firstPrefilling += 1
            }
            j += 1
        }
        // Stable compaction: the batch keeps admission order.
        var w = 0
        var removedBeforePrefilling = 0
        for r in 0..<running.count {
            if remaining[r] == 0 {
                finished.append(running[r])
                reservedTokens -= Int(held[r])
                contextTokens -= Int(reserved[r])    // prompt + output: all of its context
                if r < firstPrefilling { removedBeforePrefilling += 1 }
                continue
            }
            if w != r {
                running[w] = running[r]; remaining[w] = remaining[r]; reserved[w] = reserved[r]
                held[w] = held[r]; prefillLeft[w] = prefillLeft[r]; chunk[w] = chunk[r]
            }
            w += 1
        }
        let removed = running.count - w
        running.removeLast(removed); remaining.removeLast(removed); reserved.removeLast(removed); held.removeLast(removed)
        prefillLeft.removeLast(removed); chunk.removeLast(removed)
        firstPrefilling -= removedBeforePrefilling
    }

    /// Empties the replica (it failed), returning what it held: running requests in slot order,
    /// then queued ones oldest first.
    mutating func evacuate() -> [Int32] {
        var evacuated = running
        while let r = waiting.popFirst() { evacuated.append(r) }
        running.removeAll()
        remaining.removeAll()
        reserved.removeAll()
        held.removeAll()
        prefillLeft.removeAll()
        chunk.removeAll()
        firstPrefilling = 0
        pendingPrefillTokens = 0
        reservedTokens = 0
        contextTokens = 0
        busy = false
        alive = false
        return evacuated
    }
}
