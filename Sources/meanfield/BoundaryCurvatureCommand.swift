import ArgumentParser
import Foundation
import MeanField

struct BoundaryCurvatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundary-curvature",
        abstract: "Principal curvatures of a random network's decision boundary, pulled back to every layer.",
        discussion: """
            Readout G(x) = β·φ(h^D(x)) − β0 with a random unit β. Boundary points G = 0 are found \
            by Brent's method along random rays from random starts with |x|²/N = 1; at each, the \
            gradient and Hessian of G with respect to every layer's representation come from the \
            exact backward recursion, and the principal curvatures are the eigenvalues of \
            ‖∇G‖⁻¹ P H P on the tangent space. Layer 0 is the input. Values are averaged over \
            the points found (`points_found`; a note on stderr when fewer than asked).
            """)

    /// The chaotic σw = 4 of the paper's Fig. 4F–G, N = 200, D = 10.
    enum Defaults: NetworkDefaults {
        static var sigmaW: GridRange { GridRange(4) }
        static var depth: Int { 10 }
        static var depthMeaning: String { "Number of layers D" }
        static var width: Int { 200 }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var widthOption: WidthOption<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @Option(parsing: .unconditional, help: "Boundary points to average over (>= 1).", parsedBy: OptionValue.integer("--points"))
    var points: Int = 10
    @Option(parsing: .unconditional,
            help: "Readout offset β0 (default: the median of β·φ(h^D) over 101 random inputs, so the boundary passes through the data).",
            transform: OptionValue.real("--offset"))
    var offset: Double?
    @OptionGroup var seedOption: SeedOption
    @OptionGroup var output: FormatOption

    var seed: UInt64 { seedOption.seed }
    var width: Int { widthOption.width }
    var depth: Int { depthOption.depth }

    func validate() throws {
        guard points >= 1, points <= 10_000 else { throw ValidationError("--points must be an integer in [1, 10000], got \(points)") }
        if let offset, !offset.isFinite { throw ValidationError("--offset must be a finite number, got \(offset)") }
    }

    func run() throws {
        // Every layer's weights and, at each boundary point, every layer's Hessian are
        // held at once: 2 (D + 1) N² doubles.
        let n = Double(width)
        try MemoryBudget.check(count: Double(depth + 1), bytesEach: 16 * n * n,
                               flags: "--depth \(depth) at --width \(width) (two N×N matrices per layer)",
                               advice: "use a smaller --width or --depth")
        let network = try ReadoutNetwork(
            FiniteNetwork(model.network(depth: depth), width: width), seed: seed, readoutOffset: offset)
        let result = try network.boundaryCurvature(points: points, seed: seed)
        if result.pointsFound < points {
            note("only \(result.pointsFound) of \(points) boundary points found on \(result.rays) rays")
        }
        var table = Table(
            title: "decision-boundary principal curvatures of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB), N=\(width), D=\(depth)",
            columns: [
                Column(.layer),
                Column(.kappaMax),
                Column(.kappaMin),
                Column(.kappaAbsMean),
                Column(.kappaTop),
                Column(.kappaBottom),
            ],
            rowsKey: "layers",
            fields: [("phi", .text(model.phi.name)), ("sigma_w", .real(model.sigmaW)), ("sigma_b", .real(model.sigmaB)),
                     ("width", .integer(width)), ("depth", .integer(depth)), ("offset", .real(network.offset)),
                     ("points_found", .integer(result.pointsFound))])
        for l in result.layers {
            table.append([.integer(l.layer), .real(l.kappaMax), .real(l.kappaMin), .real(l.kappaAbsMean),
                          .list(l.kappaTop), .list(l.kappaBottom)])
        }
        output.emit(table)
    }
}
