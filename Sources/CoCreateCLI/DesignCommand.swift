import ArgumentParser
import CoCreateCore
import DesignFiles
import Foundation

/// `cocreate design ...`: the library of conversation designs and design files.
struct DesignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "List, show, copy and check conversation designs.",
        subcommands: [List.self, Show.self, New.self, Validate.self, Fork.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the designs built into cocreate.")

        func run() throws {
            for template in DesignLibrary.templates {
                let design = try DesignLibrary.design(named: template.name)!
                let line = "\(template.name.padding(toLength: 32, withPad: " ", startingAt: 0)) \(design.title) (\(design.totalMinutes) min, \(design.roundCount) rounds)"
                print(line)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a design's agenda, or its file with --yaml.")

        @Argument(help: "The name of a built-in design (see `cocreate design list`) or the path of a design file.")
        var name: String

        @Flag(help: "Print the design file itself instead of a readable agenda.")
        var yaml = false

        func run() throws {
            let (design, text) = try loadDesign(name)
            if yaml {
                print(Terminal.safe(text), terminator: text.hasSuffix("\n") ? "" : "\n")
            } else {
                print(Terminal.safe(DesignSummary.render(design)))
            }
        }
    }

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new design file to edit, copied from a built-in design.",
            discussion: "Writes NAME.yaml in the current folder, or the path given with --output. Never overwrites a file.")

        @Argument(help: "The new design's name: letters, digits and hyphens.")
        var name: String

        @Option(help: "The built-in design to start from.")
        var from: String = "cooperative-knowledge-cafe"

        @Option(help: "Where to write the file (default: NAME.yaml).")
        var output: String?

        func validate() throws {
            try checkDesignName(name)
            guard DesignLibrary.template(named: from) != nil else {
                throw ValidationError("There is no built-in design \"\(from)\". Choose one of: \(DesignLibrary.templates.map(\.name).joined(separator: ", ")).")
            }
        }

        func run() throws {
            let path = output ?? "\(name).yaml"
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIError("\(path) already exists; nothing was written. Choose another name or --output.")
            }
            let text = DesignLibrary.copy(of: DesignLibrary.template(named: from)!, named: name)
            try writeAtomically(Data(text.utf8), to: path)
            print("Wrote \(path), a copy of \(from). Edit it, then check it with: cocreate design validate \(path)")
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check design files and report every problem with its line and field.",
            discussion: "Exits with status 1 when any file has a problem. Writes nothing.")

        @Argument(help: "One or more design files (YAML).")
        var files: [String]

        func run() throws {
            var failed = false
            for file in files {
                do {
                    let design = try DesignReader.read(path: file)
                    print(Terminal.safe("\(file): valid. \(design.title): \(design.phases.count) phases, \(design.totalMinutes) minutes, \(design.roundCount) rounds."))
                } catch {
                    failed = true
                    printError(error.description)
                }
            }
            if failed { throw ExitCode.failure }
        }
    }
}

/// A built-in design by name, or a design file by path, with its text.
func loadDesign(_ nameOrPath: String) throws -> (ConversationDesign, String) {
    if let template = DesignLibrary.template(named: nameOrPath) {
        return (try DesignReader.read(yaml: template.yaml, file: "built-in:\(template.name)"), template.yaml)
    }
    guard FileManager.default.fileExists(atPath: nameOrPath) else {
        throw CLIError("\"\(nameOrPath)\" is neither a built-in design (\(DesignLibrary.templates.map(\.name).joined(separator: ", "))) nor a file.")
    }
    do {
        let design = try DesignReader.read(path: nameOrPath)
        let text = (try? String(contentsOfFile: nameOrPath, encoding: .utf8)) ?? ""
        return (design, text)
    } catch {
        throw CLIError(error.description)
    }
}
