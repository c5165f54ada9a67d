import ArgumentParser
import Foundation
import MeanField

extension FluctuationPath: ExpressibleByArgument {}

struct FluctuationsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fluctuations",
        abstract: "Finite width: fluctuations across networks at order 1/N, theory beside simulation.",
        discussion: """
            One input with |x|²/N = --q0 (so q^1 = σw² q0 + σb²) and one random unit direction u \
            go through --networks independent networks of width --width (SPEC §12). By layer: \
            the variance over networks of q̂^l = |h^l|²/N, and the mean and variance of \
            log|J^l u|² (J^l = ∂h^l/∂h^1; 0 at layer 1), each beside its order-1/N theory \
            and with standard errors (of the variances too). --networks 0 gives the theory \
            alone (simulated keys null). --path projected (default) draws each layer in O(N) \
            from the Gram matrix of the two vectors it meets; --path full draws every N×N \
            weight matrix (the reference). Beside them a second input with the same |x|²/N and \
            c^1 = --c0 at layer 1 goes through the same networks: the mean-field c^l and the \
            variance of ĉ^l = ⟨h_a, h_b⟩/(|h_a| |h_b|) beside its order-1/N theory.
            """)

    enum Defaults: NetworkDefaults {
        static var depth: Int { 10 }
        static var depthMeaning: String { "Number of layers, the first (h^1 = W^1 x + b^1) included" }
        static var width: Int { 400 }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @OptionGroup var widthOption: WidthOption<Defaults>
    @OptionGroup var weightsOption: WeightsOption
    @Option(name: .customLong("q0"), parsing: .unconditional, help: "|x|²/N of the input (>= 0; q^1 = σw² q0 + σb²).",
            parsedBy: OptionValue.finite("--q0", accepted: "a number in [0, 1e150]"))
    var q0: Double = 1
    @Option(name: .customLong("c0"), parsing: .unconditional,
            help: "c^1 of the two inputs (in [(σb² − σw² q0)/(σw² q0 + σb²), 1]; the inputs' own correlation is set to give it).",
            parsedBy: OptionValue.real("--c0"))
    var c0: Double = 0.5
    @Option(parsing: .unconditional, help: "Simulated networks (>= 0; 0 gives the theory alone).",
            parsedBy: OptionValue.integer("--networks"))
    var networks: Int = 800
    @OptionGroup var seedOption: SeedOption
    @Option(help: "How layers are drawn: projected (O(N) per layer) or full (N×N matrices, the reference).")
    var path: FluctuationPath = .projected
    @OptionGroup var output: FormatOption

    var depth: Int { depthOption.depth }
    var width: Int { widthOption.width }
    var weights: WeightEnsemble { weightsOption.weights }
    var seed: UInt64 { seedOption.seed }

    func validate() throws {
        guard q0.isFinite, q0 >= 0, q0 <= SimulateCommand.largestQ0 else {
            throw ValidationError("--q0 must be a finite number in [0, 1e150], got \(q0)")
        }
        guard (0...FluctuationRequest.maxNetworks).contains(networks) else {
            throw ValidationError("--networks must be an integer in [0, \(FluctuationRequest.maxNetworks)], got \(networks)")
        }
    }

    func run() throws {
        let network = try FiniteNetwork(model.network(depth: depth, weights: weights), width: width)
        do {
            _ = try FiniteNetwork.inputCorrelation(c1: c0, q0: q0, sigmaW: network.sigmaW, sigmaB: network.sigmaB)
        } catch let e as ModelError { throw UsageError(e.description) }
        let request = FluctuationRequest(network: network, q0: q0, c0: c0, networks: networks, seed: seed, path: path)
        if networks > 0 {
            do { try request.validate() } catch let e as SimulationError { throw UsageError(e.description) }
        }
        let model = try MeanFieldModel(network: network.network)
        let theory = try model.fluctuations(q0: q0, depth: depth, width: width, weights: weights)
        let correlation = try model.correlationFluctuations(q0: q0, c0: c0, depth: depth, width: width, weights: weights)
        var simulated: [FluctuationSummary]?
        if networks > 0 {
            let progress = Progress(label: "fluctuations", total: networks)
            simulated = try request.run(progress: Progress.enabled ? { progress.update($0) } : nil)
            if let l = simulated?.first(where: { !$0.logGainMean.mean.isFinite }) {
                note("at layer \(l.layer) some network had J u = 0 (every unit of a layer off): log|J u|^2 = -infinity there, so its simulated statistics are null")
            }
            if let l = simulated?.first(where: { !$0.c.mean.isFinite }) {
                note("at layer \(l.layer) some network had h^l = 0 for an input: its correlation c^l is undefined there, so the simulated c statistics are null")
            }
        }
        output.emit(Self.table(theory: theory, correlation: correlation, simulated: simulated, fields: fields))
    }

    var fields: [(key: String, value: Value)] {
        model.fields + [
            Quantity.q0(.real(q0)), Quantity.c0(.real(c0)), Quantity.depth(.integer(depth)), Quantity.width(.integer(width)),
            Quantity.weights(.text(weights.rawValue)), Quantity.networks(.integer(networks)),
            Quantity.seed(.text(String(seed))), Quantity.path(.text(path.rawValue)),
        ]
    }

    static let columns: [Quantity] = [
        .layer, .q, .qVarTheory, .qVar, .qVarStderr, .logGainVarTheory, .logGainVar, .logGainVarStderr,
        .logGainMeanTheory, .logGainMean, .logGainMeanStderr, .c, .cVarTheory, .cVar, .cVarStderr,
    ]

    /// The CLI.md table: theory beside simulation (null where not simulated).
    static func table(theory: [FluctuationLayer], correlation: [CorrelationFluctuationLayer],
                      simulated: [FluctuationSummary]?, fields: [(key: String, value: Value)]) -> Table {
        var table = Table(title: "Finite-width fluctuations across networks: theory at order 1/N beside simulation",
                          columns: columns.map(Column.init), rowsKey: "layers", fields: fields)
        for (i, t) in theory.enumerated() {
            let s = simulated?[i], c = correlation[i]
            table.append([
                .integer(t.layer), .real(t.q),
                .real(t.qVariance), .real(s?.qVariance.mean), .real(s?.qVariance.stderr),
                .real(t.logGainVariance), .real(s?.logGainVariance.mean), .real(s?.logGainVariance.stderr),
                .real(t.logGainMean), .real(s?.logGainMean.mean), .real(s?.logGainMean.stderr),
                .real(c.c), .real(c.cVariance), .real(s?.cVariance.mean), .real(s?.cVariance.stderr),
            ])
        }
        return table
    }
}
