import Reporting

/// Common pieces of the figures' gnuplot scripts.
enum Gnuplot {
    /// `png` is a string literal (`ScriptFiles.png`).
    static func header(_ png: String, width: Int = 1400, height: Int = 1000) -> String {
        """
        set terminal pngcairo size \(width),\(height) enhanced font "DejaVu Sans,12"
        set output (exists("png_output") ? png_output : \(png))
        set datafile missing "null"
        set key box opaque
        """
    }
    static let palette = "set palette defined (0 \"#2c7bb6\", 1 \"#ffffbf\", 2 \"#d7191c\")"
    static let colors = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]

    /// `path` as a gnuplot string literal that names exactly that file and runs nothing.
    ///
    /// gnuplot 5.4 runs shell commands from a script in three ways a path could reach:
    /// backquotes inside a double-quoted string (`"`id`"`), a file name that starts
    /// with `<` (`plot '<cmd'` reads a command's output) and an output that starts with
    /// `|` (`set output '|cmd'`). Inside single quotes gnuplot expands neither backquotes
    /// nor `@` macros nor backslash escapes, and `''` stands for one quote; a relative
    /// path that starts with `<`, `|` or `-` gets `./` in front (`noCommand`).
    /// A line break cannot be written inside single quotes (it ends the command), so
    /// paths with control characters are refused (`checkQuotable`).
    static func literal(_ path: String) -> String {
        "'" + noCommand(path).replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `path`, with `./` in front when it starts with `<` or `|`: the same file, which
    /// gnuplot then opens as a file, where it would run the rest as a shell command (this
    /// holds for the script named on gnuplot's command line too); and when it starts with
    /// `-`, which gnuplot's command line reads as an option (`--plots=-p`: "unrecognized
    /// option -p/fig1.gp").
    static func noCommand(_ path: String) -> String {
        path.first.map { "<|-".contains($0) } == true ? "./" + path : path
    }

    /// Refuses a path that no gnuplot string literal can hold as it is: one with a
    /// control character (a line break ends a command inside single quotes).
    /// - Throws: `ReproductionError.folder` naming `flag` and the path.
    static func checkQuotable(_ path: String, flag: String) throws {
        guard let bad = path.first(where: { $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
        else { return }
        throw ReproductionError.folder(
            "\(flag) must not contain a control character such as \(String(bad).debugDescription) "
            + "(the gnuplot scripts name it), got \(path.debugDescription)")
    }
}

/// The files a figure's script names, as gnuplot string literals (`Gnuplot.literal`):
/// the tables in their folder and the PNG the script writes when run by hand.
public struct ScriptFiles: Sendable {
    let folder: String
    /// The PNG, a string literal.
    let png: String

    /// - Throws: `ReproductionError.folder` when a path holds a control character.
    public init(tables folder: String, png: String) throws {
        try Gnuplot.checkQuotable(folder, flag: "--out")
        try Gnuplot.checkQuotable(png, flag: "--plots")
        self.folder = folder
        self.png = Gnuplot.literal(png)
    }

    /// The gnuplot table (`.dat`) of `t`, a string literal.
    func table(_ t: NamedTable) -> String { Gnuplot.literal("\(folder)/\(t.stem).dat") }
}

extension Table {
    /// The 1-based columns of `quantities` joined for a gnuplot `using` ("2:3:4").
    func using(_ quantities: Quantity...) -> String {
        quantities.map { String(column($0)) }.joined(separator: ":")
    }
}
