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
            prints time-per-point ratios. --markdown FILE also writes the speed table (the \
            README's): each workload beside its peer from this run, the ratio and the commands \
            that re-measure it, under a line giving the date, machine, load and binary.
            """)

    @Option(help: "Folder holding the peer scripts (e.g. ../shared/peers); omit to skip them.")
    var peers: String?
    @Flag(help: "Skip the 401×401 diagram and the large Monte-Carlo workload.")
    var quick = false
    @Option(help: "What to time: all, or one or more (comma-separated) of \(Self.parts.joined(separator: ", ")).")
    var only: String = "all"

    @Option(help: "Python of a virtual environment with neural-tangents (see ../shared/peers/README.md); needs --peers; omit to skip it.")
    var ntPython: String?
    @Option(help: "Python of a virtual environment with dks (see reference/dks/README.md); omit to skip dks.")
    var dksPython: String?
    @Option(help: "Also write the speed table (markdown, atomically) to this file: each workload with its peer from this run, the ratio and the commands that re-measure it.")
    var markdown: String?
    // `.unconditional` so that `--repeats -1` reaches `validate` instead of reading as a flag.
    @Option(parsing: .unconditional, help: "Repetitions of each timing (>= 1; the minimum is reported).", parsedBy: OptionValue.integer("--repeats"))
    var repeats: Int = 3

    /// The parts `--only` can name.
    static let parts = ["theory", "monte-carlo", "spectrum", "formulas", "shards", "learning", "fluctuations", "transforms"]

    func validate() throws {
        let names = only.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard only == "all" || names.allSatisfy(Self.parts.contains) else {
            throw ValidationError("--only must be all or a comma-separated list of \(Self.parts.joined(separator: ", ")), got \(only)")
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
        if let dksPython, !FileManager.default.isExecutableFile(atPath: dksPython) {
            throw ValidationError("--dks-python \(dksPython): no executable file there (the python of a virtual environment with dks)")
        }
        if let markdown, markdown.isEmpty { throw ValidationError("--markdown needs a file name") }
    }

    func run() throws {
        // A table that cannot be written is refused before minutes of timing, not after.
        if let markdown {
            do { try AtomicFile.checkWritable(markdown) } catch let e as OutputError {
                throw UsageError("--markdown \(markdown) cannot be written: \(e.target): \(e.reason)")
            }
        }
        setvbuf(stdout, nil, _IOLBF, 0)  // each line as it is measured, also into a file
        print("meanfield bench: \(ProcessInfo.processInfo.activeProcessorCount) cores, release build")
        let table = BenchTable()
        if selected("spectrum") { try spectrum(table) }
        if selected("formulas") { try formulas() }
        if selected("shards") { try shards() }
        if selected("learning") { try learning(table) }
        if selected("fluctuations") { try fluctuations(table) }
        if selected("transforms") { try transforms(table) }
        if selected("monte-carlo") { try monteCarlo(table) }
        if selected("theory") { try theory(table) }
        if let markdown {
            try table.write(markdown, invocation: ["meanfield"] + CommandLine.arguments.dropFirst(), binary: binaryDescription())
            print("speed table written to \(markdown)")
        }
    }

    /// Whether `--only` names `part` (or is all).
    func selected(_ part: String) -> Bool {
        only == "all" || only.split(separator: ",").contains { $0 == part }
    }

    /// The phase diagrams (41×41 in process and as one process, against the peers; the
    /// 401×401 with convergence time as one process, against the issue's goal), the kernels by depth
    /// and the accuracy reached.
    func theory(_ table: BenchTable) throws {
        try micro()
        let small = try time(repeats, "phase diagram 41x41") { diagram(count: 41) }
        print(line("phase diagram 41x41 (no convergence time)", small, points: 41 * 41))
        let withT = try time(repeats, "phase diagram 41x41") { diagram(count: 41, convergence: true) }
        print(line("phase diagram 41x41 with convergence time", withT, points: 41 * 41))
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-bench-diagram-\(getpid()).dat").path
        defer { removeScratch(out) }
        let ours41 = try fastestProcess(exe, Self.phaseDiagramArguments(41, convergence: false), output: out)
        print(line("phase diagram 41x41, one process", ours41.wall, points: 41 * 41))
        if !quick {
            let bigT = try processTiming(exe, Self.phaseDiagramArguments(401, convergence: true), output: out)
            print(line("phase diagram 401x401 with convergence time, one process", bigT.wall, points: 401 * 401))
            let goal = bigT.wall <= 12 ? "goal ≤ 12 s: met" : String(format: "goal ≤ 12 s: not met (%.2f× the goal)", bigT.wall / 12)
            table.add("tanh phase diagram 401×401 with convergence time, one process", meanfield: bigT.text,
                      peer: "no peer", ratio: goal, commands: [Self.phaseDiagramCommand(401, convergence: true)], rank: 1)
        }
        let kernels = try time(1, "depth-30 kernels") { try depth30Kernels() }
        print(line("depth-30 kernels on 41x41 (c^1 = 0.5 at q*)", kernels, points: 41 * 41))
        let grids = try kernelGrids()
        if let peers {
            try runPeers(peers, ours41: ours41, table: table)
        } else {
            table.add("tanh phase diagram 41×41 (q*, χ1, χ2, c*, χ_c, ξ's)", meanfield: Self.perPoint(ours41, points: 41 * 41),
                      peer: "peer not run: no --peers", commands: [Self.phaseDiagramCommand(41, convergence: false)])
        }
        if let peers, let ntPython {
            try runNeuralTangents(peers, python: ntPython, kernels: grids, table: table)
            try resnetKernels(python: ntPython, table: table)
        } else {
            addKernelRows(table, grids, nt: nil, why: "no --nt-python", command: "")
        }
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
