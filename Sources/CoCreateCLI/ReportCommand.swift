import ArgumentParser
import Conversations
import Foundation
import Harvest
import Server

/// `cocreate report`: the harvest report of one conversation, as a file to send or print.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a conversation's harvest report as an HTML page (and a PDF with --pdf).",
        discussion: "The same report as the app's /c/CODE/report page. Names are left out unless --names is given.")

    @OptionGroup var target: ConversationOptions

    @Option(help: "Write the report page to this HTML file.")
    var html: String?

    @Option(help: "Also print the page to this PDF file, with headless Chromium when it is installed.")
    var pdf: String?

    @Flag(help: "Show participants' names in the report (off by default).")
    var names = false

    @Option(help: "The language to write the report in: \(ReportLanguages.available.joined(separator: ", ")).")
    var language = "en"

    func validate() throws {
        guard html != nil || pdf != nil else { throw ValidationError("Say where to write the report: --html FILE and/or --pdf FILE.") }
        guard ReportLanguages.available.contains(language) else {
            throw ValidationError("--language \(language) is not one the report is written in; choose \(ReportLanguages.available.joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let state = try await target.state()
        let page = HarvestReport.html(HarvestReport.build(HarvestBridge.conversation(state, showNames: names)), words: try ReportLanguages.words(language))
        if let html {
            try writeAtomically(Data(page.utf8), to: html)
            print("Wrote \(html).")
        }
        if let pdf {
            try ChromiumPrinter.printPDF(html: page, to: pdf)
            print("Wrote \(pdf).")
        }
    }
}
