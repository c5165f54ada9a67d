import Dispatch
import Foundation
import Model
import Nonlinearities
import Numerical

/// One (σw, σb) point of a phase diagram. Values that do not exist there are `nil`.
public struct PhaseDiagramPoint: Sendable {
    public var sigmaW: Double
    public var sigmaB: Double
    public var qStar: Double?
    public var chi1: Double?
    public var chi2: Double?
    public var cStar: Double?
    public var chiC: Double?
    public var xiQ: Double?
    public var xiC: Double?
    public var convergenceTime: Double?
    public var phase: Phase?
    /// The q^1 above which q^l diverges (`LengthFixedPoints.divergesAbove`).
    public var divergesAbove: Double?
    /// How many stable fixed points the length map has (0 where the point is divergent).
    public var attractors = 0
    /// Why the point has no values (q* diverges, …), `nil` when it has them.
    public var failure: String?
}

/// A σw × σb grid of fixed-point summaries, computed in parallel over grid points on
/// every core and returned in grid order (σb outer, σw inner): the same on every run.
public struct PhaseDiagram: Sendable {
    public let phi: Nonlinearity
    public let sigmaW: [Double]
    public let sigmaB: [Double]
    public var includeConvergenceTime = true
    /// The architecture of every point (SPEC §11); not plain: the values come from
    /// `architectureSummary`, χ2 and the convergence time are null.
    public var architecture: Architecture = .plain

    public init(phi: Nonlinearity, sigmaW: [Double], sigmaB: [Double]) {
        self.phi = phi
        self.sigmaW = sigmaW
        self.sigmaB = sigmaB
    }

    /// Computes every point, or the points `items` of the grid order (σb outer, σw
    /// inner: one shard of a run); `progress` is called with the number of points done
    /// so far (from worker threads, at most ~100 times).
    public func compute(items: Range<Int>? = nil, progress: (@Sendable (Int) -> Void)? = nil) -> [PhaseDiagramPoint] {
        let nw = sigmaW.count
        let range = items ?? 0..<(nw * sigmaB.count)
        let counter = ProgressCounter(total: range.count, report: progress)
        let table = includeConvergenceTime ? lengthMapTable : nil
        return concurrentIndices(range.count) { i in
            let k = range.lowerBound + i
            let point = self.point(sigmaW: sigmaW[k % nw], sigmaB: sigmaB[k / nw], table: table)
            counter.tick()
            return point
        }
    }

    /// E[φ²] tabulated for the convergence times of every point: up to q = 15 (the
    /// highest start) or σw² + σb² at the grid's corner (beyond every q* of a bounded
    /// |φ| ≤ 1), a quarter more for headroom. Built from the whole grid, so that every
    /// shard of a run builds the same one. `nil` for φ with closed-form kernels.
    var lengthMapTable: LengthMapTable? {
        let w = sigmaW.max() ?? 0, b = sigmaB.max() ?? 0
        return LengthMapTable(phi: phi, top: 1.25 * Swift.max(15, w * w + b * b))
    }

    public func point(sigmaW w: Double, sigmaB b: Double, table: LengthMapTable? = nil) -> PhaseDiagramPoint {
        var p = PhaseDiagramPoint(sigmaW: w, sigmaB: b)
        if !architecture.isPlain { return architecturePoint(p) }
        do {
            let model = try MeanFieldModel(phi: phi, sigmaW: w, sigmaB: b)
            let all = try model.lengthFixedPoints(slopes: false)
            p.divergesAbove = all.divergesAbove
            p.attractors = all.attractorCount
            guard let q = all.qStar else {
                p.phase = .divergent
                return p
            }
            let s = try model.summary(qStar: q, errorEstimates: false)
            p.qStar = s.qStar.value
            p.chi1 = s.chi1.value
            p.chi2 = s.chi2?.value
            p.cStar = s.cStar.value
            p.chiC = s.chiC.value
            p.xiQ = s.xiQ
            p.xiC = s.xiC
            p.phase = s.phase
            // Every start q^1 = 0.5 … 15 must lie in q*'s basin, else some start does not
            // reach q* (it diverges, or goes to another attractor) and there is no mean.
            if includeConvergenceTime, let basin = all.basin, basin.lowerBound < 0.5, basin.upperBound > 15 {
                p.convergenceTime = model.meanConvergenceTime(qStar: s.qStar.value, table: table)
            }
        } catch {
            p.failure = "\(error)"
        }
        return p
    }
}

extension PhaseDiagram {
    /// A point of a network with an architecture: q*, χ1, c*, χ_c and the depth scales of
    /// its layer maps; a residual stream without a fixed point has no values (null).
    func architecturePoint(_ point: PhaseDiagramPoint) -> PhaseDiagramPoint {
        var p = point
        do {
            let n = try Network(phi: phi, sigmaW: p.sigmaW, sigmaB: p.sigmaB, architecture: architecture)
            let s = try MeanFieldModel(network: n).architectureSummary(errorEstimates: false)
            p.qStar = s.qStar.value
            p.chi1 = s.chi1.value
            p.cStar = s.cStar.value
            p.chiC = s.chiC.value
            p.xiQ = s.xiQ
            p.xiC = s.xiC
            p.phase = s.phase
            p.attractors = 1
        } catch {
            p.failure = "\(error)"
        }
        return p
    }
}

/// Counts finished points across threads and reports every ~1% of them.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let step: Int
    private let report: (@Sendable (Int) -> Void)?

    init(total: Int, report: (@Sendable (Int) -> Void)?) {
        self.total = total
        self.step = Swift.max(1, total / 100)
        self.report = report
    }

    func tick() {
        guard let report else { return }
        lock.lock()
        done += 1
        let n = done
        lock.unlock()
        if n % step == 0 || n == total { report(n) }
    }
}
