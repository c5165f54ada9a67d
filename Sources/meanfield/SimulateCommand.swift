import ArgumentParser
import Foundation
import MeanField

extension WeightEnsemble: ExpressibleByArgument {}

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte-Carlo: a great circle through random networks, beside the theory.",
        discussion: """
            The circle starts at layer 1 with q^1 = q* and is pushed through --networks \
            independent networks (Gaussian or Haar-orthogonal weights) with its exact \
            tangent and acceleration. Each simulated column (mean over networks) stands \
            beside its theory column and its standard error (null for one network).
            """)

    @OptionGroup var model: ModelOptions
    @Option(parsing: .unconditional, help: "Width N of every layer (>= 2).")
    var width: Int = 1000
    @Option(parsing: .unconditional, help: "Number of layers D (>= 1), the input layer included.")
    var depth: Int = 30
    @Option(parsing: .unconditional, help: "Points P on the circle (>= 2).")
    var points: Int = 500
    @Option(parsing: .unconditional, help: "Independent networks to average over (>= 1).")
    var networks: Int = 4
    @Option(parsing: .unconditional, help: "Seed of the random numbers (a non-negative integer).")
    var seed: UInt64 = 1
    @Option(help: "Weight ensemble: gaussian or orthogonal.")
    var weights: WeightEnsemble = .gaussian
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard width >= 2 else { throw ValidationError("--width must be an integer >= 2, got \(width)") }
        guard depth >= 1 else { throw ValidationError("--depth must be an integer >= 1, got \(depth)") }
        guard points >= 2 else { throw ValidationError("--points must be an integer >= 2, got \(points)") }
        guard networks >= 1 else { throw ValidationError("--networks must be an integer >= 1, got \(networks)") }
    }

    /// `needsPhi2`: null (simulation and theory) when φ″ does not exist.
    static let quantities: [(key: String, symbol: String, meaning: String, needsPhi2: Bool)] = [
        ("q", "q^l", "mean squared length per neuron |h|²/N", false),
        ("g_e", "ḡ^E", "squared speed per neuron |∂θh|²/N", false),
        ("kappa2", "κ̄²", "N κ², mean over the circle", true),
        ("length_e_over_sqrt_n", "L^E/√N", "Euclidean length over √N", false),
        ("length_g", "L^G", "Grassmannian length", true),
    ]

    func run() throws {
        let theory = try model.model()
        let summary = try theory.summary()
        let q = summary.qStar.value
        guard q > 0 else {
            throw TheoryError.undefined("q* = 0 for these parameters: the circle would have zero radius")
        }
        let theoryLayers = try theory.curvature(depth: depth, summary: summary)
        var request = SimulationRequest(
            network: NetworkDescription(phi: model.phi, sigmaW: model.sigmaW, sigmaB: model.sigmaB,
                                        width: width, depth: depth, weights: weights),
            circlePoints: points, circleLength: q, networks: networks, seed: seed)
        request.autocorrelation = false
        do { try request.validate() } catch let e as SimulationError { throw UsageError(e.description) }
        let curvature = request.curvatureDefined
        if !curvature {
            note("--phi \(model.phi.name): φ″ does not exist (φ′ jumps at a kink), so kappa2 and length_g are null")
        }
        let progress = Progress(label: "simulate", total: networks * depth)
        // Streamed: memory independent of --networks.
        let layers = try request.summarize(progress: Progress.enabled ? { done, _ in progress.update(done) } : nil)

        var columns = [Column("layer", "l", "layer (1 = the input circle)")]
        for (key, symbol, meaning, _) in Self.quantities {
            columns.append(Column(key, symbol, "simulated " + meaning))
            columns.append(Column(key + "_theory", symbol + "(theory)", "mean-field theory"))
            columns.append(Column(key + "_stderr", "δ" + symbol, "standard error over networks"))
        }
        var fields = model.fields
        fields += [("width", .integer(width)), ("points", .integer(points)), ("networks", .integer(networks)),
                   ("seed", .text(String(seed))), ("weights", .text(weights.rawValue)), ("q_star", .real(q))]
        var table = Table(
            title: "Monte-Carlo great circle through \(networks) \(weights.rawValue) \(model.phi.name) networks, N=\(width), P=\(points)",
            columns: columns, rowsKey: "layers", fields: fields)
        for (s, t) in zip(layers, theoryLayers) {
            var row: [Value] = [.integer(s.layer)]
            let pairs: [(Statistic, Double?)] = [
                (s.q, q), (s.gE, t.gE), (s.kappa2, t.kappa2), (s.lengthEOverSqrtN, t.lengthEOverSqrtN), (s.lengthG, t.lengthG),
            ]
            for ((stat, th), quantity) in zip(pairs, Self.quantities) {
                row += curvature || !quantity.needsPhi2 ? [.real(stat.mean), .real(th), .real(stat.stderr)] : [.real(nil), .real(nil), .real(nil)]
            }
            table.append(row)
        }
        output.emit(table)
    }
}
