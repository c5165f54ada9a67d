import Foundation
import MeanField

/// The speed table of `bench --markdown FILE` (the README's *Speed* table): one row per
/// workload with meanfield's figure, the peer's figure from the same run (or why there is
/// none), their ratio, and the commands that re-measure the row; above it one line saying
/// when, where and by which invocation it was measured. A final class: the parts of the
/// bench add their rows to the one table of the run.
final class BenchTable {
    struct Row {
        let workload: String
        let meanfield: String
        let peer: String
        let ratio: String
        let commands: [String]
        /// Where the row goes: rows are listed by rank, then in the order they were added.
        let rank: Int
    }

    private(set) var rows: [Row] = []
    let started = Date()
    let loadAtStart = BenchTable.loadAverage()

    /// Adds a row; `rank` orders the table (the phase diagrams first, then the kernels,
    /// the simulations, the spectrum, fluctuations, transforms and learning).
    func add(_ workload: String, meanfield: String, peer: String, ratio: String = "", commands: [String], rank: Int = 0) {
        rows.append(Row(workload: workload, meanfield: meanfield, peer: peer, ratio: ratio,
                        commands: commands.filter { !$0.isEmpty }, rank: rank))
    }

    /// The table in markdown: the header line, then workload | meanfield | peer (same run) |
    /// ratio | command. A `|` inside a cell is escaped; commands are code spans.
    func markdown(invocation: [String], binary: String) -> String {
        var header = "Measured by `\(Self.shellLine(invocation))` on \(Self.utc(started)) UTC"
        header += ", \(Self.machine()), load average \(String(format: "%.2f", loadAtStart)) at start"
        header += " and \(String(format: "%.2f", Self.loadAverage())) at end"
        header += "; binary \(binary); \(Self.duration(Date().timeIntervalSince(started))) in all."
        var lines = [header, "", "| workload | meanfield | peer (same run) | ratio | command |", "|---|---|---|---|---|"]
        let ordered = rows.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
        for row in ordered.map(\.element) {
            let commands = row.commands.map { "`" + $0 + "`" }.joined(separator: "; ")
            let cells = [row.workload, row.meanfield, row.peer, row.ratio, commands].map(Self.cell)
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes the table to `path` atomically.
    func write(_ path: String, invocation: [String], binary: String) throws {
        try AtomicFile.write(markdown(invocation: invocation, binary: binary), to: path)
    }

    static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// The arguments as one line a shell reads back the same (single quotes where needed).
    static func shellLine(_ arguments: [String]) -> String {
        arguments.map { a -> String in
            let plain = !a.isEmpty && a.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || "-_./:=,+@%".unicodeScalars.contains($0)
            }
            return plain ? a : "'" + a.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }

    /// The 1-minute load average (getloadavg).
    static func loadAverage() -> Double {
        var load = [0.0, 0.0, 0.0]
        return getloadavg(&load, 3) >= 1 ? load[0] : .nan
    }

    static func utc(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    static func duration(_ seconds: Double) -> String {
        String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }

    /// "2 cores (AMD EPYC)": the core count and the CPU's model name from /proc/cpuinfo.
    static func machine() -> String {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = info.split(separator: "\n").first { $0.hasPrefix("model name") }
            .flatMap { $0.split(separator: ":", maxSplits: 1).last }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        return "\(cores) cores" + (model.map { " (\($0))" } ?? "")
    }
}

/// Wall and CPU time of one run: CPU is user + system of every thread (in process) or of
/// the child process and its own children (whole process).
struct Timing {
    var wall: Double
    var cpu: Double

    /// "1.23 s (2.40 s CPU)".
    var text: String { String(format: "%@ (%@ CPU)", Timing.seconds(wall), Timing.seconds(cpu)) }

    /// Seconds with three significant digits: "0.249 s", "17.4 s", "510 s".
    static func seconds(_ s: Double) -> String {
        guard s.isFinite else { return "n/a" }
        return String(format: s < 1 ? "%.3f s" : s < 10 ? "%.2f s" : s < 100 ? "%.1f s" : "%.0f s", s)
    }

    /// User + system seconds of this process (`RUSAGE_SELF`) or of its waited-for
    /// children (`RUSAGE_CHILDREN`).
    static func cpuSeconds(children: Bool) -> Double {
        var usage = rusage()
        getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

extension BenchCommand {
    /// The binary's tool version and the commit of the repository it was built in (the
    /// folder three levels above `.build/release/meanfield`), "+ changes" when the work
    /// tree differs from it; "commit unknown" without git or outside a repository.
    func binaryDescription() -> String {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        let repo = exe.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let head = gitOutput(repo, ["rev-parse", "--short", "HEAD"])
        guard let commit = head?.trimmingCharacters(in: .whitespacesAndNewlines), !commit.isEmpty else {
            return "meanfield \(toolVersion), commit unknown"
        }
        let dirty = gitOutput(repo, ["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return "meanfield \(toolVersion) at commit \(commit)" + (dirty ? " + uncommitted changes" : "")
    }

    private func gitOutput(_ folder: String, _ arguments: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "-C", folder] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// The peer's time over ours: "144× faster", "5.0× slower"; n/a unless both are
    /// finite and positive.
    static func ratio(_ peer: Double, _ ours: Double) -> String {
        guard peer > 0, peer.isFinite, ours > 0, ours.isFinite else { return "n/a" }
        let r = peer >= ours ? peer / ours : ours / peer
        return String(format: r >= 100 ? "%.0f×" : r >= 10 ? "%.1f×" : "%.2f×", r) + (peer >= ours ? " faster" : " slower")
    }
}
