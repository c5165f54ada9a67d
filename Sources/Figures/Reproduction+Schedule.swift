import Foundation
import Dispatch

extension Reproduction {
    /// Every figure, or those named in `only`, in figure order.
    ///
    /// The figures are independent (each makes its own networks from the seed, and
    /// Figures 1 and 2 share one phase diagram, made once by whichever asks first), so
    /// they are made side by side: one lane per core, each lane taking the costliest
    /// figure not yet started (`Maker.cost`), so the long ones do not end alone. A figure's
    /// own parallel maps still spread over every core; the lanes are plain dispatch
    /// blocks, not a `concurrentPerform`, which would run the maps nested in it on one
    /// thread. No byte depends on the lanes or the order: every figure's numbers come
    /// from its settings alone, and the tables are written after all are made.
    ///
    /// Each figure's progress line is logged when it starts and `figN done in X s` when it
    /// is made: X is wall time while it shared the cores with the other lane (CPU seconds
    /// too when it is the only figure asked for, as the process's CPU is then its own).
    /// After a failure no further figure starts; the error thrown is that of the first
    /// failed figure in figure order.
    func figures() throws -> [Figure] {
        let chosen = Self.makers.filter { only?.contains($0.name) ?? true }
        let order = chosen.indices.sorted { (chosen[$0].cost, $1) > (chosen[$1].cost, $0) }
        let state = Schedule(count: chosen.count, order: order)
        let phase = Once { try PhaseFigureData(settings: settings) }
        let lanes = max(1, min(ProcessInfo.processInfo.activeProcessorCount, chosen.count))
        let alone = chosen.count == 1
        let group = DispatchGroup()
        for _ in 0..<lanes {
            DispatchQueue.global().async(group: group) {
                while let i = state.next() {
                    state.log(log, chosen[i].what)
                    let clock = ProcessClock()
                    let result = Result { try chosen[i].make(settings, phase.value) }
                    let t = clock.elapsed()
                    if case .success = result {
                        state.log(log, alone ? String(format: "%@ done in %.1f s wall, %.1f s CPU", chosen[i].name, t.wall, t.cpu)
                                             : String(format: "%@ done in %.1f s", chosen[i].name, t.wall))
                    }
                    state.finish(i, result)
                }
            }
        }
        group.wait()
        return try state.results.compactMap { try $0?.get() }
    }
}

/// The shared state of the lanes: which figure starts next, the results by figure index,
/// and one lock that also keeps log lines whole.
private final class Schedule: @unchecked Sendable {
    private let lock = NSLock()
    private var order: ArraySlice<Int>
    private(set) var results: [Result<Figure, Error>?]
    private var failed = false

    init(count: Int, order: [Int]) {
        self.order = order[...]
        results = Array(repeating: nil, count: count)
    }

    /// The index of the next figure to make, or nil when none is left or one failed.
    func next() -> Int? {
        lock.withLock { failed ? nil : order.popFirst() }
    }

    func finish(_ i: Int, _ result: Result<Figure, Error>) {
        lock.withLock {
            results[i] = result
            if case .failure = result { failed = true }
        }
    }

    func log(_ log: (String) -> Void, _ line: String) {
        lock.withLock { log(line) }
    }
}

/// A value made once, by the first caller; later callers wait for it and get the same
/// value (or the same error).
private final class Once<T>: @unchecked Sendable {
    private let lock = NSLock()
    private let make: () throws -> T
    private var made: Result<T, Error>?

    init(_ make: @escaping () throws -> T) { self.make = make }

    func value() throws -> T {
        try lock.withLock {
            if let made { return made }
            let result = Result { try make() }
            made = result
            return result
        }.get()
    }
}

/// Wall and CPU seconds (user + system, this process and its finished children) since it
/// was made.
struct ProcessClock {
    private let wall0 = DispatchTime.now().uptimeNanoseconds
    private let cpu0 = ProcessClock.cpuSeconds()

    func elapsed() -> (wall: Double, cpu: Double) {
        (Double(DispatchTime.now().uptimeNanoseconds - wall0) / 1e9, ProcessClock.cpuSeconds() - cpu0)
    }

    static func cpuSeconds() -> Double {
        func seconds(_ who: __rusage_who) -> Double {
            var u = rusage()
            getrusage(__rusage_who_t(who.rawValue), &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        return seconds(RUSAGE_SELF) + seconds(RUSAGE_CHILDREN)
    }
}
