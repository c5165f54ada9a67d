import ArgumentParser
import Foundation
import MeanField

struct HierarchyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hierarchy",
        abstract: "Singular values of hierarchical (branching-diffusion) data by level: eq. 13 beside a sampled data set.",
        discussion: """
            A tree of --levels levels and --branching children per node; each of --features \
            features is ±1 at the root and flips with probability --epsilon down each edge; \
            the items are the leaves, one-hot inputs (SPEC §8). s_theory is the source paper's \
            eq. 13, s_sampled the mean singular value (LAPACK dgesdd) of the sampled Σ³¹ over \
            the modes of each level (modes taken by rank, in the multiplicities of eq. 13); \
            a note names a level with fewer sampled modes than its multiplicity (Σ³¹ has rank \
            at most min(features, items)).
            """)

    @Option(parsing: .unconditional, help: "Levels D of the tree (>= 1).", parsedBy: OptionValue.integer("--levels"))
    var levels: Int = 6
    @Option(parsing: .unconditional, help: "Branching factor (>= 2).", parsedBy: OptionValue.integer("--branching"))
    var branching: Int = 2
    @Option(parsing: .unconditional, help: "Flip probability ε per edge, in [0, 0.5].", parsedBy: OptionValue.real("--epsilon"))
    var epsilon: Double = 0.1
    @Option(parsing: .unconditional, help: "Features N (>= 1).", parsedBy: OptionValue.integer("--features"))
    var features: Int = 200
    @OptionGroup var seedOption: SeedOption
    var seed: UInt64 { seedOption.seed }
    @OptionGroup var output: FormatOption

    func run() throws {
        let h = try HierarchyTheory(levels: levels, branching: branching, epsilon: epsilon, features: features)
        let sampled = try LearningData.hierarchy(h, seed: seed).singularValuesByLevel ?? []
        var table = Table(
            title: "singular values of hierarchical data, D=\(levels), B=\(branching), ε=\(epsilon), N=\(features)",
            columns: [
                Column(.level), Column(.multiplicity),
                Column(.sTheory),
                Column(.sSampled),
                Column(.sTheoryOverSqrtN),
            ],
            fields: [("levels", .integer(levels)), ("branching", .integer(branching)), ("epsilon", .real(epsilon)),
                     ("features", .integer(features)), ("items", .integer(h.items)), ("seed", .text(String(seed)))])
        for l in 0..<levels {
            let s = h.singularValue(level: l), used = l < sampled.count ? sampled[l] : (mean: nil, modes: 0)
            table.append([.integer(l), .integer(h.multiplicity(level: l)), .real(s),
                          .real(used.mean), .real(s / Double(features).squareRoot())])
        }
        // Σ³¹ (N × P) has at most min(N, P) modes (fewer at ε = 0), taken by rank: the finest levels run short first.
        let modes = sampled.map(\.modes).reduce(0, +)
        for l in 0..<levels where l < sampled.count && sampled[l].modes < h.multiplicity(level: l) {
            note("level \(l): s_sampled is the mean of \(sampled[l].modes) of its \(h.multiplicity(level: l)) modes"
                + (sampled[l].modes == 0 ? " (none: null)" : "")
                + ": the sampled Σ³¹ (--features \(features) × \(h.items) items) has \(modes) modes above rounding, "
                + "assigned to levels by rank")
        }
        output.emit(table)
    }
}
