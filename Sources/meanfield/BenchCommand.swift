import ArgumentParser
import COpenBLAS
import Dispatch
import Foundation
import MeanField

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time the theory (release build) and, side by side, the peer implementations.",
        discussion: """
            Times the paper's 41×41 tanh phase diagram (q*, χ1, χ2, c*, χ_c, ξ's at every point, \
            full accuracy, no convergence time) and a 401×401 one, on all cores, and prints the \
            accuracy reached against the closed forms of erf. With --peers DIR it also runs \
            DIR/deepchaos_style.py --quick and DIR/scipy_accurate.py (python3) in the same run and \
            prints time-per-point ratios.
            """)

    @Option(help: "Folder holding the peer scripts (e.g. ../shared/peers); omit to skip them.")
    var peers: String?
    @Flag(help: "Skip the 401×401 diagram and the large Monte-Carlo workload.")
    var quick = false
    @Option(help: "What to time: all, theory, monte-carlo, spectrum, formulas, shards or learning.")
    var only: String = "all"

    @Option(help: "Python of a virtual environment with neural-tangents (see ../shared/peers/README.md); needs --peers; omit to skip it.")
    var ntPython: String?
    // `.unconditional` so that `--repeats -1` reaches `validate` instead of reading as a flag.
    @Option(parsing: .unconditional, help: "Repetitions of each timing (>= 1; the minimum is reported).")
    var repeats: Int = 3

    func validate() throws {
        guard ["all", "theory", "monte-carlo", "spectrum", "formulas", "shards", "learning"].contains(only) else {
            throw ValidationError("--only must be all, theory, monte-carlo, spectrum, formulas, shards or learning, got \(only)")
        }
        guard repeats >= 1 else { throw ValidationError("--repeats must be an integer >= 1, got \(repeats)") }
        if let peers, !FileManager.default.fileExists(atPath: peers + "/deepchaos_style.py") {
            throw ValidationError("--peers \(peers): deepchaos_style.py not found there")
        }
        // A mistyped path used to skip neural-tangents without a word.
        if let ntPython {
            guard FileManager.default.isExecutableFile(atPath: ntPython) else {
                throw ValidationError("--nt-python \(ntPython): no executable file there (the python of a virtual environment with neural-tangents)")
            }
            guard peers != nil else {
                throw ValidationError("--nt-python needs --peers DIR (the folder holding nt_bench.py)")
            }
        }
    }

    func run() throws {
        setvbuf(stdout, nil, _IOLBF, 0)  // each line as it is measured, also into a file
        print("meanfield bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, release build")
        if only == "all" || only == "spectrum" { try spectrum() }
        if only == "all" || only == "formulas" { try formulas() }
        if only == "all" || only == "shards" { try shards() }
        if only == "all" || only == "learning" { try learning() }
        guard !["spectrum", "formulas", "shards", "learning"].contains(only) else { return }
        if only != "theory" { try monteCarlo() }
        guard only != "monte-carlo" else { return }
        try micro()
        let small = time(repeats) { diagram(count: 41) }
        print(line("phase diagram 41x41 (no convergence time)", small, points: 41 * 41))
        let withT = time(repeats) { diagram(count: 41, convergence: true) }
        print(line("phase diagram 41x41 with convergence time", withT, points: 41 * 41))
        if !quick {
            let big = time(1) { diagram(count: 401) }
            print(line("phase diagram 401x401 (no convergence time)", big, points: 401 * 401))
        }
        let kernels = time(1) { depth30Kernels() }
        print(line("depth-30 kernels on 41x41 (c^1 = 0.5 at q*)", kernels, points: 41 * 41))
        try kernelGrids()
        if let peers { try runPeers(peers, ours41: small) }
        if let peers, let ntPython { try runNeuralTangents(peers, python: ntPython, oursKernels: kernels) }
    }

    func diagram(count: Int, convergence: Bool = false) {
        let w = GridRange(start: 1, stop: 5, count: count).values
        let b = GridRange(start: 0, stop: 4, count: count).values
        var d = PhaseDiagram(phi: .tanh, sigmaW: w, sigmaB: b)
        d.includeConvergenceTime = convergence
        let points = d.compute()
        if let bad = points.first(where: { $0.failure != nil }) {
            print("  warning: σw=\(bad.sigmaW) σb=\(bad.sigmaB) failed: \(bad.failure!)")
        }
    }

    /// The simulation at the paper's scale (tanh, σw = 2.5, σb = 0.3, N = 1000, P = 500,
    /// D = 30, one network, weights drawn included) and a large one (N = 2000, P = 1000,
    /// D = 20), against the dgemm-only time of the same products (the physical limit:
    /// D − 1 products of 2·N²·3P flops) and, with --peers, numpy (mc_numpy.py).
    func monteCarlo() throws {
        let model = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let q = try model.lengthFixedPoint()
        var workloads = [("paper-scale", 1000, 500, 30)]
        if !quick { workloads.append(("large", 2000, 1000, 20)) }
        var ours: [String: Double] = [:]
        for (name, n, p, d) in workloads {
            let request = SimulationRequest(
                network: NetworkDescription(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3, width: n, depth: d),
                circlePoints: p, circleLength: q, networks: 1, seed: 1)
            var best = Double.infinity
            var bestProfile = SimulationProfile()
            for _ in 0..<repeats {
                let profile = SimulationProfile()
                let t = time(1) { _ = try? request.run(profile: profile) }
                if t < best { best = t; bestProfile = profile }
            }
            let gemm = time(repeats) { dgemmOnly(n: n, columns: 3 * p, products: d - 1) }
            ours[name] = best
            let flops = 2.0 * Double(n * n) * Double(3 * p) * Double(d - 1)
            print(String(format: "  simulate %@ N=%d P=%d D=%d: %.3f s; dgemm-only %.3f s (%.0f GFLOP/s): ratio %.2f",
                         name, n, p, d, best, gemm, flops / gemm / 1e9, best / gemm))
            print(String(format: "    phases: weights %.3f, elementwise %.3f, dgemm+bias %.3f, measure %.3f, inputs %.3f s",
                         bestProfile.weights, bestProfile.elementwise, bestProfile.multiply, bestProfile.measure,
                         bestProfile.inputs))
        }
        if let peers {
            let mc = try peer(peers, "mc_numpy.py", quick ? ["--no-large"] : [])
            for (key, name) in [("paper_scale", "paper-scale"), ("large", "large")] {
                guard let w = mc[key] as? [String: Any], let t = w["total_s_median"] as? Double, let us = ours[name] else { continue }
                print(String(format: "  mc_numpy %@: %.3f s (median of 3) vs meanfield %.3f s: %.2fx faster", name, t, us, t / us))
                if let ph = w["phase_s_of_median_run"] { print("    numpy phases: \(ph)") }
            }
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
            BLASThreads.dgemm(m: n, n: m, k: n, a, lda: n, b, ldb: n, c, ldc: n)
        }
    }

    /// What neural-tangents computes on its grid: q* and then c^l for 30 layers from
    /// c¹ = 0.5 (the joint two-point recursion) at every point of the 41×41 grid.
    func depth30Kernels() {
        let w = GridRange(start: 1, stop: 5, count: 41).values, b = GridRange(start: 0, stop: 4, count: 41).values
        DispatchQueue.concurrentPerform(iterations: w.count * b.count) { k in
            guard let m = try? MeanFieldModel(phi: .tanh, sigmaW: w[k % 41], sigmaB: b[k / 41]),
                  let q = try? m.lengthFixedPoint() else { return }
            _ = try? m.twoPointRecursion(q11: q, q22: q, c: 0.5, depth: 30)
        }
    }

    /// neural-tangents (nt_bench.py, run from a temporary copy because it writes beside
    /// itself): its 41×41 depth-30 kernel time and accuracy against ours.
    func runNeuralTangents(_ dir: String, python: String, oursKernels: Double) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-nt-\(getpid())")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let script = temp.appendingPathComponent("nt_bench.py")
        try FileManager.default.copyItem(atPath: dir + "/nt_bench.py", toPath: script.path)
        let json = try lastLineJSON("nt_bench.py (neural-tangents)", executable: python, [script.path])
        guard let cases = json["cases"] as? [String: [String: Any]] else { return }
        for name in cases.keys.sorted() {
            let c = cases[name]!
            let call = c["grid41_vmap_jit_call_s"] as? Double ?? .nan
            let compile = c["grid41_vmap_jit_compile_s"] as? Double ?? .nan
            let err = c["max_abs_err_c_over_layers"] as? Double ?? .nan
            guard name.hasPrefix("tanh") else {
                // erf has a closed-form kernel in neural-tangents: not the tanh workload timed here.
                print(String(format: "  neural-tangents %@ (closed form): 41x41 depth-30 kernels %.2f s (+%.1f s compile), max |error| %.1e",
                             name, call, compile, err))
                continue
            }
            print(String(format: "  neural-tangents %@: 41x41 depth-30 kernels %.2f s (+%.1f s compile), max |error| in c^l %.1e; meanfield (tanh) %.2f s at ~1e-12: %.1fx faster",
                         name, call, compile, err, oursKernels, call / oursKernels))
        }
    }

    /// Single-thread costs of the building blocks, and the accuracy reached.
    func micro() throws {
        let m = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3)
        let q = try m.lengthFixedPoint()
        let n = 2000
        let v = time(repeats) { for i in 0..<n { _ = m.lengthMap(q + Double(i) * 1e-9) } } / Double(n)
        let c2 = time(repeats) { for i in 0..<50 { _ = m.covarianceAndSlope(0.3 + Double(i) * 1e-6, q1: q, q2: q) } } / 50
        let s = time(repeats) { _ = try? m.summary() }
        print(String(format: "  V(q) 1-D integral          %9.2f µs", v * 1e6))
        print(String(format: "  C(c) and ∂C/∂c 2-D         %9.2f µs", c2 * 1e6))
        print(String(format: "  full summary (σw=2.5)      %9.2f µs", s * 1e6))
        // Accuracy against erf's closed forms over the spec's ranges.
        // The quadrature is what is measured, not erf's own closed-form kernel.
        var erf = try MeanFieldModel(phi: .erf, sigmaW: 1, sigmaB: 0)
        erf.kernel = nil
        var worst1 = 0.0, worst2 = 0.0
        for q1 in [1e-8, 1e-3, 0.5, 2, 10, 100, 1000] {
            let exact = 2 / Double.pi * asin(2 * q1 / (1 + 2 * q1))
            worst1 = max(worst1, abs(erf.lengthMap(q1) - exact) / exact)
            for q2 in [1e-3, 2, 1000] {
                for c in [-0.99, -0.3, 0.2, 0.7, 0.999] {
                    let d = ((1 + 2 * q1) * (1 + 2 * q2)).squareRoot()
                    let e = 2 / Double.pi * asin(2 * c * (q1 * q2).squareRoot() / d)
                    let scale = 2 / Double.pi * asin(2 * (q1 * q2).squareRoot() / d)
                    worst2 = max(worst2, abs(erf.covarianceMap(c, q1: q1, q2: q2) - e) / scale)
                }
            }
        }
        print(String(format: "  worst relative error vs erf closed forms: V %.1e, C %.1e", worst1, worst2))
    }

    /// Runs the peers and prints ratios measured in this run: the authors' algorithm
    /// (deepchaos_style.py --quick, ms per point on a 9×9 subset of the grid) against our
    /// time per point of the 41×41 diagram, and the accurate scipy version (its 41×41
    /// estimate) against our 41×41 time; plus each peer's error at σw = 2.5, σb = 0.3.
    func runPeers(_ dir: String, ours41: Double) throws {
        print("peers (same machine, same run):")
        let reference = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3).summary()
        let dc = try peer(dir, "deepchaos_style.py", ["--quick"])
        if let perPoint = (dc["subset9x9_per_point_ms"] as? [String: Any])?["total"] as? Double {
            let ours = ours41 / Double(41 * 41) * 1000
            print(String(format: "  deepchaos_style (authors' algorithm): %.3g ms/point vs meanfield %.3g ms/point: %.0fx faster",
                         perPoint, ours, perPoint / ours))
        }
        if let p = dc["point_2.5_0.3"] as? [String: Any] {
            printErrors("deepchaos_style", p, reference)
        }
        let sa = try peer(dir, "scipy_accurate.py", [])
        if let total = sa["grid41_total_s_estimate"] as? Double {
            print(String(format: "  scipy_accurate (quad 1e-13, brentq): 41x41 %.1f s vs meanfield %.3f s: %.0fx faster",
                         total, ours41, total / ours41))
        }
    }

    /// Runs one peer script with python3 and returns its last stdout line as JSON.
    func peer(_ dir: String, _ script: String, _ args: [String]) throws -> [String: Any] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-peer-\(script).json").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        return try lastLineJSON(script, executable: "/usr/bin/env", ["python3", dir + "/" + script] + args + ["--out", out])
    }

    /// Runs a process, prints its exit status and wall time, and parses the last line it
    /// prints as JSON (empty when it is not JSON).
    func lastLineJSON(_ label: String, executable: String, _ arguments: [String]) throws -> [String: Any] {
        let start = DispatchTime.now()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(String(format: "  %@: exit %d after %.1f s", label, p.terminationStatus, seconds))
        let last = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        return (try? JSONSerialization.jsonObject(with: Data(last.utf8))) as? [String: Any] ?? [:]
    }

    func printErrors(_ name: String, _ values: [String: Any], _ s: FixedPointSummary) {
        let pairs: [(String, String, Double)] = [
            ("q*", "qstar", s.qStar.value), ("χ1", "chi1", s.chi1.value),
            ("χ2", "chi2", s.chi2?.value ?? .nan), ("c*", "cstar", s.cStar.value),
        ]
        let text = pairs.compactMap { label, key, ours -> String? in
            guard let theirs = values[key] as? Double else { return nil }
            return String(format: "%@ %.1e", label, abs(theirs - ours) / abs(ours))
        }.joined(separator: ", ")
        print("    \(name) relative error at σw=2.5, σb=0.3 (vs meanfield, itself within 1e-12 of mpmath): \(text)")
    }

    func time(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        return best
    }

    func line(_ what: String, _ seconds: Double, points: Int) -> String {
        String(format: "  %-44@ %8.3f s  (%.3f ms/point)", what as NSString, seconds, seconds / Double(points) * 1000)
    }
}
