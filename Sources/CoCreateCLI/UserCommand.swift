import ArgumentParser
import Conversations
import Foundation
import Server

/// `cocreate user add`: facilitator accounts, created from the machine that runs the server.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage facilitator accounts.",
        subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a facilitator account that can sign in to the console.",
            discussion: "The password is read from standard input (one line), so it never appears in the shell's history or the process list.")

        @OptionGroup var database: DatabaseOptions

        @Argument(help: "The username to sign in with: 2 to 40 letters, digits, dots, hyphens or underscores.")
        var username: String

        @Option(help: "The name shown in the console, e.g. \"Ms Okafor\".")
        var name: String = ""

        func run() async throws {
            if isatty(STDIN_FILENO) != 0 { print("Password (at least 10 characters): ", terminator: "") }
            guard let password = readLine(strippingNewline: true), !password.isEmpty else {
                throw CLIError("no password given on standard input; e.g. `echo 'long passphrase' | cocreate user add \(username)`")
            }
            let administrator: Bool
            do {
                administrator = try await StoreLocation.withStore(database.path) { store in
                    let accounts = EventStoreAccountRepository(store: store, hashing: .bcrypt)
                    try await accounts.create(username: username, displayName: name, password: password)
                    return try await accounts.account(named: username)?.administrator == true
                }
            } catch let error as AccountError {
                throw CLIError(error.description)
            }
            // The first account manages the others on the Accounts page; say so, as it is not otherwise visible here.
            print("Created \(administrator ? "administrator" : "facilitator") \(username) in \(database.description).")
        }
    }
}
