import Foundation
import Testing
@testable import Harvest

/// Renders the simulated 30-person report in headless Chromium, when it is installed, and leaves
/// the page, a screenshot and a PDF in `<repo>/test-output/` for a person to look at.
@Suite struct ReportRenderingTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var outputFolder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("test-output")
    }

    @Test(.enabled(if: chromium != nil, "headless Chromium is not installed"))
    func reportOpensInChromiumAndPrintsToPDF() throws {
        let folder = Self.outputFolder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = folder.appendingPathComponent("harvest-report.html")
        let screenshot = folder.appendingPathComponent("harvest-report.png")
        let pdf = folder.appendingPathComponent("harvest-report.pdf")
        for file in [screenshot, pdf] { try? FileManager.default.removeItem(at: file) }
        try Data(HarvestReport.html(HarvestReport.build(SyntheticData.schoolConversation())).utf8).write(to: page)

        try runChromium(["--screenshot=\(screenshot.path)", "--window-size=1000,7000", page.absoluteString])
        try runChromium(["--print-to-pdf=\(pdf.path)", "--no-pdf-header-footer", page.absoluteString])

        let png = try Data(contentsOf: screenshot)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 50_000)
        let document = try Data(contentsOf: pdf)
        #expect(document.starts(with: Array("%PDF".utf8)) && document.count > 20_000)
        print("report screenshot: \(screenshot.path)\nreport PDF: \(pdf.path)")
    }

    private func runChromium(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--disable-dev-shm-usage",
                             "--user-data-dir=\(FileManager.default.temporaryDirectory.appendingPathComponent("harvest-chromium-\(UUID().uuidString)").path)"] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "chromium \(arguments.first ?? "") exited with \(process.terminationStatus)")
    }
}
