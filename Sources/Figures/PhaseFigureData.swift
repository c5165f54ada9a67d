import Numerical
import MeanFieldTheory
import Reporting

/// The σw × σb phase diagram and the χ1 = 1 boundary, shared by Figures 1C–D and 2C–D.
struct PhaseFigureData {
    let diagram: NamedTable
    let boundary: NamedTable

    init(settings s: ReproductionSettings) throws {
        let n = s.grid
        let w = (0..<n).map { (i: Int) -> Double in 1 + 4 * Double(i) / Double(n - 1) }
        let b = (0..<n).map { (i: Int) -> Double in 4 * Double(i) / Double(n - 1) }
        diagram = NamedTable(stem: "phase-diagram", table: Self.diagramTable(PhaseDiagram(phi: .tanh, sigmaW: w, sigmaB: b).compute(), grid: n))
        let model = OrderChaosBoundary(phi: .tanh)
        let critical = try b.map { (sb: $0, sw: try model.criticalSigmaW(sigmaB: $0)) }
        boundary = NamedTable(stem: "boundary", table: Self.boundaryTable(critical))
    }

    static func diagramTable(_ points: [PhaseDiagramPoint], grid n: Int) -> Table {
        Table(title: "tanh phase diagram (Figs. 1C-D, 2C-D)",
              columns: [Column(.sigmaW), Column(.sigmaB), Column(.qStar), Column(.convergenceTime), Column(.cStar), Column(.chi1)],
              sets: [points], blockSize: n) { p in
            [.real(p.sigmaW), .real(p.sigmaB), .real(p.qStar), .real(p.convergenceTime), .real(p.cStar), .real(p.chi1)]
        }
    }

    static func boundaryTable(_ critical: [(sb: Double, sw: Double)]) -> Table {
        Table(title: "tanh order-to-chaos boundary χ1 = 1", columns: [Column(.sigmaB), Column(.sigmaWCritical)],
              sets: [critical]) { [.real($0.sb), .real($0.sw)] }
    }

    /// A `pm3d` map of `quantity` over the σw × σb grid.
    func map(_ files: ScriptFiles, _ quantity: Quantity) -> String {
        "\(files.table(diagram)) using \(diagram.table.using(.sigmaW, .sigmaB, quantity)) with pm3d"
    }
}
