import ArgumentParser
import MeanField

struct IterateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iterate",
        abstract: "Layer-by-layer q^l and c^l by the joint two-point recursion.",
        discussion: "Layer 1 holds the start: two inputs of length --q0 (default q*) and correlation --c0 (default 1).")

    @OptionGroup var model: ModelOptions
    @Option(parsing: .unconditional, help: "Number of layers (>= 1), the start included.")
    var depth: Int = 30
    @Option(parsing: .unconditional, help: "Starting length q^1 (>= 0; default q*).")
    var q0: Double?
    @Option(parsing: .unconditional, help: "Starting correlation c^1 in [-1, 1].")
    var c0: Double = 1
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard depth >= 1, depth <= 1_000_000 else { throw ValidationError("--depth must be an integer in [1, 1000000], got \(depth)") }
        if let q0, !(q0.isFinite && q0 >= 0) { throw ValidationError("--q0 must be a finite number >= 0, got \(q0)") }
        guard c0.isFinite, (-1...1).contains(c0) else { throw ValidationError("--c0 must lie in [-1, 1], got \(c0)") }
    }

    func run() throws {
        let m = try model.model()
        let start = try q0 ?? m.lengthFixedPoint()
        let layers = try m.twoPointRecursion(q11: start, q22: start, c: c0, depth: depth)
        var table = Table(
            title: "two-point recursion of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [Column("layer", "l", "layer (1 = start)"), Column("q", "q^l", "length"),
                      Column("c", "c^l", "correlation")],
            rowsKey: "layers", fields: model.fields)
        for (i, s) in layers.enumerated() {
            table.append([.integer(i + 1), .real(s.q11), .real(s.c)])
        }
        output.emit(table)
    }
}

struct CurvatureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "curvature",
        abstract: "Length and curvature of a great circle through depth: ḡ^E, κ̄², ḡ^G, L^E/√N, L^G.")

    @OptionGroup var model: ModelOptions
    @Option(parsing: .unconditional, help: "Number of layers (>= 1).")
    var depth: Int = 30
    @OptionGroup var output: FormatOption

    func validate() throws {
        guard depth >= 1, depth <= 1_000_000 else { throw ValidationError("--depth must be an integer in [1, 1000000], got \(depth)") }
    }

    func run() throws {
        let layers = try model.model().curvature(depth: depth)
        var table = Table(
            title: "curvature recursion of \(model.phi.name) at σw=\(model.sigmaW), σb=\(model.sigmaB)",
            columns: [
                Column("layer", "l", "layer"),
                Column("g_e", "ḡ^E", "Euclidean metric per neuron g^E/N"),
                Column("kappa2", "κ̄²", "N κ² (null when φ' jumps)"),
                Column("g_g", "ḡ^G", "Grassmannian metric κ̄² ḡ^E"),
                Column("length_e_over_sqrt_n", "L^E/√N", "Euclidean length 2π√ḡ^E"),
                Column("length_g", "L^G", "Grassmannian length 2π√ḡ^G"),
            ],
            rowsKey: "layers", fields: model.fields)
        for l in layers {
            table.append([.integer(l.layer), .real(l.gE), .real(l.kappa2), .real(l.gG),
                          .real(l.lengthEOverSqrtN), .real(l.lengthG)])
        }
        output.emit(table)
    }
}
