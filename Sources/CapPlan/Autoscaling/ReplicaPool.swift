import DequeModule

/// The replicas of a simulated deployment: those asked for (billed) and those ready (serving),
/// with the ones still starting in between.
///
///     asked for at the start of step s  →  serving from step s + k,   k = ⌈T_ready/Δt⌉
///
/// Scaling down removes replicas that are still starting first, newest first, then ready ones:
/// a ReplicaSet deletes not-ready pods before ready ones (kubernetes `pkg/controller/replicaset`,
/// `getPodsToDelete` ranks unready pods first), and a cloud autoscaler cancels pending
/// launches before terminating serving instances. Removed replicas stop serving and billing at
/// once (no drain).
struct ReplicaPool {
    struct Batch {
        /// First step at which the batch serves.
        var step: Int
        var count: Int
    }

    /// R_alloc: replicas asked for.
    private(set) var allocated: Int
    /// R_ready: replicas serving.
    private(set) var ready: Int
    /// k: steps from asking to serving.
    let delaySteps: Int
    /// Batches still starting, oldest first; serving steps increase from first to last.
    private var starting: Deque<Batch>

    /// `initial` replicas, all ready (a warm start); `steps` bounds the queue (at most one batch
    /// per step can be starting).
    init(initial: Int, delaySteps: Int, steps: Int) {
        allocated = initial
        ready = initial
        self.delaySteps = delaySteps
        starting = Deque(minimumCapacity: min(delaySteps, steps) + 2)
    }

    /// Replicas asked for but not serving yet.
    var startingCount: Int { allocated - ready }

    /// The first step at which a starting batch serves; Int.max when none is starting (kept
    /// as a number so the per-step check is one comparison).
    private(set) var nextServingStep = Int.max

    /// Moves the batches due by `step` to ready; call at the start of each step. Returns
    /// whether any did.
    @inline(__always) @discardableResult
    mutating func advance(to step: Int) -> Bool {
        guard nextServingStep <= step else { return false }
        while let due = starting.first, due.step <= step {
            ready += due.count
            starting.removeFirst()
        }
        nextServingStep = starting.first?.step ?? Int.max
        return true
    }

    /// Asks for `target` replicas from the start of `step` on.
    mutating func resize(to target: Int, at step: Int) {
        if target > allocated {
            let added = target - allocated
            if delaySteps == 0 {
                ready += added
            } else {
                starting.append(Batch(step: step + delaySteps, count: added))
                nextServingStep = starting[0].step
            }
        } else {
            var remove = allocated - target
            while remove > 0, var newest = starting.last {
                if newest.count <= remove {
                    remove -= newest.count
                    starting.removeLast()
                } else {
                    newest.count -= remove
                    starting[starting.count - 1] = newest
                    remove = 0
                }
            }
            ready -= remove
            nextServingStep = starting.first?.step ?? Int.max
        }
        allocated = target
    }
}
