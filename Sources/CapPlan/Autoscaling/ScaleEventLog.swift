import DequeModule

/// The HPA's record of its own scaling, for the rate-limit policies: each change with its time.
///
///     P₀(period) = current − Σ changes with s > now − period      (= current − added + removed)
///
/// The controller keeps scale-up and scale-down events in two lists and sums, per policy, the
/// events younger than the policy's period (`getReplicasChangePerPeriod`); one signed list gives
/// the same sums. Entries older than the longest period of either direction are dropped.
/// The controller overwrites an event once it is older than the longest period *of its own
/// direction* when it stores the next one of that direction; keeping it until the longest
/// period of both differs only when one direction's policies have longer periods than all the
/// other's.
struct ScaleEventLog {
    struct Event {
        var time: Double
        var change: Int
    }

    let longestPeriodSeconds: Double
    private var events: Deque<Event>

    init(longestPeriodSeconds: Int, syncPeriodSeconds: Double) {
        self.longestPeriodSeconds = Double(longestPeriodSeconds)
        let bound = Int((Double(longestPeriodSeconds) / syncPeriodSeconds).rounded(.up)) + 2
        events = Deque<Event>(minimumCapacity: bound)
    }

    @inline(__always)
    mutating func expire(now: Double) {
        let cutoff = now - longestPeriodSeconds
        while let first = events.first, first.time <= cutoff { events.removeFirst() }
    }

    /// Σ changes made after `now − periodSeconds`.
    func netChange(periodSeconds: Int, now: Double) -> Int {
        let cutoff = now - Double(periodSeconds)
        var sum = 0
        var k = events.count - 1
        while k >= 0, events[k].time > cutoff {
            sum += events[k].change
            k -= 1
        }
        return sum
    }

    mutating func record(change: Int, at time: Double) {
        events.append(Event(time: time, change: change))
    }
}
