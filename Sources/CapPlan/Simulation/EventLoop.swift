/// A model driven by `EventLoop`: it reacts to one event at a time and may schedule more.
///
/// The loop owns the clock and the event queue; the model owns its state (queues, servers,
/// counters, random generator). The M/M/c queue (`MMcQueueModel`) is one client; a fleet
/// model (continuous batching per replica, `FleetSimulation`) is another, on the same loop.
public protocol DiscreteEventModel {
    associatedtype Event: Sendable

    /// Handles `event` at simulated time `time` (seconds); new events go into `events` at
    /// times ≥ `time`.
    mutating func handle(_ event: Event, at time: Double, events: inout EventQueue<Event>)
}

/// The next-event time-advance loop: pop the earliest event, move the clock to its time,
/// hand it to the model; repeat until no event is pending or the next one lies beyond the
/// horizon.
///
///     now ← min{t : (t, seq, e) pending};   model.handle(e, now)
///
/// Source: Law, *Simulation Modeling and Analysis* (5th ed., 2015) §1.3, "next-event
/// time advance". Deterministic: events with equal times run in scheduling order.
public struct EventLoop<Model: DiscreteEventModel> {
    /// The model's state.
    public var model: Model
    /// Pending events.
    public var events: EventQueue<Model.Event>
    /// The simulated time of the last event handled, seconds (0 before any).
    public private(set) var now: Double = 0
    /// Number of events handled so far.
    public private(set) var eventsProcessed: Int = 0

    public init(model: Model, events: EventQueue<Model.Event> = EventQueue()) {
        self.model = model
        self.events = events
    }

    /// Handles events in time order until none is pending or the next is later than
    /// `horizon` (seconds; that event stays pending).
    /// - Complexity: O(k log n) for k events handled with at most n pending.
    public mutating func run(until horizon: Double = .infinity) {
        while let next = events.first, next.time <= horizon {
            let (time, event) = events.popFirst()!
            assert(time >= now, "an event was scheduled in the past")
            now = time
            eventsProcessed += 1
            model.handle(event, at: time, events: &events)
        }
    }
}

extension EventLoop: Sendable where Model: Sendable {}
