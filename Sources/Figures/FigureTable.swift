import Numerical
import Reporting

extension Table {
    /// A table of data sets (gnuplot `index` 0, 1, …), each row made from one value by `row`.
    init<Row>(title: String, columns: [Column], sets: [[Row]], blockSize: Int? = nil, row: (Row) -> [Value]) {
        self.init(title: title, columns: columns, blockSize: blockSize)
        for (k, set) in sets.enumerated() {
            if k > 0 { newSet() }
            for r in set { append(row(r)) }
        }
    }
}
