import ArgumentParser
import Foundation
import MeanField

struct IterateCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iterate",
        abstract: "Layer-by-layer q^l and c^l by the joint two-point recursion.",
        discussion: """
            Layer 1 holds the start: two inputs of length --q0 (default q*) and correlation --c0 (default 1). \
            With a range for --sigma-w or --sigma-b (START:STOP:COUNT) every grid point is iterated, on all \
            cores, and the rows carry sigma_w and sigma_b (σb outer, σw inner); q0 defaults to each point's q*. \
            --architecture, --dropout, --shortcut-weight, --branch-depth and --norm choose the network (SPEC §11; \
            for resnet row l + 1 is the stream after block l); --ntk adds the neural tangent kernel Θ(x, x) and Θ(x, x′).
            """)

    enum Defaults: NetworkDefaults {
        static var grids: Bool { true }
        static var depthMeaning: String { "Number of layers, the start included" }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @OptionGroup var depthOption: DepthOption<Defaults>
    @Option(parsing: .unconditional, help: "Starting length q^1 (>= 0; default q*).", transform: OptionValue.real("--q0"))
    var q0: Double?
    @Option(parsing: .unconditional, help: "Starting correlation c^1 in [-1, 1].", parsedBy: OptionValue.real("--c0"))
    var c0: Double = 1
    @OptionGroup var arch: ArchitectureOptions
    @Flag(help: "Add the neural tangent kernel: ntk = Θ(x, x), ntk_12 = Θ(x, x′) (NTK parameterisation; Θ¹ = K¹).")
    var ntk = false
    @OptionGroup var output: FormatOption

    var phi: Nonlinearity { model.phi }
    var sigmaW: GridRange { model.sigmaWGrid }
    var sigmaB: GridRange { model.sigmaBGrid }
    var depth: Int { depthOption.depth }
    var isGrid: Bool { sigmaW.count > 1 || sigmaB.count > 1 }

    func validate() throws {
        if let q0, !(q0.isFinite && q0 >= 0) { throw ValidationError("--q0 must be a finite number >= 0, got \(q0)") }
        guard c0.isFinite, (-1...1).contains(c0) else { throw ValidationError("--c0 must lie in [-1, 1], got \(c0)") }
    }

    func run() throws {
        if isGrid { return try runShardable() }
        if sharding.shard != nil {
            throw ValidationError("--shard splits a grid: give --sigma-w or --sigma-b as START:STOP:COUNT with COUNT > 1")
        }
        let w = sigmaW.start, b = sigmaB.start
        let architecture = try arch.value()
        let m = try model.model(architecture: architecture)
        if q0 == nil && architecture.isPlain {
            // The default start is q*: say which other q^1 do not reach it.
            let all = try m.lengthFixedPoints()
            if let q = all.qStar { FixedPointCommand.noteAttractors(all, qStar: q) }
        }
        let (layers, overflow) = try recursion(m)
        let kernel = architecture.isPlain ? "two-point recursion" : "two-point recursion of \(architecture.description)"
        var table = Table(
            title: "\(kernel) of \(phi.name) at σw=\(w), σb=\(b)",
            columns: [Column(.layer)] + valueColumns,
            rowsKey: "layers",
            fields: model.fields + ArchitectureOptions.fields(architecture))
        for (i, s) in layers.enumerated() {
            table.append([.integer(i + 1)] + values(s))
        }
        if let overflow {
            // Not an error: the layers up to the overflow exist and are printed.
            note("layers \(layers.count + 1) to \(depth) are null: \(overflow)")
            for l in layers.count..<depth { table.append([.integer(l + 1)] + values(nil)) }
        }
        output.emit(table)
    }

    /// The layers from q0 (default q*) up to `depth` or to where q^l overflows (`overflow`
    /// says which layer; the rest print null).
    func recursion(_ m: MeanFieldModel) throws -> (layers: [KernelState], overflow: TheoryError?) {
        let start: Double
        do {
            start = try q0 ?? (m.architecture.isPlain ? m.lengthFixedPoint() : m.architectureLengthFixedPoint().qStar)
        } catch let error as TheoryError where !m.architecture.isPlain {
            throw TheoryError.diverges("\(error); give --q0 to start from a length of your choice")
        }
        return try m.kernelTrajectory(from: KernelState(q11: start, q22: start, c: c0), depth: depth, ntk: ntk)
    }

    /// q, c and, with --ntk, Θ(x, x) and Θ(x, x′) of one layer (null where it does not exist).
    var valueColumns: [Column] { [Column(.q), Column(.c)] + (ntk ? [Column(.ntk), Column(.ntk12)] : []) }

    func values(_ s: KernelState?) -> [Value] {
        [.real(s?.q11), .real(s?.c)] + (ntk ? [.real(s?.theta11), .real(s?.theta12)] : [])
    }

    var gridColumns: [Column] { [Column(.sigmaW), Column(.sigmaB), Column(.layer)] + valueColumns }

    @OptionGroup var sharding: ShardOption

    /// Every grid point costs alike (the same recursion to the same depth).
    func work() throws -> Work {
        _ = try arch.value()
        let ws = sigmaW.values, bs = sigmaB.values
        let count = Double(ws.count) * Double(bs.count)
        // Checked before anything is allocated: every layer of every point is held at once.
        try MemoryBudget.check(
            count: count * Double(depth),
            bytesEach: Double(MemoryLayout<KernelState>.stride) + MemoryBudget.rowBytes(columns: gridColumns.count),
            flags: "--sigma-w × --sigma-b × --depth = \(ws.count) × \(bs.count) × \(depth) rows",
            advice: "use smaller counts for --sigma-w or --sigma-b, or a smaller --depth")
        return Work(count: ws.count * bs.count, costs: nil)
    }

    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        if let p = RowShape.counts(rows, rows: depth, width: gridColumns.count) { return p }
        for (l, row) in rows.enumerated() {
            if let p = RowShape.integer(row[2], l + 1) { return p }
            let numbers = [row[0], row[1]] + row[3...]
            if let p = numbers.lazy.compactMap(RowShape.number).first { return p }
        }
        return nil
    }

    /// Every (σw, σb) of `items` on all cores; a point where the recursion does not
    /// exist (q* diverges) prints null, and one whose q^l overflows prints null from
    /// there on, with one note saying why.
    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        let ws = sigmaW.values, bs = sigmaB.values, nw = ws.count
        let architecture = try arch.value()
        let results: [Result<(layers: [KernelState], overflow: TheoryError?), Error>] = concurrentIndices(items.count) { i in
            let k = items.lowerBound + i
            return Result {
                try recursion(MeanFieldModel(network: model.network(sigmaW: ws[k % nw], sigmaB: bs[k / nw],
                                                                    architecture: architecture)))
            }
        }
        var rows: [Int: [[Value]]] = [:]
        var failures: [(Double, Double, Error)] = [], overflows: [(Double, Double, Error)] = []
        for (i, r) in results.enumerated() {
            let k = items.lowerBound + i, w = ws[k % nw], b = bs[k / nw]
            switch r {
            case .success(let (layers, overflow)):
                rows[k] = (0..<depth).map { l in
                    let s = l < layers.count ? layers[l] : nil
                    return [.real(w), .real(b), .integer(l + 1)] + values(s)
                }
                if let overflow { overflows.append((w, b, overflow)) }
            case .failure(let e):
                failures.append((w, b, e))
                rows[k] = (0..<depth).map { [.real(w), .real(b), .integer($0 + 1)] + values(nil) }
            }
        }
        if let (w, b, e) = failures.first {
            note("\(failures.count) of \(results.count) grid points have no values (null), e.g. σw=\(w), σb=\(b): \(e)")
        }
        if let (w, b, e) = overflows.first {
            note("\(overflows.count) of \(results.count) grid points are null from the layer where q^l overflows on, "
                 + "e.g. σw=\(w), σb=\(b): \(e)")
        }
        return rows
    }

    func emit(rows: [[[Value]]], format: Format?) throws {
        let architecture = try arch.value()
        let kernel = architecture.isPlain ? "two-point recursion" : "two-point recursion of \(architecture.description)"
        var table = Table(
            title: "\(kernel) of \(phi.name) on a σw × σb grid", columns: gridColumns,
            fields: [Quantity.phi(.text(phi.name))] + ArchitectureOptions.fields(architecture), blockSize: depth)
        for item in rows { for row in item { table.append(row) } }
        output.emit(table, format: format)
    }
}
