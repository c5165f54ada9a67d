/// Common pieces of the figures' gnuplot scripts.
enum Gnuplot {
    static func header(_ png: String, width: Int = 1400, height: Int = 1000) -> String {
        """
        set terminal pngcairo size \(width),\(height) enhanced font "DejaVu Sans,12"
        set output (exists("png_output") ? png_output : "\(png)")
        set datafile missing "null"
        set key box opaque
        """
    }
    static let palette = "set palette defined (0 \"#2c7bb6\", 1 \"#ffffbf\", 2 \"#d7191c\")"
    static let colors = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e"]
}
