/// A table printed row by row, for outputs too long to hold (`learning --epochs 1e7`):
/// `head(format)`, then `line(row, index:, format)` for rows 0, 1, 2, …, then
/// `tail(format)` concatenate to exactly `render(format)` of the same table holding those
/// rows (one data set, no blocks, not `singleObject`); the JSON stays one document.
extension Table {
    /// Everything before the first row: the gnuplot or CSV header, or the JSON fields and
    /// the opening of the rows array.
    public func head(_ format: Format) -> String {
        precondition(sets.count == 1 && rows.isEmpty && blockSize == nil && !singleObject,
                     "a streamed table has one data set, no blocks and no rows of its own")
        assert(uncataloguedFields.isEmpty, "fields missing from the catalogue: \(uncataloguedFields)")
        switch format {
        case .gnuplot: return gnuplot()
        case .csv: return csv()
        case .json:
            return "{" + fields.map { "\(Self.jsonString($0.key)):\(Self.jsonValue($0.value)),\n" }.joined()
                + "\(Self.jsonString(rowsKey)):["
        }
    }

    /// Row number `index` (from 0) as `render` prints it.
    public func line(_ row: [Value], index: Int, _ format: Format) -> String {
        switch format {
        case .gnuplot: return Self.gnuplotLine(row)
        case .csv: return Self.csvLine(row)
        case .json: return index == 0 ? jsonObject(row) : ",\n" + jsonObject(row)
        }
    }

    /// Everything after the last row.
    public func tail(_ format: Format) -> String {
        format == .json ? "]}\n" : ""
    }
}
