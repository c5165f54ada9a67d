import Dispatch
import Foundation
import MeanField

extension BenchCommand {
    /// Runs the peers and prints ratios measured in this run: the authors' algorithm
    /// (deepchaos_style.py --quick, ms per point on a 9×9 subset of the grid) against our
    /// time per point of the 41×41 diagram, and the accurate scipy version (its 41×41
    /// estimate) against our 41×41 time; plus each peer's error at σw = 2.5, σb = 0.3.
    /// `ours41` is the 41×41 diagram (no convergence time) as one process. A figure a
    /// peer did not give prints as "n/a (why)".
    func runPeers(_ dir: String, ours41: Timing, table: BenchTable) throws {
        print("peers (same machine, same run):")
        let reference = try MeanFieldModel(phi: .tanh, sigmaW: 2.5, sigmaB: 0.3).summary()
        // The as-written variant (25 points at ~1.6 s) is not part of the figure compared.
        let dcArguments = ["--quick", "--as-written-subset", "0"]
        let dc = try peer(dir, "deepchaos_style.py", dcArguments)
        let perPoint = dc.number("subset9x9_per_point_ms", "total")
        let ours = ours41.wall / Double(41 * 41) * 1000
        print(String(format: "  deepchaos_style (authors' algorithm): %@ vs meanfield %.3g ms/point: %@",
                     perPoint.text("%.3g ms/point"), ours, Self.speedup(perPoint, ours)))
        printErrors("deepchaos_style", dc, "point_2.5_0.3", reference)
        table.add("tanh phase diagram 41×41 (q*, χ1, χ2, c*, χ_c, ξ's)", meanfield: Self.perPoint(ours41, points: 41 * 41),
                  peer: deepchaosCell(dc, perPoint, reference), ratio: deepchaosRatio(dc, perPoint, ours41),
                  commands: [Self.phaseDiagramCommand(41, convergence: false), peerCommand(dir, "deepchaos_style.py", dcArguments)])
        let sa = try peer(dir, "scipy_accurate.py", [])
        let total = sa.number("grid41_total_s_estimate")
        print(String(format: "  scipy_accurate (quad 1e-13, brentq): 41x41 %@ vs meanfield %.3f s: %@",
                     total.text("%.1f s"), ours41.wall, Self.speedup(total, ours41.wall)))
        var saCell = "scipy quad 1e-13 + brentq (scipy_accurate.py): " + total.text("%.0f s") + " for 41×41, an estimate"
        if case .value(let measured) = sa.number("grid41_qchi_s_median"), case .value(let n) = sa.number("cstar_points_computed") {
            saCell += String(format: " (q*, χ1, χ2 measured on the grid: %.1f s; c* timed on %.0f points and extrapolated)", measured, n)
        }
        let saRatio: String
        if case .value(let t) = total { saRatio = Self.ratio(t, ours41.wall) + " (estimate)" } else { saRatio = "n/a" }
        table.add("same, accurate", meanfield: Timing.seconds(ours41.wall), peer: saCell, ratio: saRatio,
                  commands: [peerCommand(dir, "scipy_accurate.py", [])])
    }

    /// The deepchaos_style cell: its own clock per point (its 9×9 subset), its process CPU
    /// per point (start-up included, so an upper bound), its numpy and its c* error.
    private func deepchaosCell(_ dc: PeerOutput, _ perPoint: PeerFigure, _ reference: FixedPointSummary) -> String {
        guard case .value(let ms) = perPoint else { return "peer not run: \(dc.failure ?? "no subset9x9_per_point_ms.total")" }
        let numpy = (dc.json["numpy"] as? String).map { ", numpy \($0)" } ?? ""
        var text = String(format: "authors' algorithm (deepchaos_style.py%@): %.1f ms/point by its clock", numpy, ms)
        text += String(format: " (%.0f ms/point CPU)", dc.cpu / Double(Self.deepchaosPoints) * 1000)
        if case .value(let c) = dc.number("point_2.5_0.3", "cstar") {
            text += String(format: ", c* off by %.1e", abs(c - reference.cStar.value) / abs(reference.cStar.value))
        }
        return text
    }

    private func deepchaosRatio(_ dc: PeerOutput, _ perPoint: PeerFigure, _ ours: Timing) -> String {
        guard case .value(let ms) = perPoint else { return "n/a" }
        let points = Double(41 * 41)
        return Self.ratio(ms, ours.wall / points * 1000) + " (CPU: "
            + Self.ratio(dc.cpu / Double(Self.deepchaosPoints), ours.cpu / points) + ")"
    }

    /// The points deepchaos_style.py --quick computes: 3 × its 9×9 subset and 3 × the
    /// featured point (the process's CPU time per point divides by these).
    static let deepchaosPoints = 3 * 81 + 3

    /// "0.262 s (0.480 s CPU): 0.156 ms/point".
    static func perPoint(_ t: Timing, points: Int) -> String {
        t.text + String(format: ": %.3g ms/point", t.wall / Double(points) * 1000)
    }

    /// The command line that runs `script` of `dir` as the bench does.
    func peerCommand(_ dir: String, _ script: String, _ args: [String]) -> String {
        let stem = script.replacingOccurrences(of: ".py", with: "")
        return BenchTable.shellLine(["python3", dir + "/" + script] + args + ["--out", "/tmp/\(stem).json"])
    }

    /// `meanfield phase-diagram` on the count × count grid, output discarded.
    static func phaseDiagramCommand(_ count: Int, convergence: Bool) -> String {
        BenchTable.shellLine(["meanfield"] + phaseDiagramArguments(count, convergence: convergence)) + " > /dev/null"
    }

    static func phaseDiagramArguments(_ count: Int, convergence: Bool) -> [String] {
        ["phase-diagram", "--sigma-w", "1:5:\(count)", "--sigma-b", "0:4:\(count)"] + (convergence ? [] : ["--no-convergence-time"])
    }

    /// The cases nt_bench.py runs in the bench: tanh at Gauss–Hermite degree 100 (error
    /// ~1e-5 in c^l; degree 200, ~3e-8, takes over 7 min of CPU here, beyond the bench's
    /// budget) and erf.
    static let ntCases = #"cases = [("tanh", 100), ("erf", None)]"#

    /// neural-tangents (nt_bench.py, run from a temporary copy because it writes beside
    /// itself and with the degrees of `ntCases`): its 41×41 depth-30 kernel time and
    /// accuracy against ours (`kernels`: one `iterate` process per φ).
    func runNeuralTangents(_ dir: String, python: String, kernels: [String: Timing], table: BenchTable) throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-nt-\(getpid())")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { removeScratch(temp.path) }
        let script = temp.appendingPathComponent("nt_bench.py")
        let source = try String(contentsOfFile: dir + "/nt_bench.py", encoding: .utf8)
        let cases = #"cases = [("tanh", 25), ("tanh", 50), ("tanh", 100), ("erf", None)]"#
        let patched = source.contains(cases)
        if patched {
            try source.replacingOccurrences(of: cases, with: Self.ntCases).write(to: script, atomically: true, encoding: .utf8)
        } else {
            print("  note: nt_bench.py's list of cases has changed; running it as it is")
            try FileManager.default.copyItem(atPath: dir + "/nt_bench.py", toPath: script.path)
        }
        let nt = try lastLineJSON("nt_bench.py (neural-tangents, tanh degree 100, erf)", executable: python, [script.path])
        let ntCommand = patched
            ? "sed 's/cases = \\[.*\\]/" + Self.ntCases + "/' " + dir + "/nt_bench.py > /tmp/nt_bench.py && " + python + " /tmp/nt_bench.py"
            : "cp " + dir + "/nt_bench.py /tmp/ && " + python + " /tmp/nt_bench.py"
        guard let found = nt.json["cases"] as? [String: Any], !found.isEmpty else {
            print("  neural-tangents: n/a (\(nt.whyMissing(["cases"])))")
            addKernelRows(table, kernels, nt: nil, why: nt.whyMissing(["cases"]), command: ntCommand)
            return
        }
        for name in found.keys.sorted(by: { Self.degree($0) < Self.degree($1) }) {
            let call = nt.number("cases", name, "grid41_vmap_jit_call_s")
            let compile = nt.number("cases", name, "grid41_vmap_jit_compile_s")
            let err = nt.number("cases", name, "max_abs_err_c_over_layers")
            let ours = name.hasPrefix("tanh") ? kernels["tanh"]?.wall ?? .nan : kernels["erf"]?.wall ?? .nan
            print(String(format: "  neural-tangents %@: 41x41 depth-30 kernels %@ (+%@ compile), max |error| in c^l %@; meanfield (one process) %.2f s: %@",
                         name, call.text("%.2f s"), compile.text("%.1f s"), err.text("%.1e"), ours, Self.speedup(call, ours)))
        }
        addKernelRows(table, kernels, nt: nt, why: nil, command: ntCommand)
    }

    /// The erf and tanh kernel rows: ours against NT's closed form (erf) and its
    /// Gauss–Hermite degree 100 (tanh).
    func addKernelRows(_ table: BenchTable, _ kernels: [String: Timing], nt: PeerOutput?, why: String?, command: String) {
        func figures(_ name: String) -> (PeerFigure, PeerFigure, PeerFigure) {
            guard let nt else { return (.missing(why ?? ""), .missing(why ?? ""), .missing(why ?? "")) }
            return (nt.number("cases", name, "grid41_vmap_jit_call_s"), nt.number("cases", name, "grid41_vmap_jit_compile_s"),
                    nt.number("cases", name, "max_abs_err_c_over_layers"))
        }
        for (phi, name) in [("erf", "erf"), ("tanh", "tanh_deg100")] {
            guard let ours = kernels[phi] else { continue }
            let (call, compile, err) = figures(name)
            let oursCell = ours.text + (phi == "erf" ? ", closed-form kernel" : ", quadrature at ~1e-12")
            let workload = "\(phi) kernels by depth, 41×41 × depth 30 (c¹ = 0.5 at q*), one `iterate` process"
            let commands = [BenchTable.shellLine(["meanfield"] + Self.kernelArguments(phi)) + " > /dev/null", command]
            guard case .value(let c) = call, case .value(let k) = compile else {
                table.add(workload, meanfield: oursCell, peer: "peer not run: \(why ?? nt?.whyMissing(["cases", name]) ?? "")",
                          commands: commands, rank: 2)
                continue
            }
            var peerCell = phi == "erf" ? "neural-tangents erf (closed form)" : "neural-tangents Gauss–Hermite degree 100"
            peerCell += String(format: ": %@ + %@ compile", Timing.seconds(c), Timing.seconds(k))
            if case .value(let e) = err { peerCell += String(format: ", error %.1e in c^l", e) }
            let ratio = Self.ratio(c + k, ours.wall) + " with NT's compile, " + Self.ratio(c, ours.wall) + " without"
            table.add(workload, meanfield: oursCell, peer: peerCell, ratio: ratio, commands: commands, rank: 2)
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
    /// prints as JSON; the output carries the process's wall and CPU time.
    func lastLineJSON(_ label: String, executable: String, _ arguments: [String], wholeOutput: Bool = false) throws -> PeerOutput {
        let start = DispatchTime.now(), cpu = Timing.cpuSeconds(children: true)
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
        var output = PeerOutput(status: p.terminationStatus, stdout: data, wholeOutput: wholeOutput)
        output.wall = seconds
        output.cpu = Timing.cpuSeconds(children: true) - cpu
        print(String(format: "  %@: exit %d after %.1f s (%.1f s CPU)", label, p.terminationStatus, seconds, output.cpu))
        return output
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
    /// Wall and CPU seconds of the peer's process (0 when not run as one).
    var wall = 0.0, cpu = 0.0

    /// `wholeOutput`: the whole of stdout is the JSON object (printed indented), not its last line.
    init(status: Int32, stdout: Data, wholeOutput: Bool = false) {
        let text = String(decoding: stdout, as: UTF8.self)
        let last = wholeOutput ? text.trimmingCharacters(in: .whitespacesAndNewlines)
            : text.split(separator: "\n").last.map(String.init) ?? ""
        var object: [String: Any] = [:]
        var unreadable: String?
        if last.isEmpty {
            unreadable = "it printed nothing"
        } else {
            do {
                if let o = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] {
                    object = o
                } else {
                    unreadable = (wholeOutput ? "its output" : "its last line") + " is JSON but not an object"
                }
            } catch {
                unreadable = (wholeOutput ? "its output" : "its last line") + " is not JSON"
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
