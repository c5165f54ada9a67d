import ArgumentParser
import Foundation
import MeanField

extension InitialCondition: ExpressibleByArgument {}

/// Which data set the learning commands train on (SPEC §8).
enum LearningDataKind: String, ExpressibleByArgument, CaseIterable {
    case modes, hierarchy
}

/// The data flags shared by `learning` and `learning-time`.
struct LearningDataOptions: ParsableArguments {
    @Option(help: "Data set: modes (orthonormal inputs, Σ³¹ = U S Vᵀ with --singular-values) or hierarchy (branching diffusion).")
    var data: LearningDataKind = .modes
    @Option(name: .customLong("singular-values"), help: "The s_α of --data modes, comma-separated, each > 0.",
            transform: OptionValue.parsed("--singular-values", parseList))
    var singularValues: [Double] = [3, 2, 1]
    @Option(parsing: .unconditional, help: "Levels D of the tree (--data hierarchy, >= 1).", transform: OptionValue.integer("--levels"))
    var levels: Int = 5
    @Option(parsing: .unconditional, help: "Branching factor of the tree (>= 2).", transform: OptionValue.integer("--branching"))
    var branching: Int = 2
    @Option(parsing: .unconditional, help: "Flip probability ε per edge, in [0, 0.5].", transform: OptionValue.real("--epsilon"))
    var epsilon: Double = 0.1
    @Option(parsing: .unconditional, help: "Features N (outputs) of --data hierarchy (>= 1).", transform: OptionValue.integer("--features"))
    var features: Int = 100
    @OptionGroup var seedOption: SeedOption
    var seed: UInt64 { seedOption.seed }

    func make() throws -> LearningData {
        switch data {
        case .modes: return try LearningData.modes(singularValues: singularValues, seed: seed)
        case .hierarchy:
            let h = try HierarchyTheory(levels: levels, branching: branching, epsilon: epsilon, features: features)
            return try LearningData.hierarchy(h, seed: seed)
        }
    }

    var fields: [(key: String, value: Value)] {
        var f: [(key: String, value: Value)] = [("data", .text(data.rawValue)), ("seed", .text(String(seed)))]
        switch data {
        case .modes: f.append(("singular_values", .list(singularValues)))
        case .hierarchy:
            f += [("levels", .integer(levels)), ("branching", .integer(branching)), ("epsilon", .real(epsilon)),
                  ("features", .integer(features))]
        }
        return f
    }
}

/// The network flags shared by `learning` and `learning-time`.
struct LearningNetworkOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Hidden width (default: the wider of input and output; at least the number of modes).", transform: OptionValue.integer("--hidden"))
    var hidden: Int?
    @Option(parsing: .unconditional, help: "Initial mode strength a0 of --init decoupled (> 0).", transform: OptionValue.real("--a0"))
    var a0: Double = 0.001
    @Option(name: .customLong("small-std"), parsing: .unconditional, help: "Standard deviation of the weights of --init small (>= 0).", transform: OptionValue.real("--small-std"))
    var smallStd: Double = 0.01

    func width(for data: LearningData) -> Int { hidden ?? max(data.inputs, data.outputs) }

    func validate() throws {
        if let hidden { guard hidden >= 1 else { throw ValidationError("--hidden must be an integer >= 1, got \(hidden)") } }
        guard a0.isFinite, a0 > 0 else { throw ValidationError("--a0 must be a finite number > 0, got \(a0)") }
        guard smallStd.isFinite, smallStd >= 0 else { throw ValidationError("--small-std must be a finite number >= 0, got \(smallStd)") }
    }
}

/// A comma-separated list of finite numbers.
func parseList(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    let values = parts.compactMap(Double.init)
    guard !parts.isEmpty, values.count == parts.count, values.allSatisfy(\.isFinite) else {
        throw ListError(text: "--singular-values '\(text)' : expected comma-separated finite numbers, e.g. 3,2,1")
    }
    return values
}

struct ListError: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
