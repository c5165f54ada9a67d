import Dispatch
import Foundation
import MeanField

extension BenchCommand {
    /// Runs the peers and prints ratios measured in this run: the authors' algorithm
    /// (deepchaos_style.py --quick, ms per point on a 9×9 subset of the grid) against our
    /// time per point of the 41×41 diagram, and the accurate scipy version (its 41×41
    /// estimate) against our 41×41 time; plus each peer's error at σw = 2.5, σb = 0.3.
    /// A figure a peer did not give prints as "n/a (why)".
    func runPeers(_ dir: String, ours41: Double) throws {
        print("peers (same machine, same run):")
        let reference = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3).summary()
        let dc = try peer(dir, "deepchaos_style.py", ["--quick"])
        let perPoint = dc.number("subset9x9_per_point_ms", "total")
        let ours = ours41 / Double(41 * 41) * 1000
        print(String(format: "  deepchaos_style (authors' algorithm): %@ vs meanfield %.3g ms/point: %@",
                     perPoint.text("%.3g ms/point"), ours, Self.speedup(perPoint, ours)))
        printErrors("deepchaos_style", dc, "point_2.5_0.3", reference)
        let sa = try peer(dir, "scipy_accurate.py", [])
        let total = sa.number("grid41_total_s_estimate")
        print(String(format: "  scipy_accurate (quad 1e-13, brentq): 41x41 %@ vs meanfield %.3f s: %@",
                     total.text("%.1f s"), ours41, Self.speedup(total, ours41)))
    }

    /// neural-tangents (nt_bench.py, run from a temporary copy because it writes beside
    /// itself): its 41×41 depth-30 kernel time and accuracy against ours.
    func runNeuralTangents(_ dir: String, python: String, oursKernels: Double) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-nt-\(getpid())")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { removeScratch(temp.path) }
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
        let nt = try lastLineJSON("nt_bench.py (neural-tangents, degrees 25–200)", executable: python, [script.path])
        guard let cases = nt.json["cases"] as? [String: Any], !cases.isEmpty else {
            print("  neural-tangents: n/a (\(nt.whyMissing(["cases"])))")
            return
        }
        for name in cases.keys.sorted(by: { Self.degree($0) < Self.degree($1) }) {
            let call = nt.number("cases", name, "grid41_vmap_jit_call_s")
            let compile = nt.number("cases", name, "grid41_vmap_jit_compile_s")
            let err = nt.number("cases", name, "max_abs_err_c_over_layers")
            guard name.hasPrefix("tanh") else {
                // erf has a closed-form kernel in neural-tangents: not the tanh workload timed here.
                print(String(format: "  neural-tangents %@ (closed form): 41x41 depth-30 kernels %@ (+%@ compile), max |error| %@",
                             name, call.text("%.2f s"), compile.text("%.1f s"), err.text("%.1e")))
                continue
            }
            print(String(format: "  neural-tangents %@: 41x41 depth-30 kernels %@ (+%@ compile), max |error| in c^l %@; meanfield (tanh) %.2f s at ~1e-12: %@",
                         name, call.text("%.2f s"), compile.text("%.1f s"), err.text("%.1e"), oursKernels,
                         Self.speedup(call, oursKernels)))
        }
    }

    /// The Gauss–Hermite degree in a case name (tanh_deg200 → 200; erf → Int.max, last).
    static func degree(_ name: String) -> Int {
        name.split(separator: "g").last.flatMap { Int($0) } ?? Int.max
    }

    /// Runs one peer script with python3 and returns what its last stdout line says.
    func peer(_ dir: String, _ script: String, _ args: [String]) throws -> PeerOutput {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-peer-\(script).json").path
        defer { removeScratch(out) }
        return try lastLineJSON(script, executable: "/usr/bin/env", ["python3", dir + "/" + script] + args + ["--out", out])
    }

    /// Runs a process, prints its exit status and wall time, and reads the last line it
    /// prints as JSON.
    func lastLineJSON(_ label: String, executable: String, _ arguments: [String]) throws -> PeerOutput {
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
        return PeerOutput(status: p.terminationStatus, stdout: data)
    }

    func printErrors(_ name: String, _ peer: PeerOutput, _ point: String, _ s: FixedPointSummary) {
        let pairs: [(String, String, Double?)] = [
            ("q*", "qstar", s.qStar.value), ("χ1", "chi1", s.chi1.value),
            ("χ2", "chi2", s.chi2?.value), ("c*", "cstar", s.cStar.value),
        ]
        let text = pairs.map { label, key, ours -> String in
            guard let ours else { return "\(label) n/a (no χ2 of ours)" }
            switch peer.number(point, key) {
            case .value(let theirs): return String(format: "%@ %.1e", label, abs(theirs - ours) / abs(ours))
            case .missing(let why): return "\(label) n/a (\(why))"
            }
        }.joined(separator: ", ")
        print("    \(name) relative error at σw=2.5, σb=0.3 (vs meanfield, itself within 1e-12 of mpmath): \(text)")
    }

    /// How a peer's time compares with ours: "12.3x faster" (meanfield takes 1/12.3 of
    /// the peer's time), "2.0x slower"; "n/a" when the peer's figure is missing (the
    /// figure, printed beside it, says why) and "n/a (why)" when either time is not a
    /// finite positive number: never a NaN or a ratio of 0.
    static func speedup(_ peer: PeerFigure, _ ours: Double) -> String {
        guard case .value(let theirs) = peer else { return "n/a" }
        guard theirs > 0, theirs.isFinite else { return "n/a (the peer's time is \(theirs))" }
        guard ours > 0, ours.isFinite else { return "n/a (meanfield's time is \(ours))" }
        let ratio = theirs / ours
        func times(_ r: Double) -> String { String(format: r >= 100 ? "%.0fx" : "%.1fx", r) }
        return ratio >= 1 ? times(ratio) + " faster" : times(1 / ratio) + " slower"
    }
}

/// A number a peer printed, or why there is none.
enum PeerFigure: Equatable {
    case value(Double)
    case missing(String)

    /// The number in `format`, or "n/a (why)".
    func text(_ format: String) -> String {
        switch self {
        case .value(let x): return String(format: format, x)
        case .missing(let why): return "n/a (\(why))"
        }
    }
}

/// What a peer run printed: the JSON object on its last stdout line, and why it gave no
/// figures when it did not (it failed, or its last line is not a JSON object).
struct PeerOutput {
    let json: [String: Any]
    let failure: String?

    init(status: Int32, stdout: Data) {
        let last = String(decoding: stdout, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        var object: [String: Any] = [:]
        var unreadable: String?
        if last.isEmpty {
            unreadable = "it printed nothing"
        } else {
            do {
                if let o = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] {
                    object = o
                } else {
                    unreadable = "its last line is JSON but not an object"
                }
            } catch {
                unreadable = "its last line is not JSON"
            }
        }
        json = object
        switch (status, unreadable) {
        case (0, nil): failure = nil
        case (0, let why?): failure = why
        case (let code, nil): failure = "it exited with status \(code)"
        case (let code, let why?): failure = "it exited with status \(code) and \(why)"
        }
    }

    /// The number at `keys` (a path through nested objects), or why there is none.
    func number(_ keys: String...) -> PeerFigure {
        var node: Any = json
        for key in keys {
            guard let object = node as? [String: Any], let next = object[key], !(next is NSNull) else {
                return .missing(whyMissing(keys))
            }
            node = next
        }
        guard let x = (node as? Double) ?? (node as? Int).map(Double.init), x.isFinite else {
            return .missing("\(keys.joined(separator: ".")) is not a finite number in its output")
        }
        return .value(x)
    }

    /// Why the value at `keys` is absent: the run's failure, or the key's absence.
    func whyMissing(_ keys: [String]) -> String {
        failure ?? "no \(keys.joined(separator: ".")) in its output"
    }
}
