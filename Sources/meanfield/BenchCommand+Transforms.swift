import Foundation
import MeanField

extension BenchCommand {
    /// Activation transforms (`transform`): one DKS and one TAT solve, in process, on
    /// dks's test network (ResNet-101) and on mlp:50, for softplus, tanh and a formula.
    /// Then (`transformProcesses`) dks itself beside `meanfield transform`, both as whole processes.
    func transforms(_ table: BenchTable) throws {
        let resnet = TransformNetwork.resnet(blocks: [3, 4, 23, 3], shortcutWeight: 0.6)
        let cases: [(Nonlinearity, TransformMethod, TransformNetwork)] = [
            (.softplus, .dks, resnet), (.tanh, .dks, resnet), (.softplus, .tat, resnet), (.tanh, .tat, resnet),
            (.silu, .tat, .mlp(layers: 50)), (try Nonlinearity(formula: "x*tanh(softplus(x))"), .dks, .mlp(layers: 50)),
        ]
        for (phi, method, network) in cases {
            var solutions = 0
            let t = try time(repeats, "transform \(phi.name) \(method.rawValue)") {
                solutions = try ActivationTransform(phi: phi, method: method, network: network).solutions.count
            }
            print(String(format: "  transform %@ %@ on %@: %.1f ms (%d solutions)",
                         phi.name, method.rawValue, network.description, t * 1000, solutions))
        }
        try transformProcesses(table)
    }

    /// `meanfield transform` against dks (reference/dks/dks_solve.py, run with
    /// `--dks-python`), each the fastest of `repeats` whole processes, on ResNet-101
    /// (shortcut weight 0.6), softplus by DKS and by TAT.
    func transformProcesses(_ table: BenchTable) throws {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-bench-transform-\(getpid()).txt").path
        defer { removeScratch(out) }
        let script = "reference/dks/dks_solve.py"
        for (phi, method, network) in [("softplus", "dks", "resnet:3,4,23,3"), ("softplus", "tat", "resnet:3,4,23,3")] {
            let args: [String] = ["transform", "--phi", phi, "--method", method, "--network", network]
            let ours = try fastestProcess(exe, args, output: out)
            let workload = "\(method.uppercased()) transform of \(phi) on \(network) (ResNet-101), one process"
            let peerArgs: [String] = [script, phi, method.uppercased(), network]
            var commands: [String] = [BenchTable.shellLine(["meanfield"] + args)]
            guard let dksPython else {
                table.add(workload, meanfield: ours.text, peer: "peer not run: no --dks-python", commands: commands, rank: 7)
                continue
            }
            commands.append(BenchTable.shellLine([dksPython] + peerArgs))
            guard FileManager.default.fileExists(atPath: script) else {
                table.add(workload, meanfield: ours.text, peer: "peer not run: \(script) not found (run the bench from the repository root)",
                          commands: commands, rank: 7)
                continue
            }
            let theirs: Timing
            do { theirs = try fastestProcess(dksPython, peerArgs, output: out) } catch let failure as BenchFailure {
                table.add(workload, meanfield: ours.text, peer: "peer not run: " + failure.reason, commands: commands, rank: 7)
                continue
            }
            print(String(format: "  transform %@ %@ on %@ as one process: meanfield %.3f s, dks %.3f s", phi, method, network, ours.wall, theirs.wall))
            table.add(workload, meanfield: ours.text, peer: "dks 0.1.2 (dks_solve.py): " + theirs.text,
                      ratio: Self.ratio(theirs.wall, ours.wall) + " (CPU: " + Self.ratio(theirs.cpu, ours.cpu) + ")",
                      commands: commands, rank: 7)
        }
    }

    /// The fastest (wall time) of `repeats` runs of one process.
    func fastestProcess(_ executable: String, _ arguments: [String], output: String) throws -> Timing {
        var best = Timing(wall: .infinity, cpu: .infinity)
        for _ in 0..<repeats {
            let t = try processTiming(executable, arguments, output: output)
            if t.wall < best.wall { best = t }
        }
        return best
    }
}
