import Foundation

/// Prints an HTML page to PDF with headless Chromium, when it is installed.
enum ChromiumPrinter {
    /// The first Chromium or Chrome found on the usual paths or in PATH.
    static func executable() -> String? {
        let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        var candidates = names.map { "/usr/bin/\($0)" }
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates += names.map { "\(folder)/\($0)" }
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Writes `html` to a temporary file and prints it to `pdfPath` (A4, as the page's print CSS sets).
    static func printPDF(html: String, to pdfPath: String) throws {
        guard let chromium = executable() else {
            throw AnalyzeInputError("cannot write \(pdfPath): headless Chromium is not installed (on Debian: apt-get install chromium); write --html and print it from a browser instead")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cocreate-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
            "--print-to-pdf=\(URL(fileURLWithPath: pdfPath).path)", page.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: pdfPath) else {
            throw AnalyzeInputError("cannot write \(pdfPath): Chromium exited with status \(process.terminationStatus)")
        }
    }
}
