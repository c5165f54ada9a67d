import ArgumentParser
import Foundation
import MeanField

@main
struct Meanfield: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "meanfield",
        abstract: "Mean-field theory of signal propagation in deep random networks: order, chaos and curvature.",
        discussion: """
            sigma-w and sigma-b are standard deviations. Ranges are START:STOP:COUNT, both ends \
            included (1:5:41). Every subcommand prints --format gnuplot (default), csv or json.
            """,
        subcommands: [
            FixedPointCommand.self, QMapCommand.self, CMapCommand.self, IterateCommand.self,
            CurvatureCommand.self, PhaseDiagramCommand.self, BoundaryCommand.self, SimulateCommand.self, SpectrumCommand.self, HierarchyCommand.self, LearningCommand.self, LearningTimeCommand.self, BoundaryCurvatureCommand.self, ExpressivityCommand.self, ReproduceCommand.self, MergeCommand.self, BenchCommand.self,
        ]
    )

    /// Our contract for bad input: one line on stderr and exit status 2 (the argument
    /// parser's default is several lines and status 64).
    static func main() {
        TemporaryFiles.cleanUpOnSignals()
        // Before any BLAS call: one OpenBLAS thread, our own fixed split (same bytes everywhere).
        BLASThreads.configure()
        do {
            var command = try parseAsRoot()
            try RepeatedOptions.refuse(in: command, arguments: Array(CommandLine.arguments.dropFirst()))
            try command.run()
        } catch let error as ReportableError {
            fail(error.description, status: error.exitStatus)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                do { try StandardOutput.write(fullMessage(for: error) + "\n") } catch {
                    fail("\(error)", status: 1)
                }
                Foundation.exit(0)
            }
            fail(oneLine(message(for: error)))
        }
    }

    /// The parser's message on one line: "Please provide one of the following:" lists
    /// become a comma-separated list; usage and help hints are dropped.
    static func oneLine(_ text: String) -> String {
        var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        lines.removeAll { $0.isEmpty || $0.hasPrefix("Usage:") || $0.hasPrefix("See '") || $0.hasPrefix("Help:") }
        guard var first = lines.first else { return text }
        if first.hasPrefix("Error: ") { first.removeFirst(7) }
        // "The value 'V' is invalid for '--flag <v>': --flag 'V' : why": our own
        // transform errors already name the flag and the value.
        if first.hasPrefix("The value '"), let r = first.range(of: "': --") {
            first = String(first[first.index(after: r.lowerBound)...].dropFirst(2))
        }
        // The parser's own refusals of a number say what was wrong, not what is accepted.
        if first.hasPrefix("The value '"), first.hasSuffix(">'"), lines.count == 1,
           let end = first.dropFirst(11).firstIndex(of: "'") {
            let value = first[first.index(first.startIndex, offsetBy: 11)..<end]
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed != value && Double(trimmed) != nil {
                first += ": expected a number without spaces around it"
            } else if Double(trimmed) != nil {
                first += ": expected an integer"
            } else {
                first += ": expected a number (digits, optional sign, decimal point and exponent, e.g. 2.5 or 1e-3)"
            }
        }
        if first.hasPrefix("Missing value for '--"), lines.count == 1, !first.contains("must be attached") {
            first += " (a value that starts with '-' must be attached with '=', e.g. --phi=-x or --sigma-b=-0)"
        }
        let rest = lines.dropFirst().map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
        return rest.isEmpty ? first : first + " " + rest.joined(separator: ", ")
    }

    /// One line on stderr and the exit status: the only place the tool exits.
    static func fail(_ message: String, status: Int32 = 2) -> Never {
        standardError("meanfield: error: \(oneLine(message))\n")
        Foundation.exit(status)
    }
}

/// Bad input found after parsing (a range, a combination of flags).
struct UsageError: ReportableError {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}
