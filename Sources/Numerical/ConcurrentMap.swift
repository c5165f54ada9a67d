import Dispatch

extension Array {
    /// `map` on every core: element i of the result is `transform(self[i])`, whatever
    /// the number of threads and the order in which they finish, so the output is the
    /// same on every run.
    public func concurrentMap<T>(_ transform: (Element) -> T) -> [T] {
        concurrentIndices(count) { transform(self[$0]) }
    }
}

/// `[body(0), …, body(count − 1)]`, computed on every core, in index order. The result's
/// buffer is initialised element by element and handed to the array that is returned:
/// nothing is copied and nothing leaks.
public func concurrentIndices<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialised in
        guard let base = buffer.baseAddress else { return }
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: count) { i in
                (base + i).initialize(to: body(i))
            }
        }
        initialised = count
    }
}
