import ArgumentParser
import Foundation
import MeanField

struct BoundaryCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundary", abstract: "The order-to-chaos boundary: the σw where χ1 = 1, for each σb.",
        discussion: """
            With --architecture resnet or --norm (SPEC §11), χ1 is the slope at c = 1 of the architecture's \
            correlation map at its q*. Dropout has no boundary (c* < 1 at every σw) and is refused.
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
        RowShape.counts(rows, rows: 1, width: 2) ?? rows[0].lazy.compactMap(RowShape.number).first
    }

    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        var boundary = OrderChaosBoundary(phi: phiOption.phi)
        boundary.architecture = try arch.value()
        let values = Array(sigmaB.values[items])
        let results: [Result<Double, Error>] = values.concurrentMap { b in Result { try boundary.criticalSigmaW(sigmaB: b) } }
        var rows: [Int: [[Value]]] = [:]
        var failures: [(Double, Error)] = []
        for (i, (b, r)) in zip(values, results).enumerated() {
            switch r {
            case .success(let w): rows[items.lowerBound + i] = [[.real(b), .real(w)]]
            case .failure(let e):
                failures.append((b, e))
                rows[items.lowerBound + i] = [[.real(b), .real(nil)]]
            }
        }
        if let (b, e) = failures.first {
            // Not an error: the boundary does not exist there and prints as null; say why once.
            note("\(failures.count) of \(values.count) sigma-b values have no boundary (null), e.g. sigma-b=\(b): \(e)")
        }
        return rows
    }

    func emit(rows: [[[Value]]], format: Format?) throws {
        let architecture = try arch.value()
        let label = architecture.isPlain ? "" : "\(architecture.description) "
        var table = Table(
            title: "order-to-chaos boundary of \(label)\(phiOption.phi.name)",
            columns: [Column(.sigmaB),
                      Column(.sigmaWCritical)],
            fields: [Quantity.phi(.text(phiOption.phi.name))] + ArchitectureOptions.fields(architecture))
        for item in rows { for row in item { table.append(row) } }
        output.emit(table, format: format)
    }
}
