import ArgumentParser
import Foundation
import MeanField

struct SpectrumCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "The end-to-end Jacobian's squared singular values: free-probability theory beside simulation.",
        discussion: """
            J = D^L W^L ⋯ D^1 W^1 at the length fixed point (SPEC §7). The theory's density \
            ρ(λ) of JJᵀ (continuous part; atoms listed separately), its exact mean χ1^L and \
            variance, and its right edge stand beside the histogram of --networks simulated \
            networks of width --width (bins centred on the --lambda grid), with standard \
            errors over networks. --networks 0 gives the theory alone. --phi linear \
            --sigma-b 0 is the product W^tot of the weight matrices.
            """)

    /// Near the edge of chaos (σw = 1.05, σb = 0.01), as in Pennington et al.'s figures.
    enum Defaults: NetworkDefaults {
        static var sigmaW: GridRange { GridRange(1.05) }
        static var sigmaB: GridRange { GridRange(0.01) }
        static var depth: Int { 32 }
        static var depthMeaning: String { "Depth L: the number of layers in J" }
        static var width: Int { 400 }
        static var widthMeaning: String { "Width N of the simulated networks" }
        static var sigmaWAccepted: String { "> 0" }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @OptionGroup var weightsOption: WeightsOption
    @Option(parsing: .unconditional, help: "Eigenvalues λ of JJᵀ at which to give the density, START:STOP:COUNT.",
            parsedBy: OptionValue.grid("--lambda"))
    var lambda: GridRange = GridRange(start: 0, stop: 4, count: 401)
    @OptionGroup var widthOption: WidthOption<Defaults>
    @Option(parsing: .unconditional, help: "Simulated networks (>= 0; 0 gives the theory alone).", parsedBy: OptionValue.integer("--networks"))
    var networks: Int = 4
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var output: FormatOption

    var phi: Nonlinearity { model.phi }
    var depth: Int { depthOption.depth }
    var width: Int { widthOption.width }
    var seed: UInt64 { seedOption.seed }

    func validate() throws {
        guard model.sigmaW > 0 else { throw ValidationError("--sigma-w must be > 0 for a spectrum (J = 0 at sigma-w = 0), got 0") }
        guard networks >= 0 else { throw ValidationError("--networks must be an integer >= 0, got \(networks)") }
        guard networks <= 100_000 else { throw ValidationError("--networks must be at most 100000, got \(networks)") }
        guard lambda.start >= 0, lambda.stop >= lambda.start else {
            throw ValidationError("--lambda must run upwards from a value >= 0 (eigenvalues of JJᵀ), got \(lambda)")
        }
        let grid = lambda.values
        if let i = grid.indices.dropFirst().first(where: { !(grid[$0] > grid[$0 - 1]) }) {
            throw ValidationError("--lambda \(lambda) repeats the value \(grid[i]) (the grid must be strictly increasing as doubles): "
                                  + "give STOP well above START, fewer points, or COUNT 1")
        }
    }

    @OptionGroup var sharding: ShardOption

    var request: SpectrumRequest {
        get throws {
            SpectrumRequest(network: try model.network(depth: depth, weights: weightsOption.weights),
                            lambdas: lambda.values, width: width, networks: networks, seed: seed)
        }
    }

    func run() throws { try runShardable() }

    /// One item per simulated network, all of one cost. The theory's scale is checked
    /// here too, so that a shard refuses what the unsharded run refuses.
    func work() throws -> Work {
        try request.checkScale()
        return Work(count: networks, costs: nil)
    }

    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        RowShape.counts(rows, rows: 1, width: 1) ?? RowShape.list(rows[0][0], count: width)
    }

    /// The eigenvalues of each network in `items`, one list-valued row per network.
    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        let simulation = try request.simulation()
        let progress = Progress(label: "spectrum", total: items.count)
        var rows: [Int: [[Value]]] = [:]
        for (done, k) in items.enumerated() {
            rows[k] = [[.list(try simulation.eigenvalues(network: k))]]
            progress.update(done + 1)
        }
        return rows
    }

    /// The theory (computed here, also at a merge) beside the sample of every network.
    func emit(rows: [[[Value]]], format: Format?) throws {
        let request = try self.request
        var result = try request.theory()
        if networks > 0 {
            let lists: [[Double]] = rows.map { item in
                if case .list(let xs) = item.first?.first { return xs }
                return []
            }
            result.sample = SpectrumSample(eigenvalues: lists, grid: request.lambdas)
        }
        if let failure = result.theory.qStarFailure {
            note("spectrum: q_star is null (\(failure)); phi=\(phi.name) is positively homogeneous, so its spectrum "
                 + "does not depend on the length q, and it is evaluated at q = \(result.theory.q)")
        }
        if !result.theory.densityResolved {
            note("spectrum: at --depth 1 with orthogonal weights JJᵀ = σw² D² exactly, so the spectrum is the distribution "
                 + "of σw² φ′(h)²; density_theory is null (the mean and variance are exact)")
        }
        if let first = result.unsolved.first {
            note("spectrum: the free-probability equations had no solution on the branch at \(result.unsolved.count) "
                 + "of the λ values (first λ = \(first)), a singular point of ρ; density_theory is null there")
        }
        output.emit(Self.table(request, result), format: format)
    }

    static func table(_ request: SpectrumRequest, _ result: SpectrumResult) -> Table {
        let t = result.theory, s = result.sample
        let fields: [(key: String, value: Value)] = [
            ("phi", .text(request.phi.name)), ("sigma_w", .real(request.sigmaW)), ("sigma_b", .real(request.sigmaB)),
            ("depth", .integer(request.depth)), ("weights", .text(request.weights.rawValue)),
            ("width", .integer(request.width)), ("networks", .integer(request.networks)),
            ("seed", .text(String(request.seed))),
            ("q_star", .real(t.qStar)), ("chi1", .real(t.chi1)),
            ("mean_theory", .real(t.mean)), ("variance_theory", .real(t.variance)),
            ("lambda_max_theory", .real(result.largestEigenvalue)),
            ("mean", .real(s?.mean.mean)), ("variance", .real(s?.variance.mean)),
            ("mean_stderr", .real(s?.mean.stderr)), ("variance_stderr", .real(s?.variance.stderr)),
            ("atoms_lambda", .list(t.atoms.map(\.lambda))), ("atoms_mass", .list(t.atoms.map(\.mass))),
        ]
        var table = Table(
            title: "spectrum of JJᵀ, \(request.phi.name), \(request.weights.rawValue) weights, σw=\(request.sigmaW), "
                + "σb=\(request.sigmaB), L=\(request.depth)",
            columns: [
                Column(.lambda),
                Column(.densityTheory),
                Column(.density),
                Column(.densityStderr),
                Column(.densityTheoryError),
            ],
            fields: fields)
        for (i, lambda) in request.lambdas.enumerated() {
            let d = result.density[i], h = s?.density[i]
            table.append([.real(lambda), .real(d?.value), .real(h?.mean), .real(h?.stderr), .real(d?.error)])
        }
        return table
    }
}
