import Foundation
@testable import Reporting
import XCTest

/// A table printed row by row is the table printed whole, byte for byte.
final class TableStreamTests: XCTestCase {
    func testHeadLinesAndTailConcatenateToRender() {
        var t = Table(title: "streamed", columns: [Column(key: "x", symbol: "x", meaning: "abscissa", count: 1),
                                                  Column(key: "name", symbol: "n", meaning: "", count: 1),
                                                  Column(key: "v", symbol: "v", meaning: "", count: 1),
                                                  Column(key: "k", symbol: "k", meaning: "list", count: 2)],
                      fields: [("phi", .text("tan\"h")), ("q", .real(0.25))])
        let rows: [[Value]] = [
            [.real(0.5), .text("a,b"), .real(nil), .list([1, 2])],
            [.integer(3), .text("plain"), .real(1e-300), .list([.nan, 4])],
            [.real(-2.5), .text(""), .real(.infinity), .list([5, 6])],
        ]
        for count in 0...rows.count {
            var whole = t
            for r in rows.prefix(count) { whole.append(r) }
            for format in Format.allCases {
                let streamed = t.head(format) + rows.prefix(count).enumerated().map { t.line($1, index: $0, format) }.joined()
                    + t.tail(format)
                XCTAssertEqual(streamed, whole.render(format), "\(format), \(count) rows")
            }
        }
        t.title = "x"   // silence 'never mutated'
    }
}
