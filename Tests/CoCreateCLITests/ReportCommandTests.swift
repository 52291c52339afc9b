import Foundation
import Testing

@Suite("cocreate report, run as a user would")
struct ReportCommandTests {
    @Test func theReportIsWrittenInTheLanguageAskedFor() async throws {
        let folder = CLIProcess.temporaryFolder()
        let (database, id) = try await ModelCommandTests.database(in: folder)
        let welsh = try CLIProcess.run(["report", id, "--database", database, "--html", "report.html", "--language", "cy"], in: folder)
        #expect(welsh.status == 0, "\(welsh.stderr)")
        let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("<html lang=\"cy\" dir=\"ltr\">"))
        #expect(page.contains("Pob datganiad") && page.contains("Feedback within a fortnight"))
        #expect(!page.contains("Every statement"))

        let refused = try CLIProcess.run(["report", id, "--database", database, "--html", "other.html", "--language", "fr"], in: folder)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--language fr is not one the report is written in; choose en, ar, cy."), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.html").path), "nothing written on refusal")
    }
}
