/// A server bought rather than rented: the inputs of the total cost of ownership (TCO) per
/// GPU-hour (capacity-math.md §6 "Total cost of ownership").
///
///     h_capex = Capex / (Y · 8,760 · n_gpu)
///     h_power = P_node · ū_p · PUE · price_kWh / n_gpu
///     h_ops   = k_ops · Capex / (8,760 · n_gpu)
///
/// Illustrative values (the doc's example): $250k per 8-GPU server, Y = 4, P = 10.2 kW,
/// ū_p = 0.7, PUE 1.58 (Uptime Institute's 2023 industry average), $0.10/kWh, k_ops = 0.15.
///
/// Sources: Koomey et al., "A Simple Model for Determining True TCO for Data Centers" (Uptime
/// Institute, 2008); Uptime Institute Intelligence, "Large data centers are mostly more
/// efficient" (2023, PUE 1.58).
public struct OwnedHardware: Sendable, Hashable {
    /// `Capex`, the purchase price of one server in dollars; above 0.
    public var capex: Double
    /// `n_gpu`, GPUs in one server; at least 1.
    public var gpusPerServer: Int
    /// `Y`, the amortisation period in years, typically 3–5; above 0.
    public var years: Double
    /// `P_node`, the server's power at full load in kW (GPUs, CPUs, fans, NICs); at least 0.
    public var nodePowerKW: Double
    /// `ū_p`, mean power draw as a fraction of `P_node`, in [0, 1]; 0.7 by default.
    public var powerUtilization: Double
    /// Power usage effectiveness, facility power over IT power; at least 1 (1.58: 2023 average).
    public var pue: Double
    /// Electricity price in dollars per kWh; at least 0.
    public var pricePerKWh: Double
    /// `k_ops`, yearly maintenance, colocation, staff and network as a fraction of `Capex`
    /// (0.15 = 15% a year); at least 0. 0.15 by default.
    public var opsFraction: Double

    public init(capex: Double, gpusPerServer: Int, years: Double, nodePowerKW: Double,
                powerUtilization: Double = 0.7, pue: Double, pricePerKWh: Double, opsFraction: Double = 0.15) {
        self.capex = capex
        self.gpusPerServer = gpusPerServer
        self.years = years
        self.nodePowerKW = nodePowerKW
        self.powerUtilization = powerUtilization
        self.pue = pue
        self.pricePerKWh = pricePerKWh
        self.opsFraction = opsFraction
    }

    /// Hours in a year (365 days) and in a month (8,760 / 12 = 730, as `FleetCost` uses).
    public static let hoursPerYear = 8_760.0
    public static let hoursPerMonth = 730.0

    /// Throws `CostError.invalidValue` or `.invalidCount` naming the first bad input.
    func validate() throws(CostError) {
        try CostValidation.positive(capex, "capex")
        guard gpusPerServer >= 1 else { throw .invalidCount(name: "gpus_per_server", value: gpusPerServer, expected: "at least 1") }
        try CostValidation.positive(years, "years")
        try CostValidation.nonNegative(nodePowerKW, "power")
        try CostValidation.fraction(powerUtilization, "power_utilization")
        guard pue.isFinite, pue >= 1 else { throw .invalidValue(name: "pue", value: pue, expected: "a finite number, at least 1") }
        try CostValidation.nonNegative(pricePerKWh, "kwh_price")
        try CostValidation.nonNegative(opsFraction, "ops")
    }
}
