import ArgumentParser
import Conversations
import EventStore
import Foundation
import Harvest

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a conversation's whole event log as JSON Lines.",
        discussion: "The file can be read back with `cocreate import`; import then export gives the same bytes.")

    @OptionGroup var target: ConversationOptions

    @Option(help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Write the conversation as the harvest reads it (statements, votes, groups, contributions, turns, commitments; no names) for `cocreate analyze FILE`, instead of the event log.")
    var harvest = false

    func run() async throws {
        let data: Data
        let count: Int
        let conversation = target.conversation
        (data, count) = try await StoreLocation.withStore(target.database.path) { store in
            let events = try await store.readAll(conversation)
            guard !events.isEmpty else { throw ConversationOptions.missing(conversation, in: target.database) }
            if harvest {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                return (try encoder.encode(HarvestBridge.conversation(try await ConversationLog(store: store).state(of: conversation))), events.count)
            }
            return (try EventArchive.export(events), events.count)
        }
        if let output {
            try writeAtomically(data, to: output)
            printError(harvest ? "Wrote the harvest input of \(conversation) to \(output)." : "Wrote \(count) events to \(output).")
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a conversation exported with `cocreate export` into the database.",
        discussion: "Every line is checked before anything is written; an existing conversation is never overwritten.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The JSON Lines file to import.")
    var file: String

    @Option(name: .customLong("as"), help: "Import under this conversation id instead of the one in the file.")
    var newID: String?

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CLIError("\(file) cannot be read: no such file, or no permission")
        }
        do {
            let parsed = try await StoreLocation.withStore(database.path) { store in
                try await EventArchive.importArchive(data, file: file, into: store, as: newID)
            }
            print("Imported \(parsed.events.count) events as conversation \(parsed.stream).")
        } catch let error as EventArchive.ImportError {
            throw CLIError(error.description)
        }
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a file, safely, even while the server is running.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Where to write the copy.")
    var destination: String

    func run() async throws {
        guard !database.isPostgres else {
            throw CLIError("--database is a PostgreSQL URL; back it up with PostgreSQL's own tools (pg_dump, or your provider's snapshots). `cocreate backup` copies SQLite files.")
        }
        guard FileManager.default.fileExists(atPath: database.path) else {
            throw CLIError("there is no database at \(database.path) to back up")
        }
        let store = try database.openStore()
        try await store.backup(to: destination)
        let conversations = try await store.streams().count
        print("Backed up \(database.path) (\(conversations) conversations) to \(destination).")
    }
}
