import ArgumentParser
import Foundation
import MeanField

struct BoundaryCommand: ShardableCommand {
    static let configuration = CommandConfiguration(
        commandName: "boundary", abstract: "The order-to-chaos boundary: the σw where χ1 = 1, for each σb.")

    enum Defaults: NetworkDefaults {
        static var sigmaB: GridRange { GridRange(start: 0, stop: 4, count: 41) }
        static var grids: Bool { true }
    }

    @OptionGroup var phiOption: PhiOption
    @OptionGroup var sigmaBOption: SigmaBOption<Defaults>
    @OptionGroup var output: FormatOption

    var sigmaB: GridRange { sigmaBOption.sigmaB }

    @OptionGroup var sharding: ShardOption

    func run() throws { try runShardable() }

    /// One item per σb, all of about the same cost (one Brent solve each).
    func work() throws -> Work { Work(count: sigmaB.count, costs: nil) }

    func shapeProblem(item: Int, rows: [[Value]]) -> String? {
        RowShape.counts(rows, rows: 1, width: 2) ?? rows[0].lazy.compactMap(RowShape.number).first
    }

    func compute(items: Range<Int>) throws -> [Int: [[Value]]] {
        let boundary = OrderChaosBoundary(phi: phiOption.phi)
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
        var table = Table(
            title: "order-to-chaos boundary of \(phiOption.phi.name)",
            columns: [Column(.sigmaB),
                      Column(.sigmaWCritical)],
            fields: [Quantity.phi(.text(phiOption.phi.name))])
        for item in rows { for row in item { table.append(row) } }
        output.emit(table, format: format)
    }
}
