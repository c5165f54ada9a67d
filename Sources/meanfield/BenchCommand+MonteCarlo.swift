import Foundation
import MeanField

extension BenchCommand {
    /// The simulation at the paper's scale (tanh, σw = 2.5, σb = 0.3, N = 1000, P = 500,
    /// D = 30, one network, weights drawn included) and a large one (N = 2000, P = 1000,
    /// D = 20), against the dgemm-only time of the same products (the physical limit:
    /// D − 1 products of 2·N²·3P flops) and, with --peers, numpy (mc_numpy.py).
    func monteCarlo(_ table: BenchTable) throws {
        let model = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let q = try model.lengthFixedPoint()
        var workloads = [("paper-scale", 1000, 500, 30)]
        if !quick { workloads.append(("large", 2000, 1000, 20)) }
        var ours: [String: Double] = [:]
        var workload: [String: String] = [:], dgemm: [String: Double] = [:]
        for (name, n, p, d) in workloads {
            let request = SimulationRequest(
                network: try FiniteNetwork(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3, width: n, depth: d),
                circlePoints: p, circleLength: q, networks: 1, seed: 1)
            var best = Double.infinity
            var bestProfile = SimulationProfile()
            for _ in 0..<repeats {
                let profile = SimulationProfile()
                let t = try time(1, "simulate \(name)") { _ = try request.run(profile: profile) }
                if t < best { best = t; bestProfile = profile }
            }
            let gemm = try time(repeats, "dgemm") { dgemmOnly(n: n, columns: 3 * p, products: d - 1) }
            ours[name] = best
            workload[name] = "simulate N=\(n), P=\(p), D=\(d) (tanh, one network, weights drawn included)"
            dgemm[name] = gemm
            let flops = 2.0 * Double(n * n) * Double(3 * p) * Double(d - 1)
            print(String(format: "  simulate %@ N=%d P=%d D=%d: %.3f s; dgemm-only %.3f s (%.0f GFLOP/s): ratio %.2f",
                         name, n, p, d, best, gemm, flops / gemm / 1e9, best / gemm))
            print(String(format: "    phases: weights %.3f, elementwise %.3f, dgemm+bias %.3f, measure %.3f, inputs %.3f s",
                         bestProfile.weights, bestProfile.elementwise, bestProfile.multiply, bestProfile.measure,
                         bestProfile.inputs))
        }
        let mcArguments = quick ? ["--no-large"] : []
        let mc = try peers.map { try peer($0, "mc_numpy.py", mcArguments) }
        var commands = [BenchTable.shellLine(["meanfield", "bench", "--only", "monte-carlo", "--repeats", "\(repeats)"] + (quick ? ["--quick"] : []))]
        if let peers { commands.append(peerCommand(peers, "mc_numpy.py", mcArguments)) }
        for (key, name) in [("paper_scale", "paper-scale"), ("large", "large")] {
            guard let us = ours[name], let what = workload[name], let gemm = dgemm[name] else { continue }
            let oursCell = String(format: "%@ (dgemm alone %@: ratio %.2f)", Timing.seconds(us), Timing.seconds(gemm), us / gemm)
            guard let mc else {
                table.add(what, meanfield: oursCell, peer: "peer not run: no --peers", commands: commands, rank: 4)
                continue
            }
            let t = mc.number(key, "total_s_median")
            print(String(format: "  mc_numpy %@: %@ (median of 3) vs meanfield %.3f s: %@",
                         name, t.text("%.3f s"), us, Self.speedup(t, us)))
            if let ph = (mc.json[key] as? [String: Any])?["phase_s_of_median_run"] { print("    numpy phases: \(ph)") }
            guard case .value(let theirs) = t else {
                table.add(what, meanfield: oursCell, peer: "peer not run: " + mc.whyMissing([key, "total_s_median"]),
                          commands: commands, rank: 4)
                continue
            }
            table.add(what, meanfield: oursCell, peer: "numpy (mc_numpy.py): " + Timing.seconds(theirs) + " (median of 3)",
                      ratio: Self.ratio(theirs, us), commands: commands, rank: 4)
        }
    }

    /// The products alone: (D − 1) × (N×N)·(N×M), blocked as the simulation does, on the same shapes.
    func dgemmOnly(n: Int, columns m: Int, products: Int) {
        let a = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
        let c = UnsafeMutablePointer<Double>.allocate(capacity: n * m)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        a.initialize(repeating: 1e-3, count: n * n)
        b.initialize(repeating: 1e-3, count: n * m)
        for _ in 0..<products {
            LinearAlgebra.dgemm(m: n, n: m, k: n, a, lda: n, b, ldb: n, c, ldc: n)
        }
    }
}
