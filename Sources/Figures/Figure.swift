import Model
import Reporting

/// A table and the file stem it is written under (stem.dat, stem.csv, stem.json).
public struct NamedTable: Sendable {
    public var stem: String
    public var table: Table
}

/// One figure: its tables and the gnuplot script that renders them.
public struct Figure: Sendable {
    public var name: String
    public var tables: [NamedTable]
    /// The script, given where the tables are and the PNG to write.
    public var script: @Sendable (ScriptFiles) -> String
}
