import ArgumentParser
import Foundation
import MeanField

struct BoundaryCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundary",
        abstract: "The order-to-chaos boundary: the σw where χ1 = 1 on the stable branch, and where that branch ends in a saddle-node, for each σb.",
        discussion: """
            With --architecture resnet or --norm (SPEC §11), χ1 is the slope at c = 1 of the architecture's \
            correlation map at its q* (the saddle-node column is null there). Dropout has no boundary \
            (c* < 1 at every σw) and is refused.
            """)

    enum Defaults: NetworkDefaults {
        static var sigmaB: GridRange { GridRange(start: 0, stop: 4, count: 41) }
        static var grids: Bool { true }
    }

    @OptionGroup var phiOption: PhiOption
    @OptionGroup var sigmaBOption: SigmaBOption<Defaults>
    @OptionGroup var arch: ArchitectureOptions
    @OptionGroup var output: FormatOption

    func validate() throws {
        if let keep = arch.keep, keep < 1, keep > 0 {
            throw ValidationError("--dropout \(keep): with dropout there is no order-to-chaos boundary (c* < 1 and xi_c "
                                  + "finite at every sigma-w, Schoenholz et al. 2017 §5); see fixed-point or phase-diagram")
        }
    }

    var sigmaB: GridRange { sigmaBOption.sigmaB }

    @OptionGroup var sharding: ShardOption

    func run() throws { try runShardable() }

    /// One item per σb, all of about the same cost (one Brent solve each).
    func work() throws -> Work { Work(count: sigmaB.count, costs: nil) }

    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        RowShape.counts(rows, rows: 1, width: 3) ?? rows[0].lazy.compactMap(RowShape.number).first
    }

    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        var boundary = OrderChaosBoundary(phi: phiOption.phi)
        boundary.architecture = try arch.value()
        let values = Array(sigmaB.values[items])
        let results: [Result<BoundaryPoint, Error>] = values.concurrentMap { b in Result { try boundary.point(sigmaB: b) } }
        var rows: [Int: [[Value]]] = [:]
        var failures: [(Double, Error)] = []
        var nulls: [BoundaryPoint] = []
        var unstable: [BoundaryPoint] = []
        for (i, (b, r)) in zip(values, results).enumerated() {
            switch r {
            case .success(let p):
                rows[items.lowerBound + i] = [[.real(b), .real(p.sigmaWCritical), .real(p.sigmaWSaddleNode)]]
                if p.sigmaWCritical == nil { p.unstableCritical == nil ? nulls.append(p) : unstable.append(p) }
            case .failure(let e):
                failures.append((b, e))
                rows[items.lowerBound + i] = [[.real(b), .real(nil), .real(nil)]]
            }
        }
        // Not errors: the boundary does not exist there and prints as null; say why once each.
        if let p = unstable.first, let c = p.unstableCritical {
            let scope = unstable.count == 1 ? "at sigma-b=\(p.sigmaB)" : "at \(unstable.count) of \(values.count) sigma-b values (sigma_w_critical null), e.g. sigma-b=\(p.sigmaB)"
            let sn = p.saddleNode.map { "the stable branch ends in a saddle-node at sigma-w=\($0.sigmaW) (chi1=\($0.chi1) < 1), and " } ?? ""
            note("no stable edge of chaos for phi=\(phiOption.phi.name) \(scope): \(sn)chi1 = 1 only on the unstable "
                 + "branch, at sigma-w=\(c.sigmaW) (q=\(c.q), chi_q=\(c.chiQ) > 1)")
        }
        if let p = nulls.first {
            note("\(nulls.count) of \(values.count) sigma-b values have no boundary (null), e.g. sigma-b=\(p.sigmaB): \(p.why ?? "")")
        }
        if let (b, e) = failures.first {
            note("\(failures.count) of \(values.count) sigma-b values could not be solved (null), e.g. sigma-b=\(b): \(e)")
        }
        return rows
    }

    func emit(rows: [[[Value]]], format: Format?) throws {
        let architecture = try arch.value()
        let label = architecture.isPlain ? "" : "\(architecture.description) "
        var table = Table(
            title: "order-to-chaos boundary of \(label)\(phiOption.phi.name)",
            columns: [Column(.sigmaB),
                      Column(.sigmaWCritical),
                      Column(.sigmaWSaddleNode)],
            fields: [Quantity.phi(.text(phiOption.phi.name))] + ArchitectureOptions.fields(architecture))
        for item in rows { for row in item { table.append(row) } }
        output.emit(table, format: format)
    }
}
