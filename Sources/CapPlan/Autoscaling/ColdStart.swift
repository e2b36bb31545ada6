/// How long a new replica takes from being asked for to serving (capacity-math.md §4):
///
///     T_ready = W / BW_load + T_init
///
/// W is the bytes of weights the replica loads (all shards of a tensor-parallel replica, which
/// load in parallel from one node's storage path: the node's bandwidth is the limit), BW_load
/// the storage-to-GPU bandwidth, T_init the engine start-up after loading. Node provisioning
/// and image pulls (T_node, T_image) are left out: a warm node pool is assumed; add them to
/// `init_time` when nodes are created on demand.
public struct ColdStart: Sendable, Hashable {
    /// W, bytes.
    public var weightsBytes: Double
    /// BW_load, bytes per second.
    public var loadBandwidth: Double
    /// T_init, seconds.
    public var initSeconds: Double

    public init(weightsBytes: Double, loadBandwidth: Double, initSeconds: Double) {
        self.weightsBytes = weightsBytes
        self.loadBandwidth = loadBandwidth
        self.initSeconds = initSeconds
    }

    /// The cold start of an LLM replica: its weights at `precision` (all experts of a mixture).
    public init(model: ModelSpec, precision: Precision, assumptions: PerformanceAssumptions) {
        self.init(weightsBytes: (model.totalParams.value ?? 0) * precision.bytesPerElement,
                  loadBandwidth: assumptions.weightLoadBandwidth, initSeconds: assumptions.replicaInitSeconds)
    }

    /// T_ready, seconds.
    public var seconds: Double {
        (loadBandwidth > 0 ? weightsBytes / loadBandwidth : 0) + initSeconds
    }
}
