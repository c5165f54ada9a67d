import Foundation
import MeanField

extension BenchCommand {
    /// The residual network's NNGP and NTK grid (41×41 × depth 30, w = 0.5) against
    /// neural-tangents: bench/ntk_resnet_bench.py times NT's jit(vmap) and one `meanfield
    /// iterate --ntk` process of this binary in the same run. erf only: NT's tanh at
    /// Gauss–Hermite degree 200 takes ~510 s here, beyond the bench's budget
    /// (`make bench-ntk` runs both).
    func resnetKernels(python: String, table: BenchTable) throws {
        let script = "bench/ntk_resnet_bench.py"
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let workload = "ResNet NNGP + NTK, 41×41 × depth 30 (w = 0.5), one `iterate --ntk` process"
        let ours = "meanfield iterate --phi PHI --architecture resnet --shortcut-weight 0.5 --sigma-w 1:5:41 --sigma-b 0:4:41 --depth 30 --q0 1 --c0 0.5 --ntk --format json > /dev/null"
        let command = BenchTable.shellLine([python, script, exe, "erf"])
        let tanhRow = "peer not run: neural-tangents' tanh (Gauss–Hermite degree 200) takes ~510 s here, beyond the bench's budget; `make bench-ntk` runs it"
        guard FileManager.default.fileExists(atPath: script) else {
            let why = "peer not run: \(script) not found (run the bench from the repository root)"
            table.add(workload + ", erf", meanfield: "not run", peer: why, commands: [], rank: 3)
            return
        }
        let nt = try lastLineJSON("ntk_resnet_bench.py (neural-tangents, erf)", executable: python, [script, exe, "erf"], wholeOutput: true)
        let first = nt.number("erf", "nt_compile_and_first_call_s"), steady = nt.number("erf", "nt_steady_call_s")
        let mine = nt.number("erf", "meanfield_process_s")
        let k = nt.number("erf", "max_rel_difference_k"), theta = nt.number("erf", "max_rel_difference_ntk_where_within_1e-8")
        let commands = [ours.replacingOccurrences(of: "PHI", with: "erf"), command]
        guard case .value(let f) = first, case .value(let s) = steady, case .value(let m) = mine else {
            table.add(workload + ", erf", meanfield: mine.text("%.3f s"), peer: "peer not run: " + nt.whyMissing(["erf"]),
                      commands: commands, rank: 3)
            return
        }
        print(String(format: "  ResNet NNGP + NTK erf 41x41 depth 30: neural-tangents %.2f s compile + first call, %.3f s steady; meanfield %.3f s",
                     f, s, m))
        let peer = String(format: "neural-tangents jit(vmap), closed form: %@ compile + first call, %@ steady; largest relative difference K %@, Θ %@",
                          Timing.seconds(f), Timing.seconds(s), k.text("%.1e"), theta.text("%.1e"))
        let ratio = Self.ratio(f, m) + " with NT's compile, " + Self.ratio(s, m) + " without"
        table.add(workload + ", erf", meanfield: Timing.seconds(m) + " (timed by the script)", peer: peer, ratio: ratio,
                  commands: commands, rank: 3)
        table.add(workload + ", tanh", meanfield: "not run (nor its peer)", peer: tanhRow,
                  commands: [ours.replacingOccurrences(of: "PHI", with: "tanh")], rank: 3)
    }
}
