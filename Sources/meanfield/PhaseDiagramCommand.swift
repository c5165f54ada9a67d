import ArgumentParser
import Foundation
import MeanField

struct PhaseDiagramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phase-diagram",
        abstract: "q*, χ1, χ2, c*, χ_c, ξ_q, ξ_c and convergence time on a σw × σb grid (all cores).",
        discussion: """
            Gnuplot output has one block per σb (blank line between), ready for splot/pm3d. \
            convergence_time is the number of length-map steps to come within 1% of q*, averaged \
            over 30 starts q^1 = 0.5, 1, …, 15; points where a value does not exist \
            (q* diverges, q* = 0) print null.
            """)

    @OptionGroup var phiOption: PhiOption
    @Option(name: .customLong("sigma-w"), parsing: .unconditional, help: "σw grid, START:STOP:COUNT.", transform: { try GridRange.parse($0) })
    var sigmaW = GridRange(start: 1, stop: 5, count: 41)
    @Option(name: .customLong("sigma-b"), parsing: .unconditional, help: "σb grid, START:STOP:COUNT.", transform: { try GridRange.parse($0) })
    var sigmaB = GridRange(start: 0, stop: 4, count: 41)
    @Flag(help: "Skip the convergence-time column (faster).")
    var noConvergenceTime = false
    @OptionGroup var output: FormatOption

    func validate() throws {
        try checkRange(sigmaW, flag: "--sigma-w", within: 0...1e75, what: " (a standard deviation)")
        try checkRange(sigmaB, flag: "--sigma-b", within: 0...1e75, what: " (a standard deviation)")
    }

    static let columns = [
        Column("sigma_w", "σw", "weight standard deviation"),
        Column("sigma_b", "σb", "bias standard deviation"),
        Column("q_star", "q*", "length fixed point"),
        Column("chi1", "χ1", "slope of the correlation map at c = 1"),
        Column("chi2", "χ2", "σw² ∫Dz φ''(√q* z)²"),
        Column("c_star", "c*", "stable fixed point of the correlation map"),
        Column("chi_c", "χ_c", "slope of the correlation map at c*"),
        Column("xi_q", "ξ_q", "-1/ln χ_q"),
        Column("xi_c", "ξ_c", "-1/ln χ_c"),
        Column("convergence_time", "T", "mean steps to within 1% of q* from q^1 = 0.5, 1, …, 15"),
        Column("phase", "phase", "ordered, chaotic or critical (null where q* does not exist)"),
    ]

    func run() throws {
        // Checked before anything is allocated: every point and its row are held at once.
        let count = Double(sigmaW.count) * Double(sigmaB.count)
        try MemoryBudget.check(
            count: count,
            bytesEach: Double(MemoryLayout<PhaseDiagramPoint>.stride) + MemoryBudget.rowBytes(columns: Self.columns.count),
            flags: "--sigma-w × --sigma-b = \(sigmaW.count) × \(sigmaB.count) = \(Int(count)) points",
            advice: "use smaller counts for --sigma-w or --sigma-b")
        var diagram = PhaseDiagram(phi: phiOption.phi, sigmaW: sigmaW.values, sigmaB: sigmaB.values)
        diagram.includeConvergenceTime = !noConvergenceTime
        let total = sigmaW.count * sigmaB.count
        let progress = Progress(label: "phase diagram", total: total)
        var report: (@Sendable (Int) -> Void)?
        if Progress.enabled { report = { done in progress.update(done) } }
        let points = diagram.compute(progress: report)
        let failed = points.filter { $0.failure != nil }
        if let first = failed.first {
            // Not an error: such values do not exist and print as null; say why once.
            FileHandle.standardError.write(Data(
                "meanfield: note: \(failed.count) of \(points.count) points have no values (null), e.g. σw=\(first.sigmaW), σb=\(first.sigmaB): \(first.failure!)\n".utf8))
        }
        var table = Table(
            title: "phase diagram of \(phiOption.phi.name)", columns: Self.columns,
            fields: [("phi", .text(phiOption.phi.name))], blockSize: sigmaW.count)
        for p in points {
            let phase: Value = p.phase.map { Value.text($0.rawValue) } ?? .number(nil)
            let numbers: [Double?] = [
                p.sigmaW, p.sigmaB, p.qStar, p.chi1, p.chi2, p.cStar, p.chiC, p.xiQ, p.xiC, p.convergenceTime,
            ]
            table.append(numbers.map(Value.real) + [phase])
        }
        output.emit(table)
    }
}
