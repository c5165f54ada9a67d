import ArgumentParser
import Foundation
import MeanField

struct PhaseDiagramCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase-diagram",
        abstract: "q*, χ1, χ2, c*, χ_c, ξ_q, ξ_c and convergence time on a σw × σb grid (all cores).",
        discussion: """
            Gnuplot output has one block per σb (blank line between), ready for splot/pm3d. \
            convergence_time is the number of length-map steps to come within 1% of q*, averaged \
            over 30 starts q^1 = 0.5, 1, …, 15 (null where one of them does not reach q*); \
            points where a value does not exist (q* = 0; phase divergent: no stable fixed point) \
            print null. q* is the largest stable fixed point of the length map. --architecture, --dropout, \
            --shortcut-weight, --branch-depth and --norm (SPEC §11) give each point's values from the architecture's \
            maps (chi2 and convergence_time null there).
            """)

    enum Defaults: NetworkDefaults {
        static var sigmaW: GridRange { GridRange(start: 1, stop: 5, count: 41) }
        static var sigmaB: GridRange { GridRange(start: 0, stop: 4, count: 41) }
        static var grids: Bool { true }
    }

    @OptionGroup var model: NetworkOptions<Defaults>
    @Flag(help: "Skip the convergence-time column (faster).")
    var noConvergenceTime = false
    @OptionGroup var arch: ArchitectureOptions
    @OptionGroup var output: FormatOption

    var phi: Nonlinearity { model.phi }
    var sigmaW: GridRange { model.sigmaWGrid }
    var sigmaB: GridRange { model.sigmaBGrid }

    static let columns = [
        Column(.sigmaW),
        Column(.sigmaB),
        Column(.qStar),
        Column(.chi1),
        Column(.chi2),
        Column(.cStar),
        Column(.chiC),
        Column(.xiQ),
        Column(.xiC),
        Column(.convergenceTime),
        Column(.phase),
    ]

    @OptionGroup var sharding: ShardOption

    func run() throws { try runShardable() }

    /// Cost model for balancing shards, in units of an ordered point without convergence
    /// time (measured with `phase-diagram` on all-ordered and all-chaotic 60×60 blocks of
    /// tanh: ~25 µs ordered, ~290 µs chaotic, where c* < 1 needs the 2-D integrals; the
    /// convergence time adds ~200 µs to either). Chaos is read off the boundary σw*(σb),
    /// solved at 9 σb values across the grid and interpolated (~3 ms; a misplaced edge only
    /// unbalances the shards a little).
    func work() throws -> Work {
        let ws = sigmaW.values, bs = sigmaB.values
        let count = Double(ws.count) * Double(bs.count)
        // Checked before anything is allocated: every point and its row are held at once.
        try MemoryBudget.check(
            count: count,
            bytesEach: Double(MemoryLayout<PhaseDiagramPoint>.stride) + MemoryBudget.rowBytes(columns: Self.columns.count),
            flags: "--sigma-w × --sigma-b = \(sigmaW.count) × \(sigmaB.count) = \(Int(count)) points",
            advice: "use smaller counts for --sigma-w or --sigma-b")
        let extra = noConvergenceTime ? 0.0 : 8.0
        guard sharding.shard != nil else { return Work(count: ws.count * bs.count, costs: nil) }
        let boundary = OrderChaosBoundary(phi: phi)
        let lo = bs.min() ?? 0, hi = bs.max() ?? 0
        let intervals = 8
        let samples = (0...intervals).map { lo + (hi - lo) * Double($0) / Double(intervals) }
        // Only the shards' balance depends on these: where the boundary does not exist or
        // is not found, the σb is costed as ordered throughout; the points themselves
        // report their own values or nulls.
        let critical: [Double] = samples.concurrentMap { b in
            do { return try boundary.criticalSigmaW(sigmaB: b) } catch { return .infinity }
        }
        func criticalAt(_ b: Double) -> Double {
            guard hi > lo else { return critical[0] }
            let t = (b - lo) / (hi - lo) * Double(intervals), i = Swift.min(intervals - 1, Swift.max(0, Int(t)))
            let (a, c) = (critical[i], critical[i + 1])
            guard a.isFinite, c.isFinite else { return Swift.min(a, c) }
            return a + (c - a) * (t - Double(i))
        }
        var costs: [Double] = []
        costs.reserveCapacity(ws.count * bs.count)
        for b in bs {
            let edge = criticalAt(b)
            for w in ws { costs.append((w > edge ? 12 : 1) + extra) }
        }
        return Work(count: costs.count, costs: costs)
    }

    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        if let p = RowShape.counts(rows, rows: 1, width: Self.columns.count) { return p }
        let row = rows[0]
        if let p = row.dropLast().lazy.compactMap(RowShape.number).first { return p }
        switch row[row.count - 1] {
        case .number(nil): return nil
        case .text(let t) where Phase(rawValue: t) != nil: return nil
        default: return "a phase that is not ordered, chaotic, critical or divergent"
        }
    }

    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        let ws = sigmaW.values, bs = sigmaB.values
        var diagram = PhaseDiagram(phi: phi, sigmaW: ws, sigmaB: bs)
        diagram.architecture = try arch.value()
        diagram.includeConvergenceTime = !noConvergenceTime && diagram.architecture.isPlain
        let progress = Progress(label: "phase diagram", total: items.count)
        var report: (@Sendable (Int) -> Void)?
        if Progress.enabled { report = { done in progress.update(done) } }
        let points = diagram.compute(items: items, progress: report)
        let failed = points.filter { $0.failure != nil }
        if let first = failed.first, let why = first.failure {
            // Not an error: such values do not exist and print as null; say why once.
            note("\(failed.count) of \(points.count) points have no values (null), e.g. σw=\(first.sigmaW), σb=\(first.sigmaB): \(why)")
        }
        let divergent = points.filter { $0.phase == .divergent }
        if let first = divergent.first {
            note("\(divergent.count) of \(points.count) points are divergent (no stable fixed point of the length map: "
                 + "q^l grows without bound, values null), e.g. σw=\(first.sigmaW), σb=\(first.sigmaB)")
        }
        let partly = points.filter { $0.qStar != nil && $0.divergesAbove != nil }
        if let first = partly.first, let d = first.divergesAbove {
            note("\(partly.count) of \(points.count) points have q* (the largest stable fixed point) while large q^1 "
                 + "diverge, e.g. σw=\(first.sigmaW), σb=\(first.sigmaB): every q^1 > \(d) grows without bound")
        }
        let several = points.filter { $0.attractors > 1 }
        if let first = several.first {
            note("\(several.count) of \(points.count) points have several stable fixed points (q* is the largest), "
                 + "e.g. σw=\(first.sigmaW), σb=\(first.sigmaB): \(first.attractors) of them")
        }
        var rows: [Int: [[Value]]] = [:]
        for (i, p) in points.enumerated() {
            let phase: Value = p.phase.map { Value.text($0.rawValue) } ?? .number(nil)
            let numbers: [Double?] = [
                p.sigmaW, p.sigmaB, p.qStar, p.chi1, p.chi2, p.cStar, p.chiC, p.xiQ, p.xiC, p.convergenceTime,
            ]
            rows[items.lowerBound + i] = [numbers.map(Value.real) + [phase]]
        }
        return rows
    }

    func emit(rows: [[[Value]]], format: Format?) throws {
        let architecture = try arch.value()
        let label = architecture.isPlain ? "" : " \(architecture.description)"
        var table = Table(
            title: "phase diagram of\(label) \(phi.name)", columns: Self.columns,
            fields: [Quantity.phi(.text(phi.name))] + ArchitectureOptions.fields(architecture),
            blockSize: sigmaW.count)
        for item in rows { for row in item { table.append(row) } }
        output.emit(table, format: format)
    }
}
