import ArgumentParser
import CoCreateCore
import Conversations
import DesignFiles
import Foundation

/// `cocreate model ...`: pass a design and what was learned running it on to another community.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Pass on a conversation model: its design, learnings, lineage and anonymised outcome.",
        subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one self-contained JSON file with a run's design, learnings, lineage and anonymised outcome.",
            discussion: "The outcome holds counts by group, vote totals and commitment statuses; never names.")

        @OptionGroup var target: ConversationOptions

        @Option(help: "Write to this file instead of standard output.")
        var output: String?

        func run() async throws {
            let state = try await target.state()
            let data = try ModelBuilder.encode(try ModelBuilder.model(state, date: ModelBuilder.today()))
            if let output {
                try writeAtomically(data, to: output)
                printError("Wrote the model of \(state.design?.title ?? target.conversation) to \(output).")
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a model file, summarise it and write its design file NAME.yaml.",
            discussion: "Everything is checked before anything is written; an existing file is kept unless --force.")

        @Argument(help: "The model file (JSON) written by `cocreate model export`.")
        var file: String

        @Option(name: .customLong("as"), help: "Name the design NAME (letters, digits and hyphens) instead of the name in the file.")
        var newName: String?

        @Option(help: "The folder to write NAME.yaml in (default: the current folder).")
        var output: String = "."

        @Flag(help: "Overwrite NAME.yaml if it exists.")
        var force = false

        func validate() throws {
            if let newName { try checkDesignName(newName) }
        }

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else { throw CLIError("\(file): cannot be read: no such file, or no permission") }
            let (model, read) = try { () throws -> (ModelFile, ConversationDesign) in
                do { return try ModelReader.read(data, file: file) } catch let problem as ModelReader.Problem { throw CLIError(problem.description) }
            }()
            var design = read
            var text = model.design
            if let newName, newName != design.name {
                design.name = newName
                text = DesignWriter.yaml(design)
            }
            guard ConversationDesign.isValidName(design.name) else {
                throw CLIError("\(file): error: field \"design\": the design's name \"\(design.name)\" cannot be a file name; choose one with --as")
            }
            // The file written must read back as the design shown.
            guard (try? DesignReader.read(yaml: text, file: "design")) == design else {
                throw CLIError("\(file): error: field \"design\": the design does not read back the same; nothing was written")
            }
            let path = URL(fileURLWithPath: output).appendingPathComponent("\(design.name).yaml").path
            if FileManager.default.fileExists(atPath: path), !force {
                throw CLIError("\(path) already exists; nothing was written. Use --force to overwrite it, or --as to choose another name.")
            }
            print(ModelReader.summary(model, design: design))
            try writeAtomically(Data(text.utf8), to: path)
            print("Wrote \(path). Check it with: cocreate design validate \(path)")
        }
    }
}
