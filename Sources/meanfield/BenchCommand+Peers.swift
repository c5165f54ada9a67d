import Dispatch
import Foundation
import MeanField

extension BenchCommand {
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

    /// neural-tangents (nt_bench.py, run from a temporary copy because it writes beside
    /// itself): its 41×41 depth-30 kernel time and accuracy against ours.
    func runNeuralTangents(_ dir: String, python: String, oursKernels: Double) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-nt-\(getpid())")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let script = temp.appendingPathComponent("nt_bench.py")
        // The copy also runs Gauss–Hermite degree 200 (the accuracy class our tanh grid is
        // compared in); the peer's own list stops at 100.
        let source = try String(contentsOfFile: dir + "/nt_bench.py", encoding: .utf8)
        let cases = #"cases = [("tanh", 25), ("tanh", 50), ("tanh", 100), ("erf", None)]"#
        if source.contains(cases) {
            let patched = source.replacingOccurrences(
                of: cases, with: #"cases = [("tanh", 25), ("tanh", 50), ("tanh", 100), ("tanh", 200), ("erf", None)]"#)
            try patched.write(to: script, atomically: true, encoding: .utf8)
        } else {
            print("  note: nt_bench.py's list of cases has changed; running it as it is (no degree 200)")
            try FileManager.default.copyItem(atPath: dir + "/nt_bench.py", toPath: script.path)
        }
        let json = try lastLineJSON("nt_bench.py (neural-tangents, degrees 25–200)", executable: python, [script.path])
        guard let cases = json["cases"] as? [String: [String: Any]] else { return }
        for (name, c) in cases.sorted(by: { Self.degree($0.key) < Self.degree($1.key) }) {
            let call = c["grid41_vmap_jit_call_s"] as? Double ?? .nan
            let compile = c["grid41_vmap_jit_compile_s"] as? Double ?? .nan
            let err = c["max_abs_err_c_over_layers"] as? Double ?? .nan
            guard name.hasPrefix("tanh") else {
                // erf has a closed-form kernel in neural-tangents: not the tanh workload timed here.
                print(String(format: "  neural-tangents %@ (closed form): 41x41 depth-30 kernels %.2f s (+%.1f s compile), max |error| %.1e",
                             name, call, compile, err))
                continue
            }
            let ratio = call / oursKernels
            let verdict = ratio >= 1 ? String(format: "%.1fx faster", ratio) : String(format: "%.1fx slower", 1 / ratio)
            print(String(format: "  neural-tangents %@: 41x41 depth-30 kernels %.2f s (+%.1f s compile), max |error| in c^l %.1e; meanfield (tanh) %.2f s at ~1e-12: %@",
                         name, call, compile, err, oursKernels, verdict))
        }
    }

    /// The Gauss–Hermite degree in a case name (tanh_deg200 → 200; erf → Int.max, last).
    static func degree(_ name: String) -> Int {
        name.split(separator: "g").last.flatMap { Int($0) } ?? Int.max
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
}
