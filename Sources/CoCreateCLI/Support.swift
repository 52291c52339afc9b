import ArgumentParser
import CoCreateCore
import Conversations
import EventStorePostgres
import EventStoreSQLite
import Foundation

/// The database option shared by every command that reads or writes conversations.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "Where every conversation's event log is kept: a SQLite file, or a PostgreSQL URL (postgres://user:pass@host/db).",
            discussion: "A SQLite file is created when missing. Several servers can share one PostgreSQL database. Also read from the COCREATE_DATABASE environment variable.",
            valueName: "path-or-url"))
    var path: String = ProcessInfo.processInfo.environment["COCREATE_DATABASE"] ?? "cocreate.sqlite"

    /// Whether `path` is a PostgreSQL URL rather than a SQLite file.
    var isPostgres: Bool { PostgresURL.looksLikePostgresURL(path) }

    /// The location for messages, with any password hidden.
    var description: String { isPostgres ? ((try? PostgresURL(path).description) ?? "the PostgreSQL database") : path }

    /// Opens the SQLite file; for commands that only make sense on one (backup, the crash test's writer).
    func openStore() throws -> SQLiteEventStore {
        do {
            return try SQLiteEventStore(path: path)
        } catch {
            throw CLIError("cannot open the database \(path): \(error)")
        }
    }
}

/// The conversation a command reads, and the database it is kept in.
struct ConversationOptions: ParsableArguments {
    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The conversation's id (see `cocreate list`; the console's address ends with it).")
    var conversation: String

    /// Its state, or a message naming the id and the database (never the database's password).
    func state() async throws -> ConversationState {
        let id = conversation
        let state = try await StoreLocation.withStore(database.path) { store in try await ConversationLog(store: store).state(of: id) }
        guard state.exists else { throw Self.missing(id, in: database) }
        return state
    }

    static func missing(_ id: String, in database: DatabaseOptions) -> CLIError {
        CLIError("there is no conversation \"\(id)\" in \(database.description)")
    }
}

/// Refuses a design name that is not letters, digits and hyphens, before anything is written.
func checkDesignName(_ name: String) throws {
    guard ConversationDesign.isValidName(name) else {
        throw ValidationError("The name \"\(name)\" may contain only letters, digits and hyphens, e.g. year9-belonging.")
    }
}

/// A failure the user can act on: printed as is, without a stack trace, with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes `data` to `path` via a temporary file and a rename, so a failure leaves no half file.
func writeAtomically(_ data: Data, to path: String) throws {
    do {
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw CLIError("cannot write \(path): \(error.localizedDescription)")
    }
}

/// Prints to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((Terminal.safe(message) + "\n").utf8))
}

/// Text from files, made safe to print on a terminal.
enum Terminal {
    /// `text` with control characters other than newline, carriage return and tab (ESC, BEL, CSI, DEL, ...) shown as `\u{1B}`
    /// instead of sent: a design's title or a person's name must not be able to drive the terminal.
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                result.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x0D && value != 0x09) || (0x7F...0x9F).contains(value)
    }
}
