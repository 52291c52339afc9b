import ArgumentParser
import CoCreateCore
import Conversations
import DesignFiles
import Foundation

extension DesignCommand {
    /// `cocreate design fork CONVERSATION --name NEW`: the design a conversation ran, with what was learned.
    struct Fork: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a new design file from the design a conversation ran, with its lineage and the learnings recorded in the run.",
            discussion: "Writes NEW.yaml in the current folder, or the path given with --output. Never overwrites a file.")

        @OptionGroup var target: ConversationOptions

        @Option(help: "The new design's name: letters, digits and hyphens.")
        var name: String

        @Option(help: "Where to write the file (default: NAME.yaml).")
        var output: String?

        func validate() throws {
            try checkDesignName(name)
        }

        func run() async throws {
            let path = output ?? "\(name).yaml"
            guard !FileManager.default.fileExists(atPath: path) else {
                throw CLIError("\(path) already exists; nothing was written. Choose another name or --output.")
            }
            let state = try await target.state()
            let design = try ModelBuilder.forkedDesign(state, name: name, date: ModelBuilder.today())
            let text = DesignWriter.yaml(design, comment: "Forked from \(design.lineage?.forkedFrom ?? "") after conversation \(target.conversation).")
            guard (try? DesignReader.read(yaml: text, file: path)) == design else {
                throw CLIError("the forked design does not read back the same; nothing was written")
            }
            try writeAtomically(Data(text.utf8), to: path)
            print("Wrote \(path): \(design.title), forked from \(design.lineage?.forkedFrom ?? "") with \(design.learnings.count) learnings. Check it with: cocreate design validate \(path)")
        }
    }
}
