import ArgumentParser
import Foundation
import MeanField

extension WeightEnsemble: ExpressibleByArgument {}

/// What `simulate` pushes through the networks and prints (CLI.md).
enum SimulationMeasure: String, ExpressibleByArgument, CaseIterable {
    /// A great circle at q*: q, ḡ^E, κ̄², L^E/√N, L^G by layer.
    case circle
    /// --pairs single inputs of length q^1 = --q0: q^l.
    case points
    /// --pairs input pairs at q^1 = q* with correlation c^1 = --c0: c^l.
    case pairs
    /// The circle's autocorrelation c^l(Δθ), Δθ = 2πk/P for k = 0…P/2.
    case autocorrelation
}

struct SimulateCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Monte-Carlo: a great circle through random networks, beside the theory.",
        discussion: """
            The circle starts at layer 1 with q^1 = q* and is pushed through --networks \
            independent networks (Gaussian or Haar-orthogonal weights) with its exact \
            tangent and acceleration. Each simulated column (mean over networks) stands \
            beside its theory column and its standard error (null for one network). \
            --measure points|pairs carry --pairs inputs (or pairs) per network instead of the \
            circle and print q^l (from q^1 = --q0) or c^l (from c^1 = --c0 at q*); the standard \
            error is over networks of each network's mean. --measure autocorrelation prints the \
            circle's c^l(Δθ) beside the correlation map iterated from cos Δθ. --architecture, --dropout, \
            --shortcut-weight, --branch-depth and --norm (SPEC §11) build the same networks as the theory \
            (dropout masks per unit, layer and input; residual blocks; layer normalisation) for --measure \
            points and pairs.
            """)

    enum Defaults: NetworkDefaults {
        static var depthMeaning: String { "Number of layers D, the input layer included" }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var widthOption: WidthOption<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @Option(parsing: .unconditional, help: "Points P on the circle (>= 2).", parsedBy: OptionValue.integer("--points"))
    var points: Int = 500
    @Option(parsing: .unconditional, help: "Independent networks to average over (>= 1).", parsedBy: OptionValue.integer("--networks"))
    var networks: Int = 4
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var weightsOption: WeightsOption
    @Option(help: "What to measure: circle, points, pairs or autocorrelation.")
    var measure: SimulationMeasure = .circle
    @Option(parsing: .unconditional, help: "Single inputs (--measure points) or input pairs (--measure pairs) per network (>= 1).", parsedBy: OptionValue.integer("--pairs"))
    var pairs: Int = 64
    /// The largest --q0: with σw² < 1e150 the next layer's σw²·q stays below 1e300.
    static let largestQ0 = 1e150

    @Option(name: .customLong("q0"), parsing: .unconditional, help: "q^1 of the single inputs (--measure points; default q*).", transform: OptionValue.real("--q0"))
    var q0: Double?
    @Option(name: .customLong("c0"), parsing: .unconditional, help: "c^1 of the input pairs (--measure pairs), in [-1, 1].", parsedBy: OptionValue.real("--c0"))
    var c0: Double = 0.5
    @OptionGroup var arch: ArchitectureOptions
    @OptionGroup var output: FormatOption
    @OptionGroup var sharding: ShardOption

    var seed: UInt64 { seedOption.seed }
    var width: Int { widthOption.width }
    var depth: Int { depthOption.depth }
    var weights: WeightEnsemble { weightsOption.weights }

    func validate() throws {
        guard points >= 2 else { throw ValidationError("--points must be an integer >= 2, got \(points)") }
        guard networks >= 1, networks <= 1_000_000_000 else {
            throw ValidationError("--networks must be an integer in [1, 1000000000], got \(networks)")
        }
        guard pairs >= 1, pairs <= 1 << 20 else { throw ValidationError("--pairs must be an integer in [1, 1048576], got \(pairs)") }
        if let q0, !(q0.isFinite && q0 >= 0) { throw ValidationError("--q0 must be a finite number >= 0, got \(q0)") }
        if let q0, q0 > Self.largestQ0 {
            throw ValidationError("--q0 must be at most 1e150 (a simulated layer's squared length, σw²·q, must stay a finite double), got \(q0)")
        }
        guard c0 >= -1, c0 <= 1 else { throw ValidationError("--c0 must lie in [-1, 1], got \(c0)") }
        if try !arch.value().isPlain && measure != .points && measure != .pairs {
            throw ValidationError("--measure \(measure.rawValue) is the plain mlp's (the circle's curvature, SPEC §4); "
                                  + "with --architecture, --dropout or --norm use --measure points or pairs")
        }
    }

    /// `needsPhi2`: null (simulation and theory) when φ″ does not exist.
    /// The circle's simulated quantities, each printed beside its theory and standard
    /// error; `needsPhi2`: null where φ″ does not exist.
    static let quantities: [(quantity: Quantity, needsPhi2: Bool)] = [
        (.q, false), (.gE, false), (.kappa2, true), (.lengthEOverSqrtN, false), (.lengthG, true),
    ]

    func run() throws {
        if sharding.shard != nil { return try runShardable() }
        try print(runs: nil, format: nil)
    }

    /// q* and the theory, with the refusal where the inputs would have zero length.
    func theory() throws -> (MeanFieldModel, FixedPointSummary, Double) {
        let theory = try model.model(architecture: try arch.value())
        let all = try theory.lengthFixedPoints()
        let summary = try all.qStar.map { try theory.summary(qStar: $0) } ?? theory.summary()
        let q = summary.qStar.value
        if measure == .points, let q0, let d = all.divergesAbove, q0 > d {
            note("--q0 \(q0) lies above \(d), where the length map diverges: q^l grows without bound from it")
        }
        guard q > 0 || (measure == .points && q0 != nil) else {
            throw TheoryError.undefined(measure == .pairs
                ? "q* = 0 for these parameters: the pairs would have zero length"
                : "q* = 0 for these parameters: the circle would have zero radius")
        }
        return (theory, summary, q)
    }

    /// The output, from the networks streamed here (`runs` nil: memory independent of
    /// --networks) or from every network's measurements in order (a merge of shards).
    func print(runs: [[LayerMeasurement]]?, format: Format?) throws {
        let source: (SimulationRequest) throws -> [LayerSummary] = { request in
            if let runs { return LayerSummary.summarize(runs) }
            return try summarize(request)
        }
        let architecture = try arch.value()
        if !architecture.isPlain {
            let (theory, q) = try architectureTheory(architecture)
            return output.emit(try inputsTable(theory, q: q, source), format: format)
        }
        let (theory, summary, q) = try self.theory()
        let table: Table
        switch measure {
        case .circle: table = try circleTable(theory, summary: summary, q: q, source)
        case .points, .pairs: table = try inputsTable(theory, q: q, source)
        case .autocorrelation: table = try autocorrelationTable(theory, q: q, source)
        }
        output.emit(table, format: format)
    }

    /// The theory of a network with an architecture and the inputs' q^1: --q0 for points
    /// (default q*), q* for pairs; a residual stream without q* needs --q0.
    func architectureTheory(_ architecture: Architecture) throws -> (MeanFieldModel, Double) {
        let theory = try model.model(architecture: architecture)
        if measure == .points, let q0 { return (theory, q0) }
        let q: Double
        do { q = try theory.architectureLengthFixedPoint().qStar } catch let error as TheoryError {
            throw TheoryError.diverges(measure == .points ? "\(error); give --q0" : "\(error): the pairs have no length q* to start at")
        }
        guard q > 0 else { throw TheoryError.undefined("q* = 0 for these parameters: the pairs would have zero length") }
        return (theory, q)
    }

    /// The request of the chosen measure.
    func measuredRequest(q: Double) throws -> SimulationRequest {
        switch measure {
        case .circle: return try request(q: q, circlePoints: points)
        case .points, .pairs:
            // The circle is not printed: two points, the fewest the request takes.
            var r = try request(q: q, circlePoints: 2)
            if measure == .points { r.pointLengths = Array(repeating: q0 ?? q, count: pairs) } else {
                r.pairCorrelations = Array(repeating: c0, count: pairs)
            }
            return r
        case .autocorrelation:
            var r = try request(q: q, circlePoints: points)
            r.autocorrelation = true
            return r
        }
    }

    /// One item per network, all of one cost.
    func work() throws -> Work { Work(count: networks, costs: nil) }

    /// depth rows per network, one `LayerMeasurement.shardRow` each.
    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        if let p = RowShape.counts(rows, rows: depth, width: LayerMeasurement.ShardCell.allCases.count) { return p }
        let inputs = measure == .points ? pairs : 0, pairCount = measure == .pairs ? pairs : 0
        let lags = measure == .autocorrelation ? points : 0
        return rows.lazy.compactMap { LayerMeasurement.shardProblem($0, inputs: inputs, pairs: pairCount, lags: lags) }.first
    }

    /// Every layer's measurements of each network in `items`, one row per layer, every
    /// number exact (NaN included), so the merge streams them as this run would.
    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        let architecture = try arch.value()
        let q = architecture.isPlain ? try theory().2 : try architectureTheory(architecture).1
        let request = try measuredRequest(q: q)
        do { try request.validate() } catch let e as SimulationError { throw UsageError(e.description) }
        let progress = Progress(label: "simulate", total: items.count)
        let runs = try request.measurements(networks: items, progress: Progress.enabled ? { done, _ in progress.update(done) } : nil)
        var rows: [Int: [[Value]]] = [:]
        for (i, layers) in runs.enumerated() { rows[items.lowerBound + i] = layers.map(\.shardRow) }
        return rows
    }

    func emit(rows: [[[Value]]], format: Format?) throws {
        let runs: [[LayerMeasurement]] = rows.map { layers in layers.compactMap(LayerMeasurement.init(shardRow:)) }
        try print(runs: runs, format: format)
    }

    func request(q: Double, circlePoints: Int) throws -> SimulationRequest {
        SimulationRequest(
            network: try FiniteNetwork(model.network(depth: depth, weights: weights, architecture: arch.value()), width: width),
            circlePoints: circlePoints, circleLength: q, networks: networks, seed: seed)
    }

    /// Runs, streamed (memory independent of --networks), with the progress bar.
    func summarize(_ request: SimulationRequest) throws -> [LayerSummary] {
        do { try request.validate() } catch let e as SimulationError { throw UsageError(e.description) }
        let progress = Progress(label: "simulate", total: networks * depth)
        return try request.summarize(progress: Progress.enabled ? { done, _ in progress.update(done) } : nil)
    }

    var fields: [(key: String, value: Value)] {
        // Validated by `validate()` before any run: the value exists here.
        let architecture = (try? arch.value()) ?? .plain
        return model.fields + ArchitectureOptions.fields(architecture) + [("width", .integer(width)), ("networks", .integer(networks)), ("seed", .text(String(seed))),
                        ("weights", .text(weights.rawValue)), ("measure", .text(measure.rawValue))]
    }

    /// q^l of --pairs single inputs from q^1 = --q0, or c^l of --pairs pairs from c^1 = --c0.
    func inputsTable(_ theory: MeanFieldModel, q: Double, _ source: (SimulationRequest) throws -> [LayerSummary]) throws -> Table {
        let points = measure == .points
        let start = q0 ?? q
        let th = try theory.kernelTrajectory(from: points ? KernelState(q11: start, q22: start, c: 1)
                                                          : KernelState(q11: q, q22: q, c: c0), depth: depth, ntk: false)
        if let overflow = th.overflow { throw overflow }
        let layers = try source(try measuredRequest(q: q))
        let quantity: Quantity = points ? .q : .c
        var table = Table(
            title: points
                ? "Monte-Carlo q^l of \(pairs) inputs (q^1 = \(start)) through \(networks) \(weights.rawValue) \(model.phi.name) networks, N=\(width)"
                : "Monte-Carlo c^l of \(pairs) pairs (c^1 = \(c0), q^1 = q*) through \(networks) \(weights.rawValue) \(model.phi.name) networks, N=\(width)",
            columns: [
                Column(.layer), Column(quantity), Column(quantity.theory), Column(quantity.stderr),
            ],
            rowsKey: "layers",
            fields: fields + [("pairs", .integer(pairs)), ("q_star", .real(q))]
                + (points ? [("q0", .real(start))] : [("c0", .real(c0))]))
        for (s, t) in zip(layers, th.layers) {
            let stat = (points ? s.pointQMean : s.pairCMean) ?? Statistic(mean: .nan, stderr: nil)
            table.append([.integer(s.layer), .real(stat.mean), .real(points ? t.q11 : t.c), .real(stat.stderr)])
        }
        return table
    }

    /// c^l(Δθ) of the circle, Δθ = 2πk/P for k = 0…P/2, beside the correlation map at q*
    /// iterated from c^1 = cos Δθ.
    func autocorrelationTable(_ theory: MeanFieldModel, q: Double, _ source: (SimulationRequest) throws -> [LayerSummary]) throws -> Table {
        let layers = try source(try measuredRequest(q: q))
        let half = points / 2
        var c = (0...half).map { cos(2 * Double.pi * Double($0) / Double(points)) }
        var table = Table(
            title: "Monte-Carlo autocorrelation of a great circle through \(networks) \(weights.rawValue) \(model.phi.name) networks, N=\(width), P=\(points)",
            columns: [
                Column(.layer),
                Column(.deltaTheta),
                Column(.c),
                Column(.cTheory),
            ],
            fields: fields + [("points", .integer(points)), ("q_star", .real(q))])
        for s in layers {
            if s.layer > 1 { c = c.map { theory.correlationMap($0, qStar: q) } }
            for k in 0...half {
                table.append([.integer(s.layer), .real(2 * .pi * Double(k) / Double(points)),
                              .real(s.autocorrelation[k].mean), .real(c[k])])
            }
        }
        return table
    }

    func circleTable(_ theory: MeanFieldModel, summary: FixedPointSummary, q: Double,
                     _ source: (SimulationRequest) throws -> [LayerSummary]) throws -> Table {
        let theoryLayers = try theory.curvature(depth: depth, summary: summary)
        let request = try measuredRequest(q: q)
        let curvature = request.curvatureDefined
        if !curvature {
            note("--phi \(model.phi.name): φ″ does not exist (φ′ jumps at a kink), so kappa2 and length_g are null")
        }
        let layers = try source(request)

        var columns = [Column(.layer)]
        for (quantity, _) in Self.quantities {
            columns += [Column(quantity), Column(quantity.theory), Column(quantity.stderr)]
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
        return table
    }
}
