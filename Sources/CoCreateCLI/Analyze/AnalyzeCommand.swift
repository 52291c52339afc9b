import ArgumentParser
import Foundation
import Harvest

/// `cocreate analyze FOLDER`: consensus, representative statements and opinion groups of a Polis
/// export or a conversation of ours.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Find what people agree on across groups, what sets each group apart, and where they differ.",
        discussion: """
            INPUT is a folder holding a Polis export (comments.csv and votes.csv), or a JSON file \
            of one of our conversations in the harvest format (title, question, voting with \
            statements and votes, participants with their declared groups). Rejected \
            comments (moderated = -1) are left out and a voter's latest vote counts. Without \
            --groups, opinion groups are found from the votes (people who vote alike).
            """)

    @Argument(help: ArgumentHelp("A Polis export folder, or a conversation JSON file.", valueName: "input"))
    var input: String

    @Option(
        name: .customLong("groups"),
        help: ArgumentHelp(
            "A CSV of participant,group to use declared groups instead of groups found from the votes.",
            discussion: "Only the people listed in it count. Rows with an empty group are skipped.",
            valueName: "file"))
    var groupsFile: String?

    @Flag(name: .customLong("json"), help: "Print the results as JSON instead of a readable summary.")
    var json = false

    @Option(
        name: .customLong("html"),
        help: ArgumentHelp("Also write the one-page report as a standalone HTML file.", valueName: "file"))
    var htmlFile: String?

    @Option(
        name: .customLong("pdf"),
        help: ArgumentHelp("Also print the one-page report to a PDF file with headless Chromium.", valueName: "file"))
    var pdfFile: String?

    @Option(
        name: .customLong("export"),
        help: ArgumentHelp(
            "Also write every result to this folder: CSV files, harvest.json, and a polis/ folder in Polis's export format.",
            valueName: "folder"))
    var exportFolder: String?

    @Option(help: "How opinion groups are found: polis (Polis's pipeline, step for step; the default) or kmeans (cocreate's earlier k-means++ over people, seeded by --seed).")
    var method = "polis"

    @Option(name: .customLong("seed"), help: "Seed for --method kmeans; the same seed gives the same groups (the polis method needs none).")
    var seed: UInt64 = OpinionGroupOptions().seed

    func run() throws {
        let request = AnalyzeRequest(input: input, groupsFile: groupsFile, json: json, htmlFile: htmlFile, pdfFile: pdfFile, exportFolder: exportFolder, method: method, seed: seed)
        print(try request.execute(), terminator: "")
    }
}

/// What `analyze` was asked to do, runnable without the argument parser (tests call it).
struct AnalyzeRequest {
    var input: String
    var groupsFile: String?
    var json = false
    var htmlFile: String?
    var pdfFile: String?
    var exportFolder: String?
    var method = "polis"
    var seed: UInt64 = OpinionGroupOptions().seed

    /// Runs the analysis and returns what the command prints.
    func execute() throws -> String {
        let source = try AnalyzeSource.load(input)
        var groups = source.declaredGroups
        if let groupsFile {
            let text = try AnalyzeSource.readText(groupsFile)
            groups = try mapHarvestError { () throws(HarvestError) in
                try PolisExport.groups(fromGroupsCSV: text, fileName: groupsFile)
            }
            if groups?.isEmpty ?? true {
                throw AnalyzeInputError("\(groupsFile): no participant has a group; expected lines of participant,group under a header such as participant,group")
            }
        }
        var options = VoteAnalysisOptions()
        options.opinionGroups.seed = seed
        switch method.lowercased() {
        case "polis": options.opinionGroups.method = .polis
        case "kmeans", "k-means": options.opinionGroups.method = .kMeans
        default: throw AnalyzeInputError("--method \(method): expected polis or kmeans")
        }
        // With declared groups from --groups, opinion groups are skipped: the output is about those groups.
        options.findOpinionGroups = groupsFile == nil
        let analysis = try mapHarvestError { () throws(HarvestError) in
            try VoteAnalysis.analyze(source.voting, declaredGroups: groups, options: options)
        }
        let report = HarvestReportInput(conversation: source.conversation, analysis: analysis)
        if let exportFolder { try export(report: report, analysis: analysis, conversation: source.conversation, to: exportFolder) }
        if htmlFile != nil || pdfFile != nil {
            let html = HarvestReport.html(report)
            if let pdfFile { try ChromiumPrinter.printPDF(html: html, to: pdfFile) }
            if let htmlFile { try write(html, to: htmlFile) }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(VoteAnalysisSummary(analysis))
            return String(decoding: data, as: UTF8.self) + "\n"
        }
        return AnalyzeTextSummary.render(analysis, title: source.conversation.title)
    }

    private func export(report: HarvestReportInput, analysis: VoteAnalysis, conversation: HarvestConversation, to folder: String) throws {
        let polis = (folder as NSString).appendingPathComponent("polis")
        do {
            try FileManager.default.createDirectory(atPath: polis, withIntermediateDirectories: true)
        } catch {
            throw AnalyzeInputError("cannot create \(polis): \(error.localizedDescription)")
        }
        for (name, text) in HarvestExport.csvFiles(conversation: conversation, report: report, analysis: analysis) {
            try write(text, to: (folder as NSString).appendingPathComponent(name))
        }
        try write(String(decoding: HarvestExport.json(report: report, analysis: analysis), as: UTF8.self), to: (folder as NSString).appendingPathComponent("harvest.json"))
        for (name, text) in PolisFormatExport.files(conversation.voting, groups: analysis.primary?.members ?? [:]) {
            try write(text, to: (polis as NSString).appendingPathComponent(name))
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw AnalyzeInputError("cannot write \(path): \(error.localizedDescription)")
        }
    }

    private func mapHarvestError<T>(_ body: () throws(HarvestError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw AnalyzeInputError(error.description)
        }
    }
}

/// A problem with the input, printed as is with a non-zero exit.
struct AnalyzeInputError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
