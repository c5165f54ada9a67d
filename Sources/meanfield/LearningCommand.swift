import ArgumentParser
import Foundation
import MeanField

struct LearningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learning",
        abstract: "Mode strengths of a deep linear network during full-batch gradient descent, beside the exact solution.",
        discussion: """
            y = W^{N_l−1} ⋯ W^1 x trained on ½ Σ_μ ‖y^μ − ŷ^μ‖² (sums over examples, whitened \
            inputs) with learning rate λ, τ = 1/λ, t in epochs (SPEC §8). a = u_αᵀ W^tot v_α for \
            each mode α of Σ³¹. a_theory is the gradient flow's exact solution from decoupled \
            initial conditions (closed form at 2 and 3 layers, GSL rk8pd deeper), null for the \
            other initial conditions; GD differs from it by forward Euler's O(λ) error.
            """)

    @Option(parsing: .unconditional, help: "Layers N_l, counting input and output (>= 2).", transform: OptionValue.integer("--layers"))
    var layers: Int = 3
    @Option(name: .customLong("init"), help: "Initial condition: decoupled, orthogonal, gaussian or small.")
    var initial: InitialCondition = .decoupled
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "Learning rate λ (> 0).", transform: OptionValue.real("--learning-rate"))
    var learningRate: Double = 0.01
    @Option(parsing: .unconditional, help: "Epochs of full-batch gradient descent (>= 0).", transform: OptionValue.integer("--epochs"))
    var epochs: Int = 1000
    @Option(parsing: .unconditional, help: "Print every K-th epoch (and the last).", transform: OptionValue.integer("--every"))
    var every: Int = 1
    @OptionGroup var dataOptions: LearningDataOptions
    @OptionGroup var network: LearningNetworkOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard layers >= 2 else { throw ValidationError(LearningError.tooFewLayers(layers).description) }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ValidationError("--learning-rate must be a finite number > 0, got \(learningRate)")
        }
        guard epochs >= 0, epochs <= 10_000_000 else { throw ValidationError("--epochs must be an integer in [0, 10000000], got \(epochs)") }
        guard every >= 1 else { throw ValidationError("--every must be an integer >= 1, got \(every)") }
    }

    func run() throws {
        let data = try dataOptions.make()
        // Every epoch's mode strengths are kept (r per epoch) until printed.
        guard Double(epochs + 1) * Double(data.modes) <= 5e7 else {
            throw UsageError("--epochs \(epochs) with \(data.modes) modes records more than 5e7 strengths; use fewer epochs")
        }
        let hidden = network.width(for: data)
        let net = try DeepLinearNetwork(layers: layers, hidden: hidden, data: data, initial: initial,
                                        a0: network.a0, smallStd: network.smallStd, seed: dataOptions.seed)
        let run = try GradientDescent(learningRate: learningRate, epochs: epochs).run(net, on: data)
        let last = run.error.count - 1
        let shown = Array(stride(from: 0, through: last, by: every)) + (last % every == 0 ? [] : [last])
        var theory: [[Double]?] = Array(repeating: nil, count: data.modes)
        if initial == .decoupled {
            theory = try data.s.map { s in
                try ModeDynamics(s: s, a0: network.a0, tau: 1 / learningRate, layers: layers).strength(at: shown.map(Double.init))
            }
        }
        var table = Table(
            title: "gradient descent, N_l=\(layers), \(initial.rawValue) init, λ=\(learningRate), hidden \(hidden), \(dataOptions.data.rawValue) data",
            columns: [
                Column(.epoch), Column(.mode),
                Column(.s), Column(.a),
                Column(.aTheory),
                Column(.level),
                Column(.error),
            ],
            fields: dataOptions.fields + [("layers", .integer(layers)), ("init", .text(initial.rawValue)),
                     ("learning_rate", .real(learningRate)), ("hidden", .integer(hidden)), ("a0", .real(network.a0))])
        for (k, epoch) in shown.enumerated() {
            for alpha in 0..<data.modes {
                let level: Value = data.levels.map { .integer($0[alpha]) } ?? .number(nil)
                table.append([.integer(epoch), .integer(alpha), .real(data.s[alpha]), .real(run.strengths[epoch][alpha]),
                              .real(theory[alpha]?[k]), level, .real(run.error[epoch])])
            }
        }
        output.emit(table)
    }
}
