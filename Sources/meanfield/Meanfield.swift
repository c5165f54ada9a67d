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
        groupedSubcommands: [
            CommandGroup(name: "Theory", subcommands: [
                FixedPointCommand.self, QMapCommand.self, CMapCommand.self, IterateCommand.self, CurvatureCommand.self,
                PhaseDiagramCommand.self, BoundaryCommand.self, CriticalCommand.self,
            ]),
            CommandGroup(name: "Design", subcommands: [TransformCommand.self]),
            CommandGroup(name: "Simulation", subcommands: [
                SimulateCommand.self, BoundaryCurvatureCommand.self, ExpressivityCommand.self, FluctuationsCommand.self,
            ]),
            CommandGroup(name: "Spectra", subcommands: [SpectrumCommand.self]),
            CommandGroup(name: "Learning", subcommands: [
                HierarchyCommand.self, LearningCommand.self, LearningTimeCommand.self,
            ]),
            CommandGroup(name: "Runs", subcommands: [ReproduceCommand.self, MergeCommand.self, BenchCommand.self]),
        ]
    )

    /// Our contract for bad input: one line on stderr and exit status 2 (the argument
    /// parser's default is several lines and status 64).
    static func main() {
        TemporaryFiles.cleanUpOnSignals()
        // Before any BLAS call: one OpenBLAS thread, our own fixed split (the same bytes whatever the thread count).
        LinearAlgebra.configure()
        do {
            var command = try parseAsRoot()
            try RepeatedOptions.refuse(in: command, arguments: Array(CommandLine.arguments.dropFirst()))
            OptionNotes.flush()
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
            // An option value one of our parsers refused: its line names the flag, the
            // value and what is accepted (the parser's wrapping sentence is not printed).
            fail(OptionRefusal.first ?? message(for: error))
        }
    }

    /// A message on one line: the parser lists the accepted values of an enumerated
    /// option one per line; they are joined with spaces.
    static func oneLine(_ text: String) -> String {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// One line on stderr and the exit status: where every failure ends the process (the
    /// other exits are a merge's early exit after its output and the signal handler's).
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
