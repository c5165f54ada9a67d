import Foundation
import MeanFieldTheory
import Nonlinearities
import Numerical
import Reporting

/// Figure 8: where silu can be initialised, and the critical line by q* (SPEC §10.1–10.2).
/// A: silu's (σw, σb) plane by what q^l does (ordered, chaotic, bistable: q* attracts
/// small q^1 while large ones diverge, divergent), with the saddle-node where the stable
/// branch ends and χ1 = 1 on the unstable branch. B: the critical line (σw, σb) by q* for
/// tanh, erf, silu and gelu, solid where q* is stable. C: χ_q along it.
func initialisationFigure(_ s: ReproductionSettings) throws -> Figure {
    let n = s.quick ? 13 : 121
    let w = (0..<n).map { (i: Int) -> Double in 1 + 1.2 * Double(i) / Double(n - 1) }
    let b = (0..<n).map { (i: Int) -> Double in 1.2 * Double(i) / Double(n - 1) }
    var diagram = PhaseDiagram(phi: .silu, sigmaW: w, sigmaB: b)
    diagram.includeConvergenceTime = false
    let regions = NamedTable(stem: "fig8a-silu-regions", table: regionTable(diagram.compute(), grid: n))
    let boundary = OrderChaosBoundary(phi: .silu)
    let edge = try b.concurrentMap { sb in Result { try boundary.point(sigmaB: sb) } }.map { try $0.get() }
    let lines = NamedTable(stem: "fig8a-silu-boundary", table: siluBoundaryTable(edge))
    let count = s.quick ? 25 : 201
    let q = (0..<count).map { (i: Int) -> Double in pow(10, -3 + 5 * Double(i) / Double(count - 1)) }
    let phis: [Nonlinearity] = [.tanh, .erf, .silu, .gelu]
    let critical = try phis.map { phi in
        let line = CriticalLine(phi: phi)
        return try q.map { try line.point(qStar: $0) }
    }
    let byQ = NamedTable(stem: "fig8b-critical-line", table: criticalLineTable(critical, phis: phis))
    return Figure(name: "fig8", tables: [regions, lines, byQ]) { files in
        initialisationScript(regions: regions, boundary: lines, critical: byQ, phis: phis, files)
    }
}

/// 0 ordered, 1 chaotic, 2 bistable, 3 divergent (`Quantity.region`); `nil` where the
/// point could not be computed.
func region(_ p: PhaseDiagramPoint) -> Int? {
    guard let phase = p.phase else { return nil }
    if phase == .divergent { return 3 }
    if p.divergesAbove != nil { return 2 }
    return phase == .chaotic ? 1 : 0
}

func regionTable(_ points: [PhaseDiagramPoint], grid n: Int) -> Table {
    Table(title: "Fig. 8A: silu, what q^l does at each (σw, σb)",
          columns: [Column(.sigmaW), Column(.sigmaB), Column(.region), Column(.qStar), Column(.chi1), Column(.divergesAbove)],
          sets: [points], blockSize: n) { p in
        [.real(p.sigmaW), .real(p.sigmaB), region(p).map { .integer($0) } ?? .real(nil), .real(p.qStar), .real(p.chi1),
         .real(p.divergesAbove)]
    }
}

func siluBoundaryTable(_ points: [BoundaryPoint]) -> Table {
    Table(title: "Fig. 8A: silu, χ1 = 1 on the stable and on the unstable branch, and the saddle-node",
          columns: [Column(.sigmaB), Column(.sigmaWCritical), Column(.sigmaWCriticalUnstable), Column(.sigmaWSaddleNode)],
          sets: [points]) { p in
        [.real(p.sigmaB), .real(p.sigmaWCritical), .real(p.unstableCritical?.sigmaW), .real(p.sigmaWSaddleNode)]
    }
}

func criticalLineTable(_ lines: [[CriticalLinePoint]], phis: [Nonlinearity]) -> Table {
    Table(title: "Fig. 8B-C: the critical line by q* (one data set per φ: \(phis.map(\.name).joined(separator: ", ")))",
          columns: [Column(.phi), Column(.qStar), Column(.sigmaW), Column(.sigmaB), Column(.chiQ), Column(.stable)],
          sets: zip(phis, lines).map { phi, line in line.map { (phi.name, $0) } }) { name, p in
        [.text(name), .real(p.qStar), .real(p.sigmaW), .real(p.sigmaB), .real(p.chiQ), .boolean(p.stable)]
    }
}

func initialisationScript(regions r: NamedTable, boundary l: NamedTable, critical c: NamedTable, phis: [Nonlinearity],
                          _ files: ScriptFiles) -> String {
    let colors = Gnuplot.colors.prefix(phis.count).joined(separator: " ")
    let names = phis.map(\.name).joined(separator: " ")
    let stable = c.table.column(.stable)
    // A null becomes NaN, which breaks the line instead of joining the points either side of it.
    let lines = { (x: Quantity) -> String in
        let n = l.table.column(x)
        return "(valid(\(n)) ? column(\(n)) : NaN):($\(l.table.column(.sigmaB)))"
    }
    let split = { (y: Quantity, x: Quantity, keep: String) -> String in
        "(strcol(\(stable)) eq \"\(keep)\" ? $\(c.table.column(x)) : NaN):($\(c.table.column(y)))"
    }
    return """
        \(Gnuplot.header(files.png, width: 1800, height: 640))
        set multiplot layout 1,3 title "Fig. 8: initialising silu, and the critical line by q*"
        set title "A  silu: what q^l does, by (σ_w, σ_b)"
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [1:2.2]; set yrange [0:1.2]
        set palette maxcolors 4 defined (0 "#2c7bb6", 1 "#d7191c", 2 "#fdae61", 3 "#555555")
        set cbrange [-0.5:3.5]; set cbtics ("ordered" 0, "chaotic" 1, "bistable" 2, "divergent" 3)
        set key bottom right font ",10" samplen 2 spacing 1.1
        plot \(files.table(r)) using \(r.table.using(.sigmaW, .sigmaB, .region)) with image notitle, \\
             \(files.table(l)) using \(lines(.sigmaWSaddleNode)) with lines lw 3 lc rgb "black" title "saddle-node: the stable branch ends", \\
             \(files.table(l)) using \(lines(.sigmaWCriticalUnstable)) with lines lw 3 dt 2 lc rgb "white" title "χ_1 = 1 on the unstable branch", \\
             \(files.table(l)) using \(lines(.sigmaWCritical)) with lines lw 3 lc rgb "#1a9641" title "χ_1 = 1 on the stable branch"
        unset colorbox
        set title "B  the critical line by q* (q* = 10^{-3} … 10^2): solid stable, dashed unstable"
        set xlabel "σ_w"; set ylabel "σ_b"; set xrange [0.8:2.1]; set yrange [0:*]; set key top left
        plot for [i=0:\(phis.count - 1)] \(files.table(c)) index i using \(split(.sigmaB, .sigmaW, "true")) with lines lw 3 lc rgb word("\(colors)", i+1) title word("\(names)", i+1), \\
             for [i=0:\(phis.count - 1)] \(files.table(c)) index i using \(split(.sigmaB, .sigmaW, "false")) with lines lw 2 dt 2 lc rgb word("\(colors)", i+1) notitle
        set title "C  χ_q on the critical line: q* is stable where χ_q < 1"
        set logscale x; set format x "10^{%L}"; set xlabel "q*"; set ylabel "χ_q"; set xrange [*:*]; set yrange [*:*]
        set key bottom left
        plot for [i=0:\(phis.count - 1)] \(files.table(c)) index i using \(c.table.using(.qStar, .chiQ)) with lines lw 3 lc rgb word("\(colors)", i+1) title word("\(names)", i+1), \\
             1 with lines dt 2 lc rgb "black" title "χ_q = 1"
        unset multiplot
        """
}
