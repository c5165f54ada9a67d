import Foundation
import MeanField

/// The memory a grid command will need, checked before any of it is allocated.
///
/// Why: the results of every grid point, the table built from them and the rendered
/// text are all held at once (the output is one document), so a grid of 30000 × 30000
/// asked for 144 GB in one allocation and aborted. A one-line refusal naming the flags
/// is the contract instead (exit 2). The estimate is deliberately simple: the result's
/// stride plus, per printed row, an array of `Value`s and ~32 bytes of text per cell.
struct MemoryBudget {
    /// Share of physical memory a command may plan to use (as `simulate` allows).
    static let share = 0.8

    /// Bytes of one printed row of `columns` cells.
    static func rowBytes(columns: Int) -> Double {
        Double(32 + columns * (MemoryLayout<Value>.stride + 32))
    }

    /// Throws when `count` items of `bytesEach` do not fit in `share` of physical memory.
    /// `flags` names the sizes, e.g. "--sigma-w × --sigma-b = 30000 × 30000".
    static func check(count: Double, bytesEach: Double, flags: String, advice: String) throws {
        let needed = count * bytesEach
        let available = Double(ProcessInfo.processInfo.physicalMemory) * share
        guard needed.isFinite, needed <= available else {
            throw UsageError(String(
                format: "%@ needs about %.3g GB of memory but only %.3g GB (80%% of physical memory) is available: %@",
                flags, needed / 1e9, available / 1e9, advice))
        }
    }
}
