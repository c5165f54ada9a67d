import ArgumentParser
import Foundation
import MeanField

struct ReproduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reproduce",
        abstract: "Regenerate the paper's Figures 1–5 (4F–G, 5-lite) and Figures 6–10 (dynamical isometry, learning in deep linear networks, initialising silu, dropout and the NTK, finite width): tables, gnuplot scripts and PNGs.",
        discussion: """
            Tables go to --out in gnuplot (.dat), CSV and JSON, written atomically; each figure's \
            gnuplot script goes to --plots and is rendered to PNG when gnuplot is installed. \
            --quick uses N = 120, P = 40, 2 networks and a 9×9 grid (seconds, for tests). \
            The figures are made two at a time, costliest first; each prints its time on \
            stderr, and the last lines give the totals (wall and CPU seconds).
            """)

    @Option(help: "Folder for the tables.")
    var out: String = "notebooks-out"
    @Option(help: "Folder for the gnuplot scripts and PNGs.")
    var plots: String = "plots"
    @Flag(help: "A small, fast version for tests and CI.")
    var quick = false
    @OptionGroup var seedOption: SeedOption
    var seed: UInt64 { seedOption.seed }
    @Option(help: ArgumentHelp("Only these figures, comma-separated: \(Reproduction.names.joined(separator: ", ")).",
                               valueName: "names"))
    var figures: String?

    func validate() throws {
        if let figures {
            let names = figures.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !names.isEmpty, names.allSatisfy(Reproduction.names.contains) else {
                throw ValidationError("--figures takes a comma-separated list of \(Reproduction.names.joined(separator: ", ")), got '\(figures)'")
            }
        }
    }

    func run() throws {
        let log: (String) -> Void = { standardError("meanfield: \($0)\n") }
        let only = figures.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let r = Reproduction(settings: ReproductionSettings(quick: quick, seed: seed), out: out, plots: plots,
                             only: only, log: log)
        StandardOutput.print(try r.run().map { $0 + "\n" }.joined())
    }
}
