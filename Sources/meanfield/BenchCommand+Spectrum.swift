import Foundation
import MeanField

extension BenchCommand {
    /// The spectrum: the theory's density at 401 λ for L = 128 (tanh at χ1 = 1, σb =
    /// 0.001, both ensembles), and the simulation at N = 1000, L = 32, 4 networks against
    /// the time of its dgemm and dgesdd calls alone on the same shapes.
    func spectrum(_ table: BenchTable) throws {
        let sb = 0.001
        let sw = try OrderChaosBoundary(phi: .tanh).criticalSigmaW(sigmaB: sb)
        let lambdas = GridRange(start: 0, stop: 4, count: 401).values
        for weights in WeightEnsemble.allCases {
            let request = try SpectrumRequest(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: 128, weights: weights,
                                          lambdas: lambdas, networks: 0)
            let t = try time(repeats, "spectrum theory (\(weights.rawValue))") { _ = try request.run() }
            print(String(format: "  spectrum theory, 401 λ, L = 128, %@: %.3f s", weights.rawValue, t))
        }
        let n = quick ? 400 : 1000, depth = 32, networks = 4
        let blas = try time(1, "dgemm and dgesdd") { try dgemmAndSingularValues(n: n, products: depth - 1, networks: networks) }
        for weights in WeightEnsemble.allCases {
            let request = try SpectrumRequest(phi: .tanh, sigmaW: sw, sigmaB: sb, depth: depth, weights: weights,
                                          lambdas: [0, 4], width: n, networks: networks)
            let t = try time(1, "spectrum simulation (\(weights.rawValue))") { _ = try request.run() }
            print(String(format: "  spectrum simulation N=%d L=%d, %d networks, %@: %.3f s; dgemm + dgesdd alone %.3f s: ratio %.2f",
                         n, depth, networks, weights.rawValue, t, blas, t / blas))
            let goal = weights == .orthogonal ? (t / blas <= 1.5 ? " (goal ≤ 1.5: met)" : " (goal ≤ 1.5: not met)") : ""
            table.add("spectrum simulation N=\(n), L=\(depth), \(networks) networks, \(weights.rawValue) weights",
                      meanfield: Timing.seconds(t), peer: "its own dgemm + dgesdd on the same shapes: " + Timing.seconds(blas),
                      ratio: String(format: "%.2f× the time of dgemm + dgesdd", t / blas) + goal,
                      commands: [BenchTable.shellLine(["meanfield", "bench", "--only", "spectrum"] + (quick ? ["--quick"] : []))],
                      rank: 5)
        }
    }

    /// (L − 1) N×N products and one singular-value decomposition per network.
    func dgemmAndSingularValues(n: Int, products: Int, networks: Int) throws {
        let a = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        let b = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        let c = UnsafeMutablePointer<Double>.allocate(capacity: n * n)
        defer { a.deallocate(); b.deallocate(); c.deallocate() }
        var stream = GaussianStream(seed: 1)
        for _ in 0..<networks {
            stream.fill(a, count: n * n, sigma: 1 / Double(n).squareRoot())
            stream.fill(b, count: n * n, sigma: 1 / Double(n).squareRoot())
            for _ in 0..<products {
                LinearAlgebra.dgemm(m: n, n: n, k: n, a, lda: n, b, ldb: n, c, ldc: n)
            }
            _ = try LinearAlgebra.singularValues(c, rows: n, columns: n)
        }
    }

    /// φ as a formula against the built-in: tanh written (exp(2x) − 1)/(exp(2x) + 1) on
    /// the 41×41 phase diagram, and a simulation (N = 1000, P = 500, D = 30) with it.
    func formulas() throws {
        let formula = try Nonlinearity(formula: "(exp(2*x)-1)/(exp(2*x)+1)")
        let w = GridRange(start: 1, stop: 5, count: 41).values, b = GridRange(start: 0, stop: 4, count: 41).values
        var times: [Double] = []
        for phi in [Nonlinearity.tanh, formula] {
            times.append(try time(repeats, "phase diagram 41x41 (\(phi.name))") { _ = PhaseDiagram(phi: phi, sigmaW: w, sigmaB: b).compute() })
        }
        print(String(format: "  phase diagram 41x41: built-in tanh %.3f s, formula %.3f s: ratio %.2f",
                         times[0], times[1], times[1] / times[0]))
        let q = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3).lengthFixedPoint()
        let n = quick ? 400 : 1000
        var sims: [Double] = []
        for phi in [Nonlinearity.tanh, formula] {
            let request = SimulationRequest(
                network: try FiniteNetwork(phi: phi, sigmaW: 2.5, sigmaB: 0.3, width: n, depth: 30),
                circlePoints: 500, circleLength: q, networks: 1, seed: 1)
            sims.append(try time(repeats, "simulate (\(phi.name))") { _ = try request.run() })
        }
        print(String(format: "  simulate N=%d P=500 D=30: built-in tanh %.3f s, formula %.3f s: ratio %.2f",
                         n, sims[0], sims[1], sims[1] / sims[0]))
    }
}
