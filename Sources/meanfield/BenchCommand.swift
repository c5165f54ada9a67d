import ArgumentParser
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
    @Option(help: "What to time: all, \(Self.parts.joined(separator: ", ")).")
    var only: String = "all"

    @Option(help: "Python of a virtual environment with neural-tangents (see ../shared/peers/README.md); needs --peers; omit to skip it.")
    var ntPython: String?
    // `.unconditional` so that `--repeats -1` reaches `validate` instead of reading as a flag.
    @Option(parsing: .unconditional, help: "Repetitions of each timing (>= 1; the minimum is reported).", parsedBy: OptionValue.integer("--repeats"))
    var repeats: Int = 3

    /// The parts `--only` can name; the standalone ones end the run after their own timing
    /// (the others continue into the theory part, which the Monte-Carlo part belongs to).
    static let parts = ["theory", "monte-carlo", "spectrum", "formulas", "shards", "learning", "fluctuations", "transforms"]
    static let standaloneParts: Set<String> = ["spectrum", "formulas", "shards", "learning", "fluctuations", "transforms"]

    func validate() throws {
        guard only == "all" || Self.parts.contains(only) else {
            throw ValidationError("--only must be all, \(Self.parts.joined(separator: ", ")), got \(only)")
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
        if only == "all" || only == "fluctuations" { try fluctuations() }
        if only == "all" || only == "transforms" { try transforms() }
        guard !Self.standaloneParts.contains(only) else { return }
        if only != "theory" { try monteCarlo() }
        guard only != "monte-carlo" else { return }
        try micro()
        let small = try time(repeats, "phase diagram 41x41") { diagram(count: 41) }
        print(line("phase diagram 41x41 (no convergence time)", small, points: 41 * 41))
        let withT = try time(repeats, "phase diagram 41x41") { diagram(count: 41, convergence: true) }
        print(line("phase diagram 41x41 with convergence time", withT, points: 41 * 41))
        if !quick {
            let big = try time(1, "phase diagram 401x401") { diagram(count: 401) }
            print(line("phase diagram 401x401 (no convergence time)", big, points: 401 * 401))
            let bigT = try time(1, "phase diagram 401x401") { diagram(count: 401, convergence: true) }
            print(line("phase diagram 401x401 with convergence time", bigT, points: 401 * 401))
        }
        let kernels = try time(1, "depth-30 kernels") { try depth30Kernels() }
        print(line("depth-30 kernels on 41x41 (c^1 = 0.5 at q*)", kernels, points: 41 * 41))
        try kernelGrids()
        if let peers { try runPeers(peers, ours41: small) }
        if let peers, let ntPython { try runNeuralTangents(peers, python: ntPython, oursKernels: kernels) }
    }

    /// The shortest of `repeats` wall times of `body`, in seconds: the run least disturbed
    /// by other jobs on the machine.
    /// - Throws: `BenchFailure` naming `what` when `body` throws: a run that failed has no
    ///   time to report (it would only look fast).
    func time(_ repeats: Int, _ what: String, _ body: () throws -> Void) throws -> Double {
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now()
            do { try body() } catch { throw BenchFailure(what, error) }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        return best
    }

    /// Removes a scratch file or folder of the bench; one that cannot be removed is said.
    func removeScratch(_ path: String) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        do { try FileManager.default.removeItem(atPath: path) } catch {
            print("  note: could not remove \(path): \(error.localizedDescription)")
        }
    }

    /// One aligned line of the report: total seconds and milliseconds per point.
    func line(_ what: String, _ seconds: Double, points: Int) -> String {
        String(format: "  %-44@ %8.3f s  (%.3f ms/point)", what as NSString, seconds, seconds / Double(points) * 1000)
    }
}

/// A workload of the bench that failed: the bench stops and says which and why instead
/// of printing the time of a run that did not finish.
struct BenchFailure: ReportableError {
    let what: String
    let reason: String

    init(_ what: String, _ error: Error) {
        self.init(what, reason: "\(error)")
    }

    init(_ what: String, reason: String) {
        self.what = what
        self.reason = reason
    }

    var description: String { "bench: \(what) failed: \(reason)" }
    /// A defect or an environment failure, not bad input.
    var exitStatus: Int32 { 1 }
}
