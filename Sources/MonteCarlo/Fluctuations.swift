import Foundation
import Model
import Numerical

/// One layer's fluctuations across the simulated networks (SPEC §12): the mean and the
/// variance of q̂^l = |h^l|²/N and of log|J^l u|², each with its standard error.
public struct FluctuationSummary: Sendable, Equatable {
    public var layer: Int
    public var q, qVariance, logGainMean, logGainVariance: Statistic
}

/// `networks` independent networks of width N, each fed one input with |x|²/N = q0 and
/// one random unit direction u, measured at every layer (`FluctuationSampler`).
///
/// Streamed: networks run in blocks of `block` on every core, each block's power sums
/// merged in block order, so memory does not grow with `networks` and the bytes do not
/// depend on the thread count (each network draws only from its own streams).
public struct FluctuationRequest: Sendable {
    public var network: FiniteNetwork
    public var q0: Double
    public var networks: Int
    public var seed: UInt64
    public var path: FluctuationPath

    /// Networks per block of work, and blocks held at once: fixed, for the bytes' sake.
    static let block = 32
    static let blocksPerRound = 64
    /// The most networks a run accepts.
    public static let maxNetworks = 1_000_000_000
    /// The most numbers (networks × depth × width) a run may draw: ~1 day of one core.
    public static let maxWork = 1e14

    public init(network: FiniteNetwork, q0: Double, networks: Int, seed: UInt64, path: FluctuationPath = .projected) {
        self.network = network
        self.q0 = q0
        self.networks = networks
        self.seed = seed
        self.path = path
    }

    /// Bytes one worker holds (the full path's N×N matrix dominates).
    public var workspaceBytes: Double {
        let n = Double(network.width)
        return 8 * (7 * n + (path == .full ? n * n + 2 * n : 0)) + network.weights.scratchBytes(width: network.width)
    }

    /// - Throws: `SimulationError` when --networks is out of range, the work is beyond
    ///   `maxWork`, or the workspaces do not fit in 80% of physical memory.
    public func validate() throws {
        guard (1...Self.maxNetworks).contains(networks) else {
            throw SimulationError.invalid("--networks must be an integer in [0, \(Self.maxNetworks)], got \(networks)")
        }
        let work = Double(networks) * Double(network.depth) * Double(network.width) * (path == .full ? Double(network.width) : 1)
        guard work <= Self.maxWork else {
            throw SimulationError.tooLarge(String(format: "--networks × --depth × --width%@ = %.3g numbers to draw is beyond %.0e (about a day of one core): use fewer networks, layers or a smaller width", path == .full ? " × --width" : "", work, Self.maxWork))
        }
        let workers = Double(path == .full ? 1 : ProcessInfo.processInfo.activeProcessorCount)
        let needed = workers * workspaceBytes
        let available = Double(ProcessInfo.processInfo.physicalMemory) * 0.8
        guard needed <= available else {
            throw SimulationError.tooLarge(String(format: "--width %d needs about %.3g GB of memory but only %.3g GB (80%% of physical memory) is available: use a smaller --width", network.width, needed / 1e9, available / 1e9))
        }
    }

    /// Every layer's summary. `progress(done)` after each round of networks.
    /// - Throws: `LAPACKError` from the full path's Haar QR.
    public func run(progress: ((Int) -> Void)? = nil) throws -> [FluctuationSummary] {
        let depth = network.depth
        let sampler = FluctuationSampler(network: network, q0: q0, seed: seed)
        // Network 0 alone first: its values are the shifts of every power sum.
        let first = try measure(0, sampler, FluctuationWorkspace(width: network.width, full: path == .full))
        var total = LayerSums(shifts: first)
        total.add(first)
        progress?(1)
        switch path {
        case .full:
            let ws = FluctuationWorkspace(width: network.width, full: true)
            for k in 1..<Swift.max(networks, 1) {
                total.add(try measure(k, sampler, ws))
                progress?(k + 1)
            }
        case .projected:
            var next = 1
            while next < networks {
                let round = Swift.min(Self.block * Self.blocksPerRound, networks - next)
                let blocks = (round + Self.block - 1) / Self.block
                let start = next
                let sums: [Result<LayerSums, Error>] = concurrentIndices(blocks) { b in
                    Result {
                        let ws = FluctuationWorkspace(width: network.width, full: false)
                        var s = LayerSums(shifts: first)
                        let lo = start + b * Self.block, hi = Swift.min(lo + Self.block, start + round)
                        for k in lo..<hi { s.add(try measure(k, sampler, ws)) }
                        return s
                    }
                }
                for s in sums { total.merge(try s.get()) }
                next += round
                progress?(next)
            }
        }
        return (0..<depth).map { l in
            FluctuationSummary(layer: l + 1, q: total.q[l].mean, qVariance: total.q[l].variance,
                               logGainMean: total.logGain[l].mean, logGainVariance: total.logGain[l].variance)
        }
    }

    /// Every network's (q̂^l, log|J^l u|²) by layer, networks in `range`, one after another
    /// (for tests of the distribution; `run` streams instead).
    public func measurements(networks range: Range<Int>) throws -> [(q: [Double], logGain: [Double])] {
        let sampler = FluctuationSampler(network: network, q0: q0, seed: seed)
        let ws = FluctuationWorkspace(width: network.width, full: path == .full)
        return try range.map { try measure($0, sampler, ws) }
    }

    /// Network k's q̂^l and log-gains, l = 1…depth.
    private func measure(_ k: Int, _ sampler: FluctuationSampler, _ ws: FluctuationWorkspace) throws -> (q: [Double], logGain: [Double]) {
        var q = [Double](repeating: 0, count: network.depth), g = q
        try q.withUnsafeMutableBufferPointer { qp in
            try g.withUnsafeMutableBufferPointer { gp in
                try sampler.run(k, path: path, ws, q: qp.baseAddress!, logGain: gp.baseAddress!)
            }
        }
        return (q, g)
    }
}

/// Per-layer power sums of q̂ and log-gain.
struct LayerSums {
    var q: [PowerSums], logGain: [PowerSums]

    init(shifts: (q: [Double], logGain: [Double])) {
        q = shifts.q.map { PowerSums(shift: $0.isFinite ? $0 : 0) }
        logGain = shifts.logGain.map { PowerSums(shift: $0.isFinite ? $0 : 0) }
    }

    mutating func add(_ m: (q: [Double], logGain: [Double])) {
        for l in q.indices { q[l].add(m.q[l]); logGain[l].add(m.logGain[l]) }
    }

    mutating func merge(_ other: LayerSums) {
        for l in q.indices { q[l].merge(other.q[l]); logGain[l].merge(other.logGain[l]) }
    }
}
