import Dispatch
import Foundation
import MeanField

extension BenchCommand {
    /// Sharding overhead: the 401×401 tanh phase diagram (41×41 with --quick) as one
    /// process against 16 shard processes run one after another (each on all cores, as
    /// on 16 machines) plus the merge; overhead = (Σ shards + merge) − one run (the mean
    /// of one run before and one after the shards), and the skew = slowest shard / mean
    /// shard.
    func shards() throws {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let count = quick ? 41 : 401, n = 16
        let args = ["phase-diagram", "--sigma-w", "1:5:\(count)", "--sigma-b", "0:4:\(count)"]
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("meanfield-bench-shards-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { removeScratch(folder.path) }
        let whole = folder.appendingPathComponent("whole.dat").path
        // The one process runs before and after the shards, and the mean is the baseline,
        // so that a machine drifting during the ~40 s does not count as overhead.
        let before = try timedProcess(exe, args, output: whole)
        var times: [Double] = []
        var paths: [String] = []
        for i in 0..<n {
            let path = folder.appendingPathComponent("shard-\(i).json").path
            times.append(try timedProcess(exe, args + ["--shard", "\(i)/\(n)"], output: path))
            paths.append(path)
        }
        let mergedPath = folder.appendingPathComponent("merged.dat").path
        let merge = try timedProcess(exe, ["merge"] + paths, output: mergedPath)
        let after = try timedProcess(exe, args, output: whole)
        let one = (before + after) / 2
        let same = FileManager.default.contentsEqual(atPath: whole, andPath: mergedPath)
        let total = times.reduce(0, +) + merge, mean = times.reduce(0, +) / Double(n)
        print(String(format: "  phase diagram %dx%d: one process %.2f s (%.2f s before the shards, %.2f s after); %d shards %.2f s (each %.2f–%.2f s) + merge %.2f s",
                     count, count, one, before, after, n, times.reduce(0, +), times.min() ?? 0, times.max() ?? 0, merge))
        print(String(format: "    sharding overhead %.2f s = %.1f%% of the run; skew (slowest / mean shard) %.2f; merged bytes %@",
                     total - one, 100 * (total - one) / one, (times.max() ?? 0) / mean, same ? "identical" : "DIFFER"))
    }

    /// Wall time of one process whose stdout goes to `output`.
    func timedProcess(_ executable: String, _ arguments: [String], output: String) throws -> Double {
        try processTiming(executable, arguments, output: output).wall
    }

    /// Wall and CPU time of one process whose stdout goes to `output` (its CPU time is
    /// the growth of this process's `RUSAGE_CHILDREN` while it ran).
    func processTiming(_ executable: String, _ arguments: [String], output: String) throws -> Timing {
        guard FileManager.default.createFile(atPath: output, contents: nil),
              let handle = FileHandle(forWritingAtPath: output) else { throw OutputError(output, reason: "cannot create it") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = handle
        p.standardError = FileHandle.nullDevice
        let start = DispatchTime.now(), cpu = Timing.cpuSeconds(children: true)
        try p.run()
        p.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let cpuSeconds = Timing.cpuSeconds(children: true) - cpu
        try handle.close()
        guard p.terminationStatus == 0 else {
            throw BenchFailure("\(arguments.prefix(3).joined(separator: " ")) …",
                               reason: "the process exited with status \(p.terminationStatus)")
        }
        return Timing(wall: seconds, cpu: cpuSeconds)
    }
}
