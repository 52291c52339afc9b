import Foundation
import Harvest

/// The input of `analyze`, read from disk.
struct AnalyzeSource {
    var conversation: HarvestConversation
    var voting: VotingData { conversation.voting }
    var declaredGroups: DeclaredGroups? { conversation.declaredGroups }

    /// Reads a Polis export folder or a conversation JSON file.
    static func load(_ path: String) throws -> AnalyzeSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnalyzeInputError("\(path): no such file or folder; give a Polis export folder (with comments.csv and votes.csv) or a conversation JSON file")
        }
        if isDirectory.boolValue { return try loadPolisFolder(path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AnalyzeInputError("\(path): cannot read the file: \(error.localizedDescription)")
        }
        do {
            return AnalyzeSource(conversation: try HarvestConversation.decode(json: data))
        } catch {
            throw AnalyzeInputError("\(path): \(error.column.map { "field \($0): " } ?? "")\(error.problem)")
        }
    }

    static func loadPolisFolder(_ folder: String) throws -> AnalyzeSource {
        let commentsPath = (folder as NSString).appendingPathComponent("comments.csv")
        let votesPath = (folder as NSString).appendingPathComponent("votes.csv")
        let commentsText = try readText(commentsPath)
        let votesText = try readText(votesPath)
        do {
            let statements = try PolisExport.statements(fromCommentsCSV: commentsText, fileName: commentsPath)
            let votes = try PolisExport.votes(fromVotesCSV: votesText, fileName: votesPath, knownStatements: Set(statements.map(\.id)))
            var conversation = HarvestConversation(
                title: (folder as NSString).lastPathComponent, voting: VotingData(statements: statements, votes: votes))
            let summaryPath = (folder as NSString).appendingPathComponent("summary.csv")
            if let summary = try? readText(summaryPath) {
                let fields = PolisExport.summary(fromSummaryCSV: summary)
                conversation.question = fields["topic"] ?? ""
                conversation.details = fields["conversation-description"] ?? ""
            }
            return AnalyzeSource(conversation: conversation)
        } catch {
            throw AnalyzeInputError(error.description)
        }
    }

    static func readText(_ path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AnalyzeInputError("\(path): the file is missing")
        }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let text = String(data: data, encoding: .utf8) else {
                throw AnalyzeInputError("\(path): the file is not UTF-8 text; save it as UTF-8 CSV")
            }
            return text
        } catch let error as AnalyzeInputError {
            throw error
        } catch {
            throw AnalyzeInputError("\(path): cannot read the file: \(error.localizedDescription)")
        }
    }
}
