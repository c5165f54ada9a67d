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
            shown: "3,2,1", parsedBy: OptionValue.parsed("--singular-values", parseList))
    var singularValues: [Double] = [3, 2, 1]
    @Option(parsing: .unconditional, help: "Levels D of the tree (--data hierarchy, >= 1).", parsedBy: OptionValue.integer("--levels"))
    var levels: Int = 5
    @Option(parsing: .unconditional, help: "Branching factor of the tree (>= 2).", parsedBy: OptionValue.integer("--branching"))
    var branching: Int = 2
    @Option(parsing: .unconditional, help: "Flip probability ε per edge, in [0, 0.5].", parsedBy: OptionValue.real("--epsilon"))
    var epsilon: Double = 0.1
    @Option(parsing: .unconditional, help: "Features N (outputs) of --data hierarchy (>= 1).", parsedBy: OptionValue.integer("--features"))
    var features: Int = 100
    /// An option of this group, not a nested group (see `NetworkOptions`).
    @Option(parsing: .unconditional, help: SeedOption.help, parsedBy: SeedOption.parser)
    var seed: UInt64 = 1

    func make() throws -> LearningData {
        switch data {
        case .modes:
            let data = try LearningData.modes(singularValues: singularValues, seed: seed)
            if data.modes < singularValues.count {
                note("--singular-values: \(singularValues.count - data.modes) of \(singularValues.count) values are below "
                    + "1e-10 × the largest, where Σ³¹'s singular values count as rounding of zero: they are not learned or shown")
            }
            return data
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
    @Option(parsing: .unconditional, help: "Initial mode strength a0 of --init decoupled (> 0).", parsedBy: OptionValue.real("--a0"))
    var a0: Double = 0.001
    @Option(name: .customLong("small-std"), parsing: .unconditional, help: "Standard deviation of the weights of --init small (>= 0).", parsedBy: OptionValue.real("--small-std"))
    var smallStd: Double = 0.01

    func width(for data: LearningData) -> Int { hidden ?? max(data.inputs, data.outputs) }

    /// `error` with the blame moved to the flag that sets the start's scale, where the
    /// start, not the rate, is at fault: an initial error that overflows, or a run that
    /// diverges at a rate below the stability edge of the learned modes (so the rate
    /// would converge near the solution, and only the steeper start blows it up). The
    /// flags: --a0 (decoupled: curvature (N_l − 1) a0^{2 − 2/(N_l − 1)} at the start),
    /// --small-std (small), --hidden (gaussian: W^1 with n_0 columns of variance 1/n_0
    /// has ‖W^1‖² ≈ hidden/n_0, and the curvature with it), --layers (orthogonal: every
    /// layer an isometry, only the depth sets the start's scale).
    func blame(_ error: LearningError, initial: InitialCondition, layers: Int, hidden: Int) -> Error {
        let flag: String, remedy: String
        switch initial {
        case .decoupled: (flag, remedy) = ("--a0 \(a0)", "a smaller --a0")
        case .small: (flag, remedy) = ("--small-std \(smallStd) (--init small)", "a smaller --small-std")
        case .gaussian: (flag, remedy) = ("--hidden \(hidden) (--init gaussian)", "a narrower --hidden")
        case .orthogonal: (flag, remedy) = ("--layers \(layers) (--init orthogonal)", "fewer --layers")
        }
        switch error {
        case .startOverflows:
            return UsageError("\(flag) makes the initial training error ½ ‖Σ³¹ − W^tot‖² overflow before the first step; use \(remedy)")
        case .diverged(let rate, let epoch, let edge) where rate <= edge && initial != .orthogonal:
            return UsageError("\(flag) starts gradient descent too steep for --learning-rate \(rate): the training error grew "
                + "a thousandfold or overflowed at epoch \(epoch), though the rate is below the stability edge \(edge) of the "
                + "learned modes; use \(remedy) or a smaller rate")
        default:
            return error
        }
    }

    func validate() throws {
        if let hidden { guard hidden >= 1 else { throw ValidationError("--hidden must be an integer >= 1, got \(hidden)") } }
        guard a0.isFinite, a0 > 0, a0 <= LearningData.largestSingularValue else {
            throw ValidationError("--a0 must be a number in (0, 1e150] (the initial error ½ Σ (s_α − a0)² must be a finite double), got \(a0)")
        }
        guard smallStd.isFinite, smallStd >= 0 else { throw ValidationError("--small-std must be a finite number >= 0, got \(smallStd)") }
    }
}

/// A comma-separated list of finite numbers; an empty item (`1,,2`, `3,`) is refused, not skipped.
func parseList(_ text: String) throws -> [Double] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    if let empty = parts.firstIndex(where: \.isEmpty) {
        throw ListError(text: "--singular-values '\(text)': item \(empty + 1) is empty; expected comma-separated finite numbers, e.g. 3,2,1")
    }
    let values = parts.compactMap { OptionValue.decimal($0) }
    guard values.count == parts.count, values.allSatisfy(\.isFinite) else {
        throw ListError(text: "--singular-values '\(text)' : expected comma-separated finite numbers, e.g. 3,2,1")
    }
    return values
}

struct ListError: Error, CustomStringConvertible {
    let text: String
    var description: String { text }
}
