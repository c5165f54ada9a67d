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
            other initial conditions; GD differs from it by forward Euler's O(λ) error. A rate \
            past the stability edge 2/((N_l − 1) s_1^{2 − 2/(N_l − 1)}) gets a note: the modes \
            oscillate about s instead of converging.
            """)

    @Option(parsing: .unconditional, help: "Layers N_l, counting input and output (>= 2).", parsedBy: OptionValue.integer("--layers"))
    var layers: Int = 3
    @Option(name: .customLong("init"), help: "Initial condition: decoupled, orthogonal, gaussian or small.")
    var initial: InitialCondition = .decoupled
    @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "Learning rate λ (> 0).", parsedBy: OptionValue.real("--learning-rate"))
    var learningRate: Double = 0.01
    @Option(parsing: .unconditional, help: "Epochs of full-batch gradient descent (>= 0).", parsedBy: OptionValue.integer("--epochs"))
    var epochs: Int = 1000
    @Option(parsing: .unconditional, help: "Print every K-th epoch (and the last).", parsedBy: OptionValue.integer("--every"))
    var every: Int = 1
    @OptionGroup var dataOptions: LearningDataOptions
    @OptionGroup var network: LearningNetworkOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard layers >= 2 else { throw ValidationError(LearningError.tooFewLayers(layers).description) }
        guard learningRate.isFinite, learningRate > 0 else {
            throw ValidationError("--learning-rate must be a finite number > 0, got \(learningRate)")
        }
        // The exact solution of --init decoupled runs on the time scale τ = 1/λ.
        guard initial != .decoupled || (1 / learningRate).isFinite else {
            throw ValidationError("--learning-rate \(learningRate) is too small for --init decoupled: its exact solution "
                                  + "needs τ = 1/λ finite (λ > \(1 / Double.greatestFiniteMagnitude))")
        }
        guard epochs >= 0, epochs <= 10_000_000 else { throw ValidationError("--epochs must be an integer in [0, 10000000], got \(epochs)") }
        guard every >= 1 else { throw ValidationError("--every must be an integer >= 1, got \(every)") }
    }

    /// Rows held until the run has completed (about 100 bytes each); past this many, a
    /// first pass without output checks that it completes, and the rows are then printed
    /// as they are made.
    static let heldRows = 16_384

    /// Rows are printed as they are made: memory does not depend on --epochs. A run that
    /// blows up leaves nothing on stdout (one error line instead): an output of at most
    /// `heldRows` rows is held until the run ends; a longer one is printed only after a
    /// first pass, without output, has shown that gradient descent completes (the second
    /// pass makes the same epochs bit for bit).
    func run() throws {
        let data = try dataOptions.make()
        let hidden = network.width(for: data)
        let net = try DeepLinearNetwork(layers: layers, hidden: hidden, data: data, initial: initial,
                                        a0: network.a0, smallStd: network.smallStd, seed: dataOptions.seed)
        let gd = GradientDescent(learningRate: learningRate, epochs: epochs)
        let table = Table(
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
        let shown = epochs / every + 1 + (epochs % every == 0 ? 0 : 1)
        let checked = Double(shown) * Double(data.modes) > Double(Self.heldRows)
        if checked { _ = try blaming(hidden: hidden) { try gd.stream(net, on: data) { _, _, _ in } } }
        let theory = initial == .decoupled
            ? try data.s.map { s in try ModeDynamics(s: s, a0: network.a0, tau: 1 / learningRate, layers: layers).trajectory() }
            : nil
        var out = StreamedTable(table, format: output.format, flushing: checked)
        _ = try blaming(hidden: hidden) {
            try gd.stream(net, on: data) { epoch, error, strengths in
                guard epoch % every == 0 || epoch == epochs else { return }
                let a = strengths()
                for alpha in 0..<data.modes {
                    let level: Value = data.levels.map { .integer($0[alpha]) } ?? .number(nil)
                    let exact = try theory?[alpha].strength(at: Double(epoch))
                    out.append([.integer(epoch), .integer(alpha), .real(data.s[alpha]), .real(a[alpha]),
                                .real(exact), level, .real(error)])
                }
            }
        }
        let edge = ModeDynamics.stabilityEdge(s: data.s[0], layers: layers)
        if learningRate > edge {
            note("--learning-rate \(learningRate) is past the stability edge 2/((N_l − 1) s_1^{2 − 2/(N_l − 1)}) = \(edge) "
                + "(N_l = \(layers), s_1 = \(data.s[0])): gradient descent oscillates about the learned modes instead of converging")
        }
        out.finish()
    }

    /// Runs `body`, a gradient descent, with its divergence blamed on the flag at fault.
    func blaming<T>(hidden: Int, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as LearningError {
            throw network.blame(e, initial: initial, layers: layers, hidden: hidden)
        }
    }
}

/// A table printed row by row: held in memory until `finish()`, or, once `flushing`,
/// written out in chunks of about 64 KB as rows arrive.
struct StreamedTable {
    let table: Table
    let format: Format
    let flushing: Bool
    var buffer: String
    var count = 0

    init(_ table: Table, format: Format, flushing: Bool) {
        self.table = table
        self.format = format
        self.flushing = flushing
        buffer = table.head(format)
    }

    mutating func append(_ row: [Value]) {
        buffer += table.line(row, index: count, format)
        count += 1
        if flushing, buffer.utf8.count >= 1 << 16 {
            StandardOutput.print(buffer)
            buffer = ""
        }
    }

    /// Writes what is held and the table's end.
    mutating func finish() {
        StandardOutput.print(buffer + table.tail(format))
        buffer = ""
    }
}
