import DequeModule

import Foundation  // log

/// The M/M/c FCFS queue as a `DiscreteEventModel`: Poisson arrivals at rate λ, exponential
/// service with mean E[S], c identical servers, one shared first-come-first-served queue.
///
///     inter-arrival A = −ln(1 − U)/λ,   service S = −E[S]·ln(1 − U),   U ~ SplitMix64.unit()
///     (inverse transform; 1 − U ∈ (0, 1], so the logarithm is finite)
///
/// Each arrival draws its own service time and then the next inter-arrival time, so a seed
/// fixes every request's (arrival, service) pair regardless of the queue's state. A request's
/// wait is recorded when it starts service; under FCFS that is arrival order, so request i's
/// wait depends only on requests before it, and draining the queue after the last arrival
/// leaves every wait exact. Time averages (number in system, busy servers) are integrated from
/// the first measured arrival to the last arrival, so the drain does not dilute them.
///
/// Source: Law, *Simulation Modeling and Analysis* (5th ed.) §1.4 (the single-server queue),
/// generalised to c servers; Kleinrock, *Queueing Systems* Vol. 1 §3.5 for the model.
struct MMcQueueModel: DiscreteEventModel, Sendable {
    enum Event: Sendable { case arrival, departure }

    let arrivalRate: Double
    let meanServiceTime: Double
    let servers: Int
    let requests: Int
    let warmUp: Int

    var random: SplitMix64
    /// Arrivals so far, services started, departures.
    private(set) var arrivals = 0
    private(set) var started = 0
    private(set) var departures = 0
    /// Servers busy now.
    private(set) var busy = 0
    /// Requests waiting, oldest first.
    private(set) var waiting = Deque<PendingRequest>(minimumCapacity: 64)
    /// Waits of the measured requests (index ≥ warmUp) in arrival order, seconds.
    private(set) var waits: [Double] = []
    /// Measured requests that waited (wait > 0).
    private(set) var delayed = 0

    // Time integrals over [measureStart, measureEnd].
    private var measuring = false
    private(set) var measureStart = 0.0
    private(set) var measureEnd = 0.0
    private var lastChange = 0.0
    private(set) var areaInSystem = 0.0
    private(set) var areaBusy = 0.0

    init(arrivalRate: Double, meanServiceTime: Double, servers: Int, requests: Int, warmUp: Int, seed: UInt64) {
        self.arrivalRate = arrivalRate
        self.meanServiceTime = meanServiceTime
        self.servers = servers
        self.requests = requests
        self.warmUp = warmUp
        random = SplitMix64(seed: seed)
        waits.reserveCapacity(requests - warmUp)
    }

    /// Requests in the system now (waiting or in service).
    var inSystem: Int { busy + waiting.count }

    /// An exponential variate with the given mean, by inverse transform.
    mutating func exponential(mean: Double) -> Double {
        -mean * log(1 - random.unit())
    }

    /// Schedules the first arrival; call once before running.
    mutating func start(_ events: inout EventQueue<Event>) {
        events.schedule(.arrival, at: exponential(mean: 1 / arrivalRate))
    }

    mutating func handle(_ event: Event, at time: Double, events: inout EventQueue<Event>) {
        if measuring {
            let dt = time - lastChange
            areaInSystem += Double(inSystem) * dt
            areaBusy += Double(busy) * dt
            lastChange = time
        }
        switch event {
        case .arrival:
            if arrivals == warmUp {
                measuring = true
                measureStart = time
                lastChange = time
            }
            arrivals += 1
            let service = exponential(mean: meanServiceTime)
            if arrivals < requests {
                events.schedule(.arrival, at: time + exponential(mean: 1 / arrivalRate))
            } else {
                measuring = false
                measureEnd = time
            }
            if busy < servers {
                busy += 1
                startService(wait: 0)
                events.schedule(.departure, at: time + service)
            } else {
                waiting.append(PendingRequest(arrival: time, service: service))
            }
        case .departure:
            departures += 1
            if let next = waiting.popFirst() {
                startService(wait: time - next.arrival)
                events.schedule(.departure, at: time + next.service)
            } else {
                busy -= 1
            }
        }
    }

    private mutating func startService(wait: Double) {
        if started >= warmUp {
            waits.append(wait)
            if wait > 0 { delayed += 1 }
        }
        started += 1
    }
}

/// A request waiting for a server: when it arrived and the service it will need.
struct PendingRequest: Sendable {
    var arrival: Double
    var service: Double
}
