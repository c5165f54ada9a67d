import Foundation
import XCTest

/// BLAS and LAPACK have one door, `LinearAlgebra` in `Sources/Numerical/LinearAlgebra`:
/// no other source file imports OpenBLAS or names a BLAS or LAPACK routine.
final class LinearAlgebraDoorTests: XCTestCase {
    func testOnlyTheLinearAlgebraFolderCallsOpenBLAS() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try XCTUnwrap(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        XCTAssertGreaterThan(files.count, 50, "the Sources folder was found")
        let door = "/Sources/Numerical/LinearAlgebra/"
        let routine = try NSRegularExpression(pattern: #"\b(cblas_\w+|d(gemm|gemv|syrk|geqrf|orgqr|gesdd|syev|dot|axpy|larf[bgt])_)\s*\("#)
        for file in files where !file.path.contains(door) {
            let text = try String(contentsOf: file, encoding: .utf8)
            XCTAssertFalse(text.contains("import COpenBLAS"), "\(file.lastPathComponent) imports COpenBLAS")
            let range = NSRange(text.startIndex..., in: text)
            XCTAssertNil(routine.firstMatch(in: text, range: range), "\(file.lastPathComponent) calls BLAS or LAPACK directly")
        }
    }
}
