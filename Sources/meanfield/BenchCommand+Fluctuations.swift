import Foundation
import MeanField

extension BenchCommand {
    /// `fluctuations` at the scale: N = 400, depth 10, 10,000 tanh networks
    /// (σw = 2.5, σb = 0.3) by the O(N) path (goal: under 2 s), and at N = 1000, depth 10,
    /// the O(N) path beside the full-matrix reference in the same run, per network
    /// (goal: at least 50× faster), for both weight ensembles; then (not --quick) the
    /// theory's order at three widths.
    func fluctuations(_ table: BenchTable) throws {
        func request(_ n: Int, _ networks: Int, _ weights: WeightEnsemble, _ path: FluctuationPath) throws -> FluctuationRequest {
            FluctuationRequest(network: try FiniteNetwork(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3, width: n, depth: 10, weights: weights),
                               q0: 1, networks: networks, seed: 1, path: path)
        }
        let big = quick ? 1000 : 10_000
        let command = BenchTable.shellLine(["meanfield", "bench", "--only", "fluctuations"] + (quick ? ["--quick"] : []))
        for weights in WeightEnsemble.allCases {
            let r = try request(400, big, weights, .projected)
            let t = try time(repeats, "fluctuations N=400") { _ = try r.run() }
            print(String(format: "  fluctuations %@ N=400 D=10, %d networks, O(N) path: %.3f s (%.1f µs/network)",
                         weights.rawValue, big, t, t / Double(big) * 1e6))
            let goal = quick ? "" : (t < 2 ? "goal < 2 s: met" : "goal < 2 s: not met")
            table.add("fluctuations N=400, D=10, \(big) tanh networks, \(weights.rawValue) weights, O(N) path",
                      meanfield: Timing.seconds(t), peer: "no peer", ratio: goal, commands: [command], rank: 6)
        }
        for weights in WeightEnsemble.allCases {
            let fastCount = quick ? 200 : 2000, fullCount = weights == .gaussian ? (quick ? 2 : 5) : 1
            let fast = try request(1000, fastCount, weights, .projected), full = try request(1000, fullCount, weights, .full)
            let tf = try time(repeats, "fluctuations N=1000 O(N)") { _ = try fast.run() } / Double(fastCount)
            let tr = try time(1, "fluctuations N=1000 full") { _ = try full.run() } / Double(fullCount)
            print(String(format: "  fluctuations %@ N=1000 D=10 per network: O(N) %.3f ms, full matrices %.1f ms: %.0fx faster",
                         weights.rawValue, tf * 1e3, tr * 1e3, tr / tf))
            let goal = tr / tf >= 50 ? " (goal ≥ 50×: met)" : " (goal ≥ 50×: not met)"
            table.add("fluctuations N=1000, D=10, per network, \(weights.rawValue) weights",
                      meanfield: String(format: "O(N) path: %.3f ms", tf * 1e3),
                      peer: String(format: "the full-matrix path, same run: %.1f ms", tr * 1e3),
                      ratio: Self.ratio(tr, tf) + goal, commands: [command], rank: 6)
        }
        if !quick { try fluctuationConvergence() }
    }

    /// The check of the theory's order: tanh at layer 10, 40,000 networks at N = 100, 200,
    /// 400; N·(simulated − theory) Var log|Ju|² must shrink like 1/N (gap O(1/N²)).
    func fluctuationConvergence() throws {
        let networks = 40_000
        for n in [100, 200, 400] {
            let net = try FiniteNetwork(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3, width: n, depth: 10)
            let theory = try MeanFieldModel(network: net.network).fluctuations(q0: 1, depth: 10, width: n, weights: .gaussian)[9]
            let sim = try FluctuationRequest(network: net, q0: 1, networks: networks, seed: 1).run()[9]
            let nd = Double(n)
            print(String(format: "  fluctuations tanh N=%d layer 10, %d networks: N·(sim − theory) Var q̂ %.3f ± %.3f, Var log|Ju|² %.3f ± %.3f, E log|Ju|² %.3f ± %.3f",
                         n, networks, nd * (sim.qVariance.mean - theory.qVariance), nd * (sim.qVariance.stderr ?? .nan),
                         nd * (sim.logGainVariance.mean - theory.logGainVariance), nd * (sim.logGainVariance.stderr ?? .nan),
                         nd * (sim.logGainMean.mean - theory.logGainMean), nd * (sim.logGainMean.stderr ?? .nan)))
        }
    }
}
